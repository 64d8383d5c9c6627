package io.metroscope.format;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Writes a state dict as a {@code torch.save} zip checkpoint that {@code torch.load} and
 * {@code load_state_dict} accept, and that {@link TorchCheckpointReader} reads back.
 *
 * <p>Layout, as torch writes it: {@code <prefix>/data/<key>} (one raw little-endian storage per tensor, keys
 * {@code 0, 1, ...}), {@code <prefix>/data.pkl} (a protocol-2 pickle of a {@code collections.OrderedDict} of
 * {@code torch._utils._rebuild_tensor_v2(...)} calls with persistent storage ids), {@code <prefix>/byteorder}
 * ({@code little}) and {@code <prefix>/version} ({@code 3}). Entries are stored (not compressed) with their data
 * aligned to 64 bytes, so they can be memory-mapped.
 *
 * <p>Tensors are written as they are added, so a large checkpoint never has to be in memory at once; the file
 * appears (atomic rename of a temporary sibling) only when {@link #commit()} succeeds. Closing without a
 * commit (an exception in the try block), or any failure, deletes the temporary file and leaves the target
 * untouched. Files up to
 * 4 GiB (no zip64) are supported, which covers METRO (about 900 MB).
 *
 * <pre>{@code
 * try (TorchCheckpointWriter w = TorchCheckpointWriter.create(path)) {
 *     w.add("backbone.weight", NdArray.ofFloats(values, 1024, 2051));
 *     w.commit();
 * }
 * }</pre>
 */
public final class TorchCheckpointWriter implements Closeable {
    /** The directory inside the zip that torch names after the file; {@code torch.load} accepts any. */
    public static final String DEFAULT_PREFIX = "archive";
    /** Element types torch has a storage class for; others are refused by {@link #add}. */
    public static final Set<DType> WRITABLE = Set.of(DType.FLOAT16, DType.BFLOAT16, DType.FLOAT32, DType.FLOAT64,
            DType.INT8, DType.INT16, DType.INT32, DType.INT64, DType.UINT8, DType.BOOL);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ALIGNMENT = 64;
    private static final long ZIP32_LIMIT = 0xFFFFFFFFL;
    private static final int LOCAL_HEADER = 30;
    private static final short PAD_EXTRA_ID = 0x4246; // "FB", the id torch's writer uses for its padding field

    private record Written(String name, long crc, long size, long headerOffset) {
    }

    private record Tensor(String name, DType dtype, int[] shape, String storageKey, long numel) {
    }

    private final Path target;
    private final Path temp;
    private final String prefix;
    private final FileChannel channel;
    private final List<Written> entries = new ArrayList<>();
    private final List<Tensor> tensors = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private boolean failed;
    private boolean closed;

    private TorchCheckpointWriter(Path target, Path temp, String prefix, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.prefix = prefix;
        this.channel = channel;
    }

    /** Starts a checkpoint at {@code file} with the default zip prefix {@code archive}. */
    public static TorchCheckpointWriter create(Path file) throws FormatException {
        return create(file, DEFAULT_PREFIX);
    }

    /** Starts a checkpoint at {@code file}; {@code prefix} is the zip's top directory (letters, digits, _ . -). */
    public static TorchCheckpointWriter create(Path file, String prefix) throws FormatException {
        if (prefix.isEmpty() || !prefix.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("zip prefix must be a plain name: '" + prefix + "'");
        }
        Path absolute = file.toAbsolutePath();
        try {
            // Not Files.createTempFile: its owner-only permissions would survive the rename.
            Path temp = absolute.resolveSibling("." + absolute.getFileName() + "."
                    + Long.toHexString(RANDOM.nextLong()) + ".tmp");
            FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
            return new TorchCheckpointWriter(absolute, temp, prefix, channel);
        } catch (IOException e) {
            throw new FormatException(file, "cannot create a temporary file beside it (" + e + ")",
                    "check that the folder exists, is writable and has free space", e);
        }
    }

    /** Writes {@code tensors} (in map iteration order: use a LinkedHashMap) as one checkpoint at {@code file}. */
    public static void write(Path file, Map<String, NdArray> tensors) throws FormatException {
        try (TorchCheckpointWriter writer = create(file)) {
            for (Map.Entry<String, NdArray> e : tensors.entrySet()) {
                writer.add(e.getKey(), e.getValue());
            }
            writer.commit();
        }
    }

    /**
     * Appends tensor {@code name} (contiguous, row-major) with its own storage. Its element bytes are written
     * now (converted to little-endian if needed); the array may be dropped afterwards.
     *
     * @throws IllegalArgumentException for a duplicate name or a dtype outside {@link #WRITABLE}
     */
    public void add(String name, NdArray array) throws FormatException {
        Objects.requireNonNull(name, "name");
        if (closed) {
            throw new IllegalStateException("the checkpoint writer is closed");
        }
        if (!WRITABLE.contains(array.dtype())) {
            throw new IllegalArgumentException("tensor " + name + ": torch has no storage for " + array.dtype()
                    + " (writable: float16, bfloat16, float32, float64, int8/16/32/64, uint8, bool)");
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException("tensor " + name + " was already added");
        }
        String key = Integer.toString(tensors.size());
        long numel = array.size();
        ByteBuffer bytes = littleEndianBytes(array, numel);
        try {
            writeEntry(prefix + "/data/" + key, bytes);
        } catch (IOException e) {
            throw fail(e);
        }
        tensors.add(new Tensor(name, array.dtype(), array.shape(), key, numel));
    }

    /** Writes the pickle and the zip directory, then renames the file into place. */
    public void commit() throws FormatException {
        if (closed) {
            throw new IllegalStateException("the checkpoint writer is already closed");
        }
        if (failed) {
            abort();
            throw new IllegalStateException("an earlier write failed; nothing was written");
        }
        closed = true;
        boolean moved = false;
        try {
            writeEntry(prefix + "/data.pkl", ByteBuffer.wrap(pickle()));
            writeEntry(prefix + "/byteorder", ByteBuffer.wrap("little".getBytes(StandardCharsets.US_ASCII)));
            writeEntry(prefix + "/version", ByteBuffer.wrap("3\n".getBytes(StandardCharsets.US_ASCII)));
            writeCentralDirectory();
            channel.force(true);
            channel.close();
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } catch (FormatException e) {
            throw e;
        } catch (IOException e) {
            throw new FormatException(target, "could not write the checkpoint (" + e + ")",
                    "check that the folder is writable and the disk has free space", e);
        } finally {
            if (!moved) {
                closeQuietly();
                deleteQuietly(temp);
            }
        }
    }

    /** Without a {@link #commit()} before: discards the checkpoint (see {@link #abort()}). */
    @Override
    public void close() {
        if (!closed) {
            abort();
        }
    }

    /** Drops everything written so far; the target file is not touched. */
    public void abort() {
        closed = true;
        closeQuietly();
        deleteQuietly(temp);
    }

    // ---- zip ---------------------------------------------------------------------------------------------

    private void writeEntry(String name, ByteBuffer data) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        long headerOffset = channel.position();
        long size = data.remaining();
        // Pad through the local header's extra field so that the data starts on a 64-byte boundary.
        long unpadded = headerOffset + LOCAL_HEADER + nameBytes.length + 4;
        int padding = (int) ((ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT);
        if (headerOffset + LOCAL_HEADER + nameBytes.length + 4 + padding + size > ZIP32_LIMIT) {
            throw new FormatException(target, "the checkpoint would exceed 4 GiB, which this writer does not support",
                    "split the state dict into several files");
        }
        CRC32 crc = new CRC32();
        crc.update(data.duplicate());
        ByteBuffer header = ByteBuffer.allocate(LOCAL_HEADER + nameBytes.length + 4 + padding)
                .order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) ZipDirectory.STORED)
                .putShort((short) 0).putShort((short) 0x21) // DOS time and date: 1980-01-01 00:00
                .putInt((int) crc.getValue()).putInt((int) size).putInt((int) size)
                .putShort((short) nameBytes.length).putShort((short) (4 + padding))
                .put(nameBytes).putShort(PAD_EXTRA_ID).putShort((short) padding);
        header.position(header.limit()).flip();
        writeFully(header);
        writeFully(data.duplicate());
        entries.add(new Written(name, crc.getValue(), size, headerOffset));
    }

    private void writeCentralDirectory() throws IOException {
        long start = channel.position();
        ByteArrayOutputStream dir = new ByteArrayOutputStream();
        for (Written e : entries) {
            byte[] nameBytes = e.name().getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.allocate(46 + nameBytes.length).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0)
                    .putShort((short) ZipDirectory.STORED).putShort((short) 0).putShort((short) 0x21)
                    .putInt((int) e.crc()).putInt((int) e.size()).putInt((int) e.size())
                    .putShort((short) nameBytes.length).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) e.headerOffset()).put(nameBytes);
            dir.write(b.array(), 0, b.capacity());
        }
        byte[] directory = dir.toByteArray();
        if (entries.size() > 0xFFFF || start + directory.length + 22 > ZIP32_LIMIT) {
            throw new FormatException(target, "too many tensors or too large for a zip without zip64",
                    "split the state dict into several files");
        }
        ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size())
                .putShort((short) entries.size()).putInt(directory.length).putInt((int) start).putShort((short) 0);
        writeFully(ByteBuffer.wrap(directory));
        writeFully(end.flip());
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static ByteBuffer littleEndianBytes(NdArray array, long numel) {
        int size = array.dtype().byteSize();
        ByteBuffer data = array.data().position(0).limit((int) (numel * size)).slice().order(array.data().order());
        if (data.order() == ByteOrder.LITTLE_ENDIAN || size == 1) {
            return data;
        }
        ByteBuffer swapped = ByteBuffer.allocate(data.remaining());
        for (int i = 0; i < data.remaining(); i += size) {
            for (int k = 0; k < size; k++) {
                swapped.put(i + k, data.get(i + size - 1 - k));
            }
        }
        return swapped;
    }

    // ---- pickle (protocol 2) -----------------------------------------------------------------------------

    private byte[] pickle() {
        PickleEmitter p = new PickleEmitter();
        p.proto(2);
        p.global("collections", "OrderedDict");
        p.emptyTuple();
        p.reduce();
        p.mark();
        for (Tensor t : tensors) {
            p.unicode(t.name());
            p.global("torch._utils", "_rebuild_tensor_v2");
            p.mark();
            // Persistent id ('storage', torch.XStorage, key, 'cpu', numel).
            p.mark();
            p.unicode("storage");
            p.global("torch", t.dtype().torchStorageName().orElseThrow());
            p.unicode(t.storageKey());
            p.unicode("cpu");
            p.integer(t.numel());
            p.tuple();
            p.binPersId();
            p.integer(0); // storage offset
            p.intTuple(t.shape());
            long[] strides = Strided.rowMajorStrides(t.shape());
            p.mark();
            for (long s : strides) {
                p.integer(s);
            }
            p.tuple();
            p.newFalse(); // requires_grad
            p.global("collections", "OrderedDict"); // backward hooks
            p.emptyTuple();
            p.reduce();
            p.tuple();
            p.reduce();
        }
        p.setItems();
        p.stop();
        return p.toByteArray();
    }

    /** Emits the handful of pickle opcodes a state dict needs. */
    static final class PickleEmitter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void proto(int version) {
            out.write(0x80);
            out.write(version);
        }

        void global(String module, String name) {
            out.write('c');
            ascii(module + "\n" + name + "\n");
        }

        void mark() {
            out.write('(');
        }

        void tuple() {
            out.write('t');
        }

        void emptyTuple() {
            out.write(')');
        }

        void reduce() {
            out.write('R');
        }

        void setItems() {
            out.write('u');
        }

        void binPersId() {
            out.write('Q');
        }

        void newFalse() {
            out.write(0x89);
        }

        void stop() {
            out.write('.');
        }

        void intTuple(int[] values) {
            if (values.length == 0) {
                emptyTuple();
                return;
            }
            mark();
            for (int v : values) {
                integer(v);
            }
            tuple();
        }

        void unicode(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.write('X');
            int32(b.length);
            out.write(b, 0, b.length);
        }

        void integer(long v) {
            if (v >= 0 && v < 0x100) {
                out.write('K');
                out.write((int) v);
            } else if (v >= 0 && v < 0x10000) {
                out.write('M');
                out.write((int) v & 0xFF);
                out.write((int) (v >>> 8) & 0xFF);
            } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                out.write('J');
                int32((int) v);
            } else {
                out.write(0x8a); // LONG1: little-endian two's complement
                out.write(8);
                for (int i = 0; i < 8; i++) {
                    out.write((int) (v >>> (8 * i)) & 0xFF);
                }
            }
        }

        private void int32(int v) {
            for (int i = 0; i < 4; i++) {
                out.write((v >>> (8 * i)) & 0xFF);
            }
        }

        private void ascii(String s) {
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            out.write(b, 0, b.length);
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    // ---- cleanup -----------------------------------------------------------------------------------------

    private FormatException fail(IOException e) {
        failed = true;
        if (e instanceof FormatException) {
            return (FormatException) e;
        }
        return new FormatException(target, "could not write the checkpoint (" + e + ")",
                "check that the folder is writable and the disk has free space", e);
    }

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // The original error matters more.
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // A stray temporary file is not worth hiding the real error.
        }
    }
}
