package io.metroscope.format;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import net.razorvine.pickle.PickleException;

/**
 * Reads a PyTorch state dict saved with {@code torch.save}, in the zip format (torch >= 1.6) or the legacy
 * format, without Python. Storages are memory-mapped, so the heap holds only the small pickle.
 *
 * <p>A {@code .gz} file is first decompressed to a temporary file, which is deleted as soon as it is mapped
 * (on Linux and macOS the mapping stays valid; the disk space returns when the buffers are collected).
 */
public final class TorchCheckpointReader {
    private static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final int LEGACY_PROTOCOL = 1001;
    private static final List<String> WRAPPER_KEYS = List.of("state_dict", "model", "model_state_dict", "net");
    private static final String PARALLEL_PREFIX = "module.";
    private static final String RESAVE_FIX = "torch.save(model.state_dict(), path) in Python";

    private TorchCheckpointReader() {
    }

    /** Reads {@code file} (zip, legacy, or either of them gzipped as {@code NAME.gz}). */
    public static StateDict read(Path file) throws FormatException {
        if (!file.getFileName().toString().endsWith(".gz")) {
            return readPlain(file, file);
        }
        Path temp = null;
        try {
            temp = Files.createTempFile("metroscope-checkpoint-", ".pt");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            return readPlain(temp, file);
        } catch (FormatException e) {
            throw e;
        } catch (IOException e) {
            throw new FormatException(file, "cannot decompress the .gz file (" + e.getMessage() + ")",
                    "the download is probably incomplete; obtain the file again or decompress it yourself", e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static StateDict readPlain(Path data, Path shownAs) throws FormatException {
        try (FileChannel channel = FileChannel.open(data)) {
            long size = channel.size();
            if (size < 4) {
                throw new FormatException(shownAs, "the file is empty or too short (" + size + " bytes) to be a "
                        + "PyTorch checkpoint", "copy the file again");
            }
            ByteBuffer head = ZipDirectory.readAt(channel, 0, 4);
            if (head.get(0) == 'P' && head.get(1) == 'K') {
                return readZip(shownAs, channel);
            }
            if ((head.get(0) & 0xFF) == 0x80) {
                return readLegacy(shownAs, channel);
            }
            throw new FormatException(shownAs, String.format("not a PyTorch checkpoint: it starts with bytes "
                    + "%02x %02x %02x %02x, neither a zip (PK) nor a pickle (80)", head.get(0), head.get(1),
                    head.get(2), head.get(3)), "choose the .pt/.pth/.bin file written by torch.save");
        } catch (FormatException e) {
            throw e;
        } catch (IOException e) {
            throw new FormatException(shownAs, "cannot read the file (" + e + ")",
                    "check that it exists and is readable", e);
        }
    }

    private static StateDict readZip(Path file, FileChannel channel) throws IOException {
        ZipDirectory zip = ZipDirectory.read(file, channel);
        ZipDirectory.Entry pickle = null;
        for (ZipDirectory.Entry e : zip.entries().values()) {
            if (e.name().endsWith("/data.pkl") || e.name().equals("data.pkl")) {
                pickle = e;
                break;
            }
        }
        if (pickle == null) {
            throw new FormatException(file, "a zip file without a data.pkl entry, so not a torch.save checkpoint",
                    "choose the file written by torch.save");
        }
        String prefix = pickle.name().substring(0, pickle.name().length() - "data.pkl".length());
        ZipDirectory.Entry byteOrder = zip.entries().get(prefix + "byteorder");
        if (byteOrder != null
                && new String(zip.readBytes(byteOrder), StandardCharsets.US_ASCII).trim().equals("big")) {
            throw new FormatException(file, "the checkpoint was saved on a big-endian machine",
                    "re-save it on a little-endian (x86/ARM) machine");
        }
        Map<String, TorchStorageRef> refs = new LinkedHashMap<>();
        byte[] pickleBytes = zip.readBytes(pickle);
        Object root = SafeUnpickler.load(new ByteArrayInputStream(pickleBytes), pickleBytes.length, file,
                PickleAllowlist.TORCH_CHECKPOINT, storageIds(refs));
        Map<String, TensorStorage> storages = new HashMap<>();
        for (TorchStorageRef ref : refs.values()) {
            ZipDirectory.Entry entry = zip.entries().get(prefix + "data/" + ref.key());
            if (entry == null) {
                throw new FormatException(file, "storage " + ref.key() + " is missing (no entry " + prefix + "data/"
                        + ref.key() + ")", "the file is damaged or incomplete; copy it again");
            }
            ByteBuffer bytes = zip.map(entry);
            storages.put(ref.key(), storage(file, ref, bytes, entry.size() / ref.dtype().byteSize()));
        }
        return toStateDict(file, StateDict.Format.ZIP, root, storages);
    }

    private static StateDict readLegacy(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        CountingInputStream in = new CountingInputStream(new BufferedInputStream(Channels.newInputStream(
                channel.position(0)), 1 << 16));
        Object magic;
        try {
            magic = SafeUnpickler.load(in, size, file, PickleAllowlist.TORCH_CHECKPOINT, null);
        } catch (FormatException e) {
            throw new FormatException(file, "not a PyTorch checkpoint: it starts with a pickle that is not "
                    + "torch's magic number", "choose the file written by torch.save", e);
        }
        if (!LEGACY_MAGIC.equals(magic)) {
            throw new FormatException(file, "wrong magic number " + PickleValues.keyText(magic)
                    + ": a pickle, but not written by torch.save",
                    "choose the file written by torch.save, or re-save it with " + RESAVE_FIX);
        }
        Object protocol = SafeUnpickler.load(in, size, file, PickleAllowlist.TORCH_CHECKPOINT, null);
        if (!Integer.valueOf(LEGACY_PROTOCOL).equals(protocol)) {
            throw new FormatException(file, "unsupported legacy torch protocol " + PickleValues.keyText(protocol)
                    + " (expected 1001)",
                    "re-save it with a recent torch: " + RESAVE_FIX);
        }
        Object sysInfo = SafeUnpickler.load(in, size, file, PickleAllowlist.TORCH_CHECKPOINT, null);
        if (!(sysInfo instanceof Map) || !Boolean.TRUE.equals(((Map<?, ?>) sysInfo).get("little_endian"))) {
            throw new FormatException(file, "the checkpoint was not saved on a little-endian machine "
                    + "(sys_info little_endian: " + (sysInfo instanceof Map<?, ?> m
                            ? PickleValues.keyText(m.get("little_endian")) : PickleValues.keyText(sysInfo)) + ")",
                    "re-save it on a little-endian (x86/ARM) machine");
        }
        Map<String, TorchStorageRef> refs = new LinkedHashMap<>();
        Object root = SafeUnpickler.load(in, size, file, PickleAllowlist.TORCH_CHECKPOINT, storageIds(refs));
        Object keyList = SafeUnpickler.load(in, size, file, PickleAllowlist.TORCH_CHECKPOINT, null);
        if (!(keyList instanceof List)) {
            throw new FormatException(file, "the storage key list is missing", "the file is damaged; copy it again");
        }
        Map<String, DType> rootTypes = new HashMap<>();
        for (TorchStorageRef ref : refs.values()) {
            rootTypes.put(ref.rootKey(), ref.dtype());
        }
        Map<String, TensorStorage> roots = new HashMap<>();
        long position = in.count();
        for (Object k : (List<?>) keyList) {
            String key = PickleValues.keyText(k);
            DType dtype = rootTypes.get(key);
            if (dtype == null) {
                throw new FormatException(file, "storage " + key + " is listed but no tensor uses it, so its "
                        + "element size is unknown", "the file is damaged; copy it again");
            }
            if (position + 8 > size) {
                throw truncated(file, key);
            }
            long count = ZipDirectory.readAt(channel, position, 8).getLong(0);
            // Compare before multiplying: a forged count must not overflow into a small or negative size.
            if (count < 0 || count > Integer.MAX_VALUE / dtype.byteSize()) {
                throw new FormatException(file, "storage " + key + " claims " + count + " elements",
                        count < 0 ? "the file is damaged; copy it again" : "storages over 2 GiB are not supported");
            }
            long bytes = count * dtype.byteSize();
            if (position + 8 + bytes > size) {
                throw truncated(file, key);
            }
            ByteBuffer data = channel.map(FileChannel.MapMode.READ_ONLY, position + 8, bytes)
                    .order(ByteOrder.LITTLE_ENDIAN);
            roots.put(key, new TensorStorage(key, dtype, count, data));
            position += 8 + bytes;
        }
        Map<String, TensorStorage> storages = new HashMap<>();
        for (TorchStorageRef ref : refs.values()) {
            TensorStorage rootStorage = roots.get(ref.rootKey());
            if (rootStorage == null) {
                throw new FormatException(file, "storage " + ref.rootKey() + " is used but has no data",
                        "the file is damaged; copy it again");
            }
            if (ref.viewOffset() == 0 && ref.key().equals(ref.rootKey())) {
                storages.put(ref.key(), rootStorage);
                continue;
            }
            long start = ref.viewOffset() * ref.dtype().byteSize();
            long length = ref.elementCount() * ref.dtype().byteSize();
            if (ref.viewOffset() < 0 || start + length > rootStorage.elementCount() * ref.dtype().byteSize()) {
                throw truncated(file, ref.key());
            }
            ByteBuffer view = rootStorage.bytes().position((int) start).limit((int) (start + length)).slice()
                    .order(ByteOrder.LITTLE_ENDIAN);
            storages.put(ref.key(), new TensorStorage(ref.key(), ref.dtype(), ref.elementCount(), view));
        }
        return toStateDict(file, StateDict.Format.LEGACY, root, storages);
    }

    /** Parses torch persistent ids {@code ('storage', type, key, location, numel[, view_metadata])}. */
    private static Function<Object, Object> storageIds(Map<String, TorchStorageRef> refs) {
        return pid -> {
            Object[] t = PickleValues.toTuple(pid, "persistent id");
            if (t.length < 5 || !"storage".equals(t[0])) {
                throw new PickleException("unsupported persistent id (expected a torch storage)");
            }
            if (!(t[1] instanceof PythonGlobals.StorageType)) {
                throw new PickleException("persistent id names " + PickleValues.describe(t[1])
                        + " instead of a storage type");
            }
            DType dtype = ((PythonGlobals.StorageType) t[1]).dtype();
            String rootKey = PickleValues.toText(t[2], "storage key");
            String location = t[3] == null ? "" : PickleValues.keyText(t[3]);
            long numel = PickleValues.toLong(t[4], "storage size");
            TorchStorageRef ref;
            if (t.length > 5 && t[5] != null) {
                Object[] view = PickleValues.toTuple(t[5], "storage view");
                if (view.length != 3) {
                    throw new PickleException("storage view metadata has " + view.length + " fields");
                }
                ref = new TorchStorageRef(PickleValues.toText(view[0], "view key"), dtype, location,
                        PickleValues.toLong(view[2], "view size"), rootKey,
                        PickleValues.toLong(view[1], "view offset"));
            } else {
                ref = new TorchStorageRef(rootKey, dtype, location, numel, rootKey, 0);
            }
            TorchStorageRef known = refs.putIfAbsent(ref.key(), ref);
            if (known != null && known.dtype() != ref.dtype()) {
                throw new PickleException("storage " + ref.key() + " is used as both " + known.dtype() + " and "
                        + ref.dtype());
            }
            return known != null ? known : ref;
        };
    }

    private static TensorStorage storage(Path file, TorchStorageRef ref, ByteBuffer bytes, long elements)
            throws FormatException {
        if (elements < ref.elementCount()) {
            throw new FormatException(file, "storage " + ref.key() + " holds " + elements + " " + ref.dtype()
                    + " elements but the pickle declares " + ref.elementCount(),
                    "the file is damaged or incomplete; copy it again");
        }
        return new TensorStorage(ref.key(), ref.dtype(), elements, bytes);
    }

    private static StateDict toStateDict(Path file, StateDict.Format format, Object root,
            Map<String, TensorStorage> storages) throws FormatException {
        if (!(root instanceof Map)) {
            throw notStateDict(file, "its top-level object is " + PickleValues.describe(root) + ", not a dict");
        }
        Map<?, ?> dict = (Map<?, ?>) root;
        String unwrappedFrom = "";
        if (!holdsTensors(dict)) {
            for (String key : WRAPPER_KEYS) {
                if (dict.get(key) instanceof Map && holdsTensors((Map<?, ?>) dict.get(key))) {
                    dict = (Map<?, ?>) dict.get(key);
                    unwrappedFrom = key;
                    break;
                }
            }
            if (unwrappedFrom.isEmpty()) {
                throw notStateDict(file, "it is a dict without tensors (keys " + dict.keySet().stream()
                        .limit(20).map(PickleValues::keyText).collect(Collectors.joining(", "))
                        + (dict.size() > 20 ? ", …" : "") + ")");
            }
        }
        boolean allPrefixed = true;
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            if (e.getValue() instanceof TorchTensorRef
                    && !PickleValues.keyText(e.getKey()).startsWith(PARALLEL_PREFIX)) {
                allPrefixed = false;
            }
        }
        Map<String, TorchTensor> tensors = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            String key = PickleValues.keyText(e.getKey());
            if (!(e.getValue() instanceof TorchTensorRef) || key.equals("_metadata")) {
                ignored.add(key);
                continue;
            }
            String name = allPrefixed ? key.substring(PARALLEL_PREFIX.length()) : key;
            TorchTensorRef ref = (TorchTensorRef) e.getValue();
            TensorStorage storage = storages.get(ref.storage().key());
            long[] strides = new long[ref.strides().length];
            for (int i = 0; i < strides.length; i++) {
                strides[i] = ref.strides()[i];
            }
            try {
                tensors.put(name, new TorchTensor(name, storage.dtype(), ref.shape(), strides, ref.storageOffset(),
                        storage));
            } catch (IllegalArgumentException ex) {
                throw new FormatException(file, "tensor " + key + " does not fit its storage: " + ex.getMessage(),
                        "the file is damaged or incomplete; copy it again", ex);
            }
        }
        return new StateDict(file, format, tensors, unwrappedFrom, allPrefixed ? PARALLEL_PREFIX : "", ignored);
    }

    private static boolean holdsTensors(Map<?, ?> dict) {
        for (Object value : dict.values()) {
            if (value instanceof TorchTensorRef) {
                return true;
            }
        }
        return false;
    }

    private static FormatException notStateDict(Path file, String why) {
        return new FormatException(file, "a PyTorch file, but not a state dict: " + why,
                "save just the weights with " + RESAVE_FIX);
    }

    private static FormatException truncated(Path file, String key) {
        return new FormatException(file, "the data of storage " + key + " runs past the end of the file "
                + "(truncated)", "the file is incomplete; copy or download it again");
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // Windows refuses to delete a mapped file; let the JVM try again on exit.
            temp.toFile().deleteOnExit();
        }
    }

    /** Counts the bytes the unpickler consumed, to find where the legacy data section starts. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
