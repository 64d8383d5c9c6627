package io.metroscope.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** Sequential typed values from a PLY body; one implementation per encoding. */
abstract class PlyValues {
    protected final Path file;
    private String element = "";
    private long row;
    private long rows;

    PlyValues(Path file) {
        this.file = file;
    }

    static PlyValues of(Path file, PlyHeader header, InputStream in) {
        return header.encoding() == PlyHeader.Encoding.ASCII
                ? new Ascii(file, in, header.bodyFirstLine())
                : new Binary(file, in, header.encoding().order, header.bodyOffset());
    }

    /** Which row is being read, so that errors can say so; set once per row, cheap. */
    final void at(String elementName, long rowIndex, long rowCount) {
        element = elementName;
        row = rowIndex;
        rows = rowCount;
    }

    abstract double readDouble(PlyHeader.Type type) throws FormatException;

    /** An integer-typed value; the header guarantees {@code type} is integral where this is called. */
    abstract long readLong(PlyHeader.Type type) throws FormatException;

    abstract void skip(PlyHeader.Type type) throws FormatException;

    /** "byte 123" or "line 45". */
    abstract String position();

    final FormatException error(String problem, String fix) {
        return new FormatException(file, position() + ", " + element + " " + row + " of " + rows + ": " + problem, fix);
    }

    /** Binary bodies, either byte order, with a refilled buffer rather than per-value stream calls. */
    static final class Binary extends PlyValues {
        private final InputStream in;
        private final ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        private long bufStart;

        Binary(Path file, InputStream in, ByteOrder order, long bodyOffset) {
            super(file);
            this.in = in;
            buf.order(order).limit(0);
            bufStart = bodyOffset;
        }

        private void need(int n) throws FormatException {
            if (buf.remaining() >= n) {
                return;
            }
            bufStart += buf.position();
            buf.compact();
            try {
                while (buf.position() < n) {
                    int got = in.read(buf.array(), buf.position(), buf.capacity() - buf.position());
                    if (got < 0) {
                        long end = bufStart + buf.position();
                        buf.flip();
                        throw new FormatException(file, "the file ends at byte " + end + " in the middle of "
                                + describeRow() + " (truncated)", "the file is incomplete; copy or export it again");
                    }
                    buf.position(buf.position() + got);
                }
            } catch (FormatException e) {
                throw e;
            } catch (IOException e) {
                throw MeshInput.failure(file, e);
            }
            buf.flip();
        }

        @Override
        double readDouble(PlyHeader.Type type) throws FormatException {
            need(type.size);
            return switch (type) {
                case CHAR -> buf.get();
                case UCHAR -> buf.get() & 0xFF;
                case SHORT -> buf.getShort();
                case USHORT -> buf.getShort() & 0xFFFF;
                case INT -> buf.getInt();
                case UINT -> buf.getInt() & 0xFFFFFFFFL;
                case FLOAT -> buf.getFloat();
                case DOUBLE -> buf.getDouble();
            };
        }

        @Override
        long readLong(PlyHeader.Type type) throws FormatException {
            need(type.size);
            return switch (type) {
                case CHAR -> buf.get();
                case UCHAR -> buf.get() & 0xFF;
                case SHORT -> buf.getShort();
                case USHORT -> buf.getShort() & 0xFFFF;
                case INT -> buf.getInt();
                case UINT -> buf.getInt() & 0xFFFFFFFFL;
                // Float indices are not valid PLY, but some exporters write them; accept whole values only.
                case FLOAT, DOUBLE -> integral(type == PlyHeader.Type.FLOAT ? buf.getFloat() : buf.getDouble());
            };
        }

        private long integral(double v) throws FormatException {
            if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                throw error("index " + v + " is not a whole number", "re-export the mesh with integer indices");
            }
            return (long) v;
        }

        @Override
        void skip(PlyHeader.Type type) throws FormatException {
            need(type.size);
            buf.position(buf.position() + type.size);
        }

        @Override
        String position() {
            return "byte " + (bufStart + buf.position());
        }
    }

    /** ASCII bodies: whitespace-separated tokens, counting lines for error messages. */
    static final class Ascii extends PlyValues {
        private final InputStream in;
        private final byte[] chunk = new byte[1 << 16];
        private int pos;
        private int limit;
        private int line;
        private int tokenLine;
        private final StringBuilder token = new StringBuilder(32);

        Ascii(Path file, InputStream in, int firstLine) {
            super(file);
            this.in = in;
            this.line = firstLine;
            this.tokenLine = firstLine;
        }

        private int next() throws FormatException {
            if (pos == limit) {
                try {
                    limit = in.read(chunk, 0, chunk.length);
                } catch (IOException e) {
                    throw MeshInput.failure(file, e);
                }
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return -1;
                }
            }
            return chunk[pos++] & 0xFF;
        }

        private String token() throws FormatException {
            int c;
            while ((c = next()) != -1 && c <= ' ') {
                if (c == '\n') {
                    line++;
                }
            }
            if (c == -1) {
                throw new FormatException(file, "the file ends at line " + line + " in the middle of "
                        + describeRow() + " (truncated)", "the file is incomplete; copy or export it again");
            }
            tokenLine = line;
            token.setLength(0);
            do {
                // Longer tokens are garbage anyway; capping keeps a binary blob from building a huge string.
                if (token.length() < 64) {
                    token.append((char) c);
                }
            } while ((c = next()) != -1 && c > ' ');
            if (c == '\n') {
                line++;
            }
            return token.toString();
        }

        @Override
        double readDouble(PlyHeader.Type type) throws FormatException {
            String t = token();
            try {
                double v = Double.parseDouble(t);
                if (Double.isFinite(v)) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // Reported below with the position.
            }
            throw error("'" + t + "' is not a finite number", "fix the value or re-export the mesh");
        }

        @Override
        long readLong(PlyHeader.Type type) throws FormatException {
            String t = token();
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw error("'" + t + "' is not an integer", "fix the value or re-export the mesh");
            }
        }

        @Override
        void skip(PlyHeader.Type type) throws FormatException {
            token();
        }

        @Override
        String position() {
            return "line " + tokenLine;
        }
    }

    final String describeRow() {
        return element + " " + row + " of " + rows;
    }
}
