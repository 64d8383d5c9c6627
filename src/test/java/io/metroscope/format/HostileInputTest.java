package io.metroscope.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malicious, broken and wrong files are refused with a message naming the file; nothing they ask for runs. */
class HostileInputTest {

    @TempDir
    Path temp;

    private Path marker;

    @BeforeEach
    void chooseMarker() {
        marker = temp.resolve("pwned");
    }

    @AfterEach
    void nothingRan() {
        assertThat(marker).doesNotExist();
    }

    private byte[] command() {
        return ("touch " + marker).getBytes(StandardCharsets.US_ASCII);
    }

    /** Protocol 0: {@code os.system('touch marker')} through GLOBAL + REDUCE. */
    private byte[] osSystem(String module) {
        return concat(("c" + module + "\nsystem\n(S'").getBytes(StandardCharsets.US_ASCII), command(),
                "'\ntR.".getBytes(StandardCharsets.US_ASCII));
    }

    /** Protocol 4: {@code builtins.eval(...)} through STACK_GLOBAL. */
    private byte[] builtinsEval() {
        byte[] code = ("__import__('os').system('touch " + marker + "')").getBytes(StandardCharsets.US_ASCII);
        return concat(new byte[] {(byte) 0x80, 4, (byte) 0x8c, 8}, "builtins".getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0x8c, 4}, "eval".getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0x93, (byte) 0x8c, (byte) code.length}, code,
                new byte[] {(byte) 0x85, 'R', '.'});
    }

    /** Protocol 0 INST: {@code subprocess.Popen(['touch', marker])}. */
    private byte[] popenInst() {
        return concat("((S'touch'\nS'".getBytes(StandardCharsets.US_ASCII),
                marker.toString().getBytes(StandardCharsets.US_ASCII),
                "'\nlisubprocess\nPopen\n.".getBytes(StandardCharsets.US_ASCII));
    }

    /** Protocol 2: an unknown class made with NEWOBJ and given state, which razorvine would accept as a ClassDict. */
    private static byte[] unknownClass() {
        return concat(new byte[] {(byte) 0x80, 2}, "c__main__\nEvil\n)\u0081}b.".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void refusesCodeExecutingGlobalsForEveryFileKind() {
        for (PickleAllowlist kind : PickleAllowlist.values()) {
            assertRefused(osSystem("os"), kind, "os.system");
            assertRefused(osSystem("posix"), kind, "posix.system");
            assertRefused(builtinsEval(), kind, "builtins.eval");
            assertRefused(popenInst(), kind, "subprocess.Popen");
            assertRefused(unknownClass(), kind, "__main__.Evil");
        }
        // Allowed for one kind does not mean allowed for another.
        assertRefused("cnumpy\ndtype\n(S'f8'\ntR.".getBytes(StandardCharsets.US_ASCII),
                PickleAllowlist.TORCH_CHECKPOINT, "numpy.dtype");
        assertRefused("cchumpy.ch\nCh\n)R.".getBytes(StandardCharsets.US_ASCII),
                PickleAllowlist.NUMPY_OBJECT_ARRAY, "chumpy.ch.Ch");
    }

    private static void assertRefused(byte[] pickle, PickleAllowlist kind, String global) {
        Path name = Path.of("evil.pkl");
        assertThatThrownBy(() -> SafeUnpickler.load(pickle, name, kind))
                .as(kind + " " + global)
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("evil.pkl")
                .hasMessageContaining("refused to load Python global '" + global + "'")
                .hasMessageContaining("Fix:");
    }

    @Test
    void malformedPicklesFailCleanly() {
        Path name = Path.of("broken.pkl");
        // REDUCE on something that is not callable, a truncated pickle, and a bytes object claiming 2 GB.
        byte[][] broken = {
            {(byte) 0x80, 2, 'K', 1, ')', 'R', '.'},
            {(byte) 0x80, 2, ']', 'q', 0, '(', 'K'},
            {(byte) 0x80, 3, 'B', (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F, 'x', '.'},
            {(byte) 0x80, 2, 'T', (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, '.'},
            {'c', 'o', 's'},
            {},
        };
        for (byte[] pickle : broken) {
            assertThatThrownBy(() -> SafeUnpickler.load(pickle, name, PickleAllowlist.SMPL_MODEL))
                    .as(Arrays.toString(pickle)).isInstanceOf(FormatException.class).hasMessageContaining("broken.pkl");
        }
        // 200000 nested lists must not take the JVM down.
        ByteArrayOutputStream deep = new ByteArrayOutputStream();
        deep.write(0x80);
        deep.write(2);
        int depth = 200_000;
        for (int i = 0; i < depth; i++) {
            deep.write(']');
        }
        for (int i = 1; i < depth; i++) {
            deep.write('a');
        }
        deep.write('.');
        try {
            Object nested = SafeUnpickler.load(deep.toByteArray(), name, PickleAllowlist.SMPL_MODEL);
            assertThat(nested).isInstanceOf(java.util.List.class);
        } catch (FormatException e) {
            assertThat(e).hasMessageContaining("broken.pkl");
        }
    }

    @Test
    void refusesMaliciousZipCheckpoint() throws IOException {
        Path file = temp.resolve("evil_zip.pt");
        writeZip(file, "archive/data.pkl", osSystem("os"));
        assertThatThrownBy(() -> TorchCheckpointReader.read(file)).isInstanceOf(FormatException.class)
                .hasMessageContaining("evil_zip.pt").hasMessageContaining("'os.system'")
                .hasMessageContaining("torch.save(model.state_dict(), path)");
    }

    @Test
    void refusesMaliciousLegacyCheckpoint() throws IOException {
        byte[] legacy = Files.readAllBytes(Fixtures.resource("tensors_legacy.pt"));
        // Keep torch's magic number, protocol and sys_info pickles; replace the object pickle.
        int end = 0;
        for (int stops = 0; stops < 3; end++) {
            if (legacy[end] == '.' && (stops < 2 || legacy[end - 1] == 'u' || legacy[end - 1] == 's')) {
                stops++;
            }
        }
        Path file = Files.write(temp.resolve("evil_legacy.pt"),
                concat(Arrays.copyOf(legacy, end), builtinsEval()));
        assertThatThrownBy(() -> TorchCheckpointReader.read(file)).isInstanceOf(FormatException.class)
                .hasMessageContaining("evil_legacy.pt").hasMessageContaining("'builtins.eval'");
    }

    @Test
    void refusesWholePickledModules() {
        assertThatThrownBy(() -> TorchCheckpointReader.read(Fixtures.resource("whole_module.pt")))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("whole_module.pt")
                .hasMessageContaining("'torch.nn.modules.linear.Linear'")
                .hasMessageContaining("Fix: if it is a whole pickled model");
    }

    @Test
    void refusesTorchFilesThatAreNotStateDicts() {
        for (String name : new String[] {"not_state_dict_list.pt", "not_state_dict_dict.pt"}) {
            assertThatThrownBy(() -> TorchCheckpointReader.read(Fixtures.resource(name)))
                    .isInstanceOf(FormatException.class).hasMessageContaining(name)
                    .hasMessageContaining("not a state dict");
        }
    }

    @Test
    void refusesWrongMagicAndForeignFiles() throws IOException {
        Path plainPickle = Files.write(temp.resolve("plain.pkl"), new byte[] {(byte) 0x80, 2, 'M', 0x39, 0x30, '.'});
        assertThatThrownBy(() -> TorchCheckpointReader.read(plainPickle)).isInstanceOf(FormatException.class)
                .hasMessageContaining("plain.pkl").hasMessageContaining("wrong magic number 12345");

        Path text = Files.write(temp.resolve("notes.txt"), "just some text".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> TorchCheckpointReader.read(text)).isInstanceOf(FormatException.class)
                .hasMessageContaining("not a PyTorch checkpoint");

        Path empty = Files.write(temp.resolve("empty.pt"), new byte[0]);
        assertThatThrownBy(() -> TorchCheckpointReader.read(empty)).isInstanceOf(FormatException.class)
                .hasMessageContaining("too short");

        Path otherZip = temp.resolve("other.zip");
        writeZip(otherZip, "readme.txt", "hi".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> TorchCheckpointReader.read(otherZip)).isInstanceOf(FormatException.class)
                .hasMessageContaining("without a data.pkl");

        Path badGz = Files.write(temp.resolve("bad.pt.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2});
        assertThatThrownBy(() -> TorchCheckpointReader.read(badGz)).isInstanceOf(FormatException.class)
                .hasMessageContaining("bad.pt.gz").hasMessageContaining(".gz");
    }

    @Test
    void refusesTruncatedAndCorruptedCheckpoints() throws IOException {
        byte[] zip = Files.readAllBytes(Fixtures.resource("tensors_zip.pt"));
        for (int length : new int[] {zip.length / 2, zip.length - 10, 3000, 100}) {
            Path cut = Files.write(temp.resolve("cut" + length + ".pt"), Arrays.copyOf(zip, length));
            assertThatThrownBy(() -> TorchCheckpointReader.read(cut)).as("zip cut at " + length)
                    .isInstanceOf(FormatException.class).hasMessageContaining("cut" + length + ".pt")
                    .hasMessageContaining("truncated");
        }
        byte[] corrupted = zip.clone();
        int pickleStart = indexOf(zip, "collections".getBytes(StandardCharsets.US_ASCII));
        corrupted[pickleStart + 3] ^= 0x20;
        Path bad = Files.write(temp.resolve("corrupted.pt"), corrupted);
        assertThatThrownBy(() -> TorchCheckpointReader.read(bad)).isInstanceOf(FormatException.class)
                .hasMessageContaining("corrupted.pt").hasMessageContaining("CRC");

        byte[] legacy = Files.readAllBytes(Fixtures.resource("tensors_legacy.pt"));
        for (int length : new int[] {legacy.length - 1, legacy.length - 100}) {
            Path cut = Files.write(temp.resolve("legacy" + length + ".pt"), Arrays.copyOf(legacy, length));
            assertThatThrownBy(() -> TorchCheckpointReader.read(cut)).as("legacy cut at " + length)
                    .isInstanceOf(FormatException.class).hasMessageContaining("legacy" + length + ".pt")
                    .hasMessageContaining("truncated");
        }
        Path cutPickle = Files.write(temp.resolve("legacy_pickle_cut.pt"), Arrays.copyOf(legacy, 200));
        assertThatThrownBy(() -> TorchCheckpointReader.read(cutPickle)).isInstanceOf(FormatException.class)
                .hasMessageContaining("legacy_pickle_cut.pt");
    }

    @Test
    void refusesStorageShorterThanItsTensors() throws IOException {
        Path file = temp.resolve("short_storage.pt");
        rewriteZip(Fixtures.resource("tensors_zip.pt"), file,
                name -> name.endsWith("/data/12") ? bytes -> Arrays.copyOf(bytes, 40) : null);
        assertThatThrownBy(() -> TorchCheckpointReader.read(file)).isInstanceOf(FormatException.class)
                .hasMessageContaining("short_storage.pt").hasMessageContaining("storage 12 holds 10 FLOAT32 elements");
    }

    @Test
    void refusesUnknownStorageTypesAndDtypes() throws IOException {
        Path file = temp.resolve("complex.pt");
        writeZip(file, "archive/data.pkl", "\u0080\u0002ctorch\nComplexFloatStorage\n.".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> TorchCheckpointReader.read(file)).isInstanceOf(FormatException.class)
                .hasMessageContaining("unsupported tensor storage type 'torch.ComplexFloatStorage'");

        String header = "{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }";
        byte[] npy = concat(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0},
                header.getBytes(StandardCharsets.US_ASCII), new byte[16]);
        Path complex = Files.write(temp.resolve("complex.npy"), npy);
        assertThatThrownBy(() -> Npy.read(complex)).isInstanceOf(FormatException.class)
                .hasMessageContaining("complex.npy").hasMessageContaining("unsupported NumPy dtype '<c16'");
    }

    @Test
    void refusesMaliciousObjectArrayInNpy() throws IOException {
        byte[] pickle = osSystem("os");
        String header = "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }";
        Path file = Files.write(temp.resolve("evil.npy"), concat(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
            (byte) header.length(), 0}, header.getBytes(StandardCharsets.US_ASCII), pickle));
        assertThatThrownBy(() -> Npy.read(file)).isInstanceOf(FormatException.class)
                .hasMessageContaining("evil.npy").hasMessageContaining("'os.system'");
    }

    private static void writeZip(Path file, String entry, byte[] bytes) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            putStored(zip, entry, bytes);
        }
    }

    private static void putStored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    /** Copies a zip, replacing the bytes of entries for which {@code edit} returns a function. */
    private static void rewriteZip(Path from, Path to,
            java.util.function.Function<String, UnaryOperator<byte[]>> edit) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile()); OutputStream raw = Files.newOutputStream(to);
                ZipOutputStream out = new ZipOutputStream(raw)) {
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                byte[] bytes;
                try (InputStream s = in.getInputStream(entry)) {
                    bytes = s.readAllBytes();
                }
                UnaryOperator<byte[]> change = edit.apply(entry.getName());
                putStored(out, entry.getName(), change == null ? bytes : change.apply(bytes));
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
