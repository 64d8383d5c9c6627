package io.metroscope.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A parsed PLY header: encoding, elements and their properties, and where the body starts. */
record PlyHeader(Encoding encoding, List<Element> elements, long bodyOffset, int bodyFirstLine) {

    /** Body encodings the PLY 1.0 format defines. */
    enum Encoding {
        ASCII(null), BINARY_LITTLE_ENDIAN(ByteOrder.LITTLE_ENDIAN), BINARY_BIG_ENDIAN(ByteOrder.BIG_ENDIAN);

        final ByteOrder order;

        Encoding(ByteOrder order) {
            this.order = order;
        }
    }

    /** Scalar types, under both the original and the sized names. */
    enum Type {
        CHAR(1, true), UCHAR(1, true), SHORT(2, true), USHORT(2, true), INT(4, true), UINT(4, true),
        FLOAT(4, false), DOUBLE(8, false);

        final int size;
        final boolean integral;

        Type(int size, boolean integral) {
            this.size = size;
            this.integral = integral;
        }

        static Type parse(String name) {
            return switch (name) {
                case "char", "int8" -> CHAR;
                case "uchar", "uint8" -> UCHAR;
                case "short", "int16" -> SHORT;
                case "ushort", "uint16" -> USHORT;
                case "int", "int32" -> INT;
                case "uint", "uint32" -> UINT;
                case "float", "float32" -> FLOAT;
                case "double", "float64" -> DOUBLE;
                default -> null;
            };
        }
    }

    /** A property; {@code countType} is null for scalars and the list-length type for lists. */
    record Property(String name, Type type, Type countType) {
        boolean isList() {
            return countType != null;
        }
    }

    /** An element declaration with its row count. */
    record Element(String name, long count, List<Property> properties) {
        /** Fewest bytes one row can take in a binary body (lists counted as empty). */
        long minBinaryRowSize() {
            long n = 0;
            for (Property p : properties) {
                n += p.isList() ? p.countType().size : p.type().size;
            }
            return n;
        }
    }

    // Real headers are a few hundred bytes; the cap stops a binary blob from being scanned as a header.
    static final int MAX_HEADER_BYTES = 1 << 20;

    /** Reads the header from the start of the stream, leaving it positioned at the body. */
    static PlyHeader read(Path file, InputStream in) throws IOException {
        Encoding encoding = null;
        List<Element> elements = new ArrayList<>();
        List<Property> current = null;
        long offset = 0;
        int lineNo = 0;
        StringBuilder line = new StringBuilder(80);
        while (true) {
            line.setLength(0);
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (++offset > MAX_HEADER_BYTES) {
                    throw new FormatException(file, "no 'end_header' line within the first " + MAX_HEADER_BYTES
                            + " bytes", "the file is not a PLY file or its header is damaged; re-export it");
                }
                line.append((char) b);
            }
            if (b == -1) {
                throw new FormatException(file, "the header ends at byte " + offset + " (line " + (lineNo + 1)
                        + ") without an 'end_header' line", "the file is truncated or not a PLY file; re-export it");
            }
            offset++;
            lineNo++;
            // Windows-written headers end lines with \r\n.
            String text = line.toString().strip();
            if (lineNo == 1) {
                if (!text.equals("ply")) {
                    throw new FormatException(file, "not a PLY file: the first line is not 'ply'",
                            "check that this is a .ply mesh file");
                }
                continue;
            }
            String[] t = text.isEmpty() ? new String[0] : text.split("\\s+");
            if (t.length == 0 || t[0].equals("comment") || t[0].equals("obj_info")) {
                continue;
            }
            switch (t[0]) {
                case "format" -> {
                    if (t.length != 3) {
                        throw bad(file, lineNo, text, "expected 'format <ascii|binary_little_endian|binary_big_endian> 1.0'");
                    }
                    encoding = switch (t[1]) {
                        case "ascii" -> Encoding.ASCII;
                        case "binary_little_endian" -> Encoding.BINARY_LITTLE_ENDIAN;
                        case "binary_big_endian" -> Encoding.BINARY_BIG_ENDIAN;
                        default -> throw bad(file, lineNo, text, "unknown format '" + t[1] + "'");
                    };
                    if (!t[2].startsWith("1")) {
                        throw bad(file, lineNo, text, "unsupported PLY version '" + t[2] + "' (only 1.x is known)");
                    }
                }
                case "element" -> {
                    if (t.length != 3) {
                        throw bad(file, lineNo, text, "expected 'element <name> <count>'");
                    }
                    long count;
                    try {
                        count = Long.parseLong(t[2]);
                    } catch (NumberFormatException e) {
                        count = -1;
                    }
                    if (count < 0) {
                        throw bad(file, lineNo, text, "element count '" + t[2] + "' is not a non-negative integer");
                    }
                    current = new ArrayList<>();
                    elements.add(new Element(t[1], count, current));
                }
                case "property" -> {
                    if (current == null) {
                        throw bad(file, lineNo, text, "property before any 'element' line");
                    }
                    current.add(property(file, lineNo, text, t));
                }
                case "end_header" -> {
                    if (encoding == null) {
                        throw new FormatException(file, "the header has no 'format' line",
                                "add 'format ascii 1.0' (or the binary variant) after 'ply', or re-export the file");
                    }
                    return new PlyHeader(encoding, List.copyOf(elements), offset, lineNo + 1);
                }
                default -> throw bad(file, lineNo, text, "unknown header keyword '" + t[0] + "'");
            }
        }
    }

    private static Property property(Path file, int lineNo, String text, String[] t) throws FormatException {
        if (t.length >= 2 && t[1].equals("list")) {
            if (t.length != 5) {
                throw bad(file, lineNo, text, "expected 'property list <count type> <item type> <name>'");
            }
            Type countType = Type.parse(t[2]);
            Type itemType = Type.parse(t[3]);
            if (countType == null || !countType.integral) {
                throw bad(file, lineNo, text, "list count type '" + t[2] + "' is not an integer type");
            }
            if (itemType == null) {
                throw bad(file, lineNo, text, "unknown type '" + t[3] + "'");
            }
            return new Property(t[4], itemType, countType);
        }
        if (t.length != 3) {
            throw bad(file, lineNo, text, "expected 'property <type> <name>'");
        }
        Type type = Type.parse(t[1]);
        if (type == null) {
            throw bad(file, lineNo, text, "unknown type '" + t[1] + "'");
        }
        return new Property(t[2], type, null);
    }

    private static FormatException bad(Path file, int lineNo, String text, String problem) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return new FormatException(file, "bad PLY header at line " + lineNo + " ('" + shown + "'): " + problem,
                "fix the header or re-export the mesh");
    }

    /** The element with this name (case-insensitive), or null. */
    Element element(String name) {
        for (Element e : elements) {
            if (e.name().toLowerCase(Locale.ROOT).equals(name)) {
                return e;
            }
        }
        return null;
    }
}
