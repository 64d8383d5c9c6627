package io.metroscope.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files: reads versions 1-3 (numeric and bool dtypes in either byte order, C or Fortran
 * order, and object arrays through {@link SafeUnpickler}); writes version 1.0, little-endian, C order.
 * C-order data is memory-mapped, not copied.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** Reads a {@code .npy} file. */
    public static NdArray read(Path file) throws FormatException {
        try (FileChannel channel = FileChannel.open(file)) {
            if (channel.size() > Integer.MAX_VALUE) {
                throw new FormatException(file, "larger than 2 GiB", "split the array into smaller files");
            }
            ByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            return read(bytes, file);
        } catch (FormatException e) {
            throw e;
        } catch (IOException e) {
            throw new FormatException(file, "cannot read the file (" + e + ")", "check that it exists and is readable",
                    e);
        }
    }

    /** Parses {@code .npy} bytes; {@code source} names them in messages (an npz entry is "file.npz!name.npy"). */
    static NdArray read(ByteBuffer bytes, Path source) throws FormatException {
        ByteBuffer b = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 10 || !startsWithMagic(b)) {
            throw new FormatException(source, "not a NumPy .npy file (no \\x93NUMPY magic)",
                    "choose a file written by numpy.save");
        }
        int major = b.get(6) & 0xFF;
        int headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = b.getShort(8) & 0xFFFF;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (b.remaining() < 12) {
                throw truncated(source);
            }
            headerLength = b.getInt(8);
            headerStart = 12;
        } else {
            throw new FormatException(source, "unsupported .npy format version " + major,
                    "re-save it with numpy.save (versions 1-3 are read)");
        }
        if (headerLength < 0 || headerStart + (long) headerLength > b.limit()) {
            throw truncated(source);
        }
        byte[] headerBytes = new byte[headerLength];
        b.get(headerStart, headerBytes);
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeText = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeText.find()) {
            throw new FormatException(source, "unreadable .npy header (" + header.trim() + "); structured dtypes "
                    + "are not supported", "save plain numeric arrays with numpy.save");
        }
        int[] shape = parseShape(shapeText.group(1), source);
        String code = descr.group(1);
        ByteOrder order = code.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        String kind = code.isEmpty() || "<>|=".indexOf(code.charAt(0)) < 0 ? code : code.substring(1);
        DType dtype = DType.fromNumpyCode(kind).orElseThrow(() -> new FormatException(source,
                "unsupported NumPy dtype '" + code + "'", "convert the array to a numeric or bool dtype"));
        int count = Strided.elementCount(shape);
        if (count < 0) {
            throw new FormatException(source, "shape " + Arrays.toString(shape) + " has more than 2^31-1 elements",
                    "split the array");
        }
        int dataStart = headerStart + headerLength;
        ByteBuffer data = b.position(dataStart).slice();
        if (dtype == DType.OBJECT) {
            byte[] pickle = new byte[data.remaining()];
            data.get(pickle);
            Object value = SafeUnpickler.load(pickle, source, PickleAllowlist.NUMPY_OBJECT_ARRAY);
            if (!(value instanceof NdArray) || !Arrays.equals(((NdArray) value).shape(), shape)) {
                throw new FormatException(source, "the pickled object array does not match the header shape "
                        + Arrays.toString(shape), "the file is damaged; re-save it with numpy.save");
            }
            return (NdArray) value;
        }
        long needed = (long) count * dtype.byteSize();
        if (data.remaining() < needed) {
            throw new FormatException(source, "the data holds " + data.remaining() + " bytes but shape "
                    + Arrays.toString(shape) + " of " + code + " needs " + needed + " (truncated)",
                    "the file is incomplete; copy it again");
        }
        data.limit((int) needed);
        return NdArray.fromRaw(dtype, order, shape, "True".equals(fortran.group(1)), data);
    }

    /** Writes {@code array} as a version 1.0 {@code .npy} (little-endian, C order). */
    public static void write(Path file, NdArray array) throws IOException {
        AtomicFiles.write(file, out -> write(out, array));
    }

    static byte[] toBytes(NdArray array) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out, array);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e);
        }
        return out.toByteArray();
    }

    static void write(OutputStream out, NdArray array) throws IOException {
        DType dtype = array.dtype();
        String code = dtype.numpyCode().orElse(null);
        if (dtype == DType.OBJECT || code == null) {
            throw new IllegalArgumentException("cannot write " + dtype + " arrays to .npy (NumPy has no such "
                    + "numeric dtype; convert bfloat16 to float32 first)");
        }
        StringBuilder shape = new StringBuilder("(");
        for (int d : array.shape()) {
            shape.append(d).append(", ");
        }
        if (array.rank() >= 1) {
            shape.setLength(shape.length() - 2);
            if (array.rank() == 1) {
                shape.append(',');
            }
        }
        shape.append(')');
        String descr = (dtype.byteSize() == 1 ? "|" : "<") + code;
        StringBuilder header = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': "
                + shape + ", }");
        // NumPy pads so the data starts on a 64-byte boundary, ending the header with a newline.
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        out.write(MAGIC);
        out.write(new byte[] {1, 0, (byte) headerBytes.length, (byte) (headerBytes.length >>> 8)});
        out.write(headerBytes);
        ByteBuffer data = array.data();
        int size = dtype.byteSize();
        int total = array.size() * size;
        byte[] chunk = new byte[Math.min(total, 1 << 16)];
        boolean swap = data.order() != ByteOrder.LITTLE_ENDIAN && size > 1;
        for (int start = 0; start < total; start += chunk.length) {
            int n = Math.min(chunk.length, total - start);
            for (int i = 0; i < n; i++) {
                int at = start + i;
                // Swap within each element when the source is big-endian.
                chunk[i] = data.get(swap ? at - at % size + (size - 1 - at % size) : at);
            }
            out.write(chunk, 0, n);
        }
    }

    private static boolean startsWithMagic(ByteBuffer b) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (b.get(i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static int[] parseShape(String text, Path source) throws FormatException {
        String[] parts = text.split(",");
        int n = 0;
        int[] shape = new int[parts.length];
        for (String part : parts) {
            String p = part.trim();
            if (p.endsWith("L")) {
                p = p.substring(0, p.length() - 1); // Python 2 long literal
            }
            if (p.isEmpty()) {
                continue;
            }
            try {
                shape[n++] = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new FormatException(source, "bad shape (" + text + ") in the .npy header",
                        "the file is damaged; re-save it with numpy.save", e);
            }
            if (shape[n - 1] < 0) {
                throw new FormatException(source, "negative dimension in shape (" + text + ")",
                        "the file is damaged; re-save it with numpy.save");
            }
        }
        return Arrays.copyOf(shape, n);
    }

    private static FormatException truncated(Path source) {
        return new FormatException(source, "the .npy header is cut short (truncated file)",
                "the file is incomplete; copy it again");
    }
}
