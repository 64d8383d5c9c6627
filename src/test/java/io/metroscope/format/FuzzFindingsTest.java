package io.metroscope.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per bug the fuzzer found (the minimised inputs are also replayed by the {@code *FuzzTest} classes
 * from their {@code Inputs} folders, named {@code finding_*}). Each used to escape as something other than
 * FormatException.
 */
class FuzzFindingsTest {

    @TempDir
    Path temp;

    private static Path input(String path) {
        return Fixtures.resource(path);
    }

    /** Was OutOfMemoryError: the last CSR row pointer (a number in the file) sized two arrays. */
    @Test
    void sparseRowPointersAreCheckedBeforeAllocating() {
        assertThatThrownBy(() -> SparseMatrix.fromCsr(2, 2, new int[] {0, 0, Integer.MAX_VALUE}, new int[0],
                new double[0])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("end at");
        assertThatThrownBy(() -> SparseMatrix.fromCsc(2, 2, new int[] {0, Integer.MAX_VALUE, 1}, new int[1],
                new double[1])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decrease");
        assertThatThrownBy(() -> SparseMatrix.fromCsr(1, 1, new int[] {-1, 0}, new int[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start at 0");
        // Valid input still works (scipy allows indices/data longer than the last pointer).
        SparseMatrix m = SparseMatrix.fromCsr(2, 2, new int[] {0, 1, 2}, new int[] {1, 0, 7}, new double[] {5, 6, 9});
        assertThat(m.toDense()).containsExactly(0, 5, 6, 0);
    }

    @Test
    void forgedSparseMatrixPicklesAreRefusedWithFormatException() throws IOException {
        for (String[] c : new String[][] {
                {"SafeUnpicklerFuzzTestInputs/numpyObjectArray/finding_csr_indptr_huge.pkl", "NUMPY_OBJECT_ARRAY"},
                {"SafeUnpicklerFuzzTestInputs/smplModel/finding_csc_indptr_huge.pkl", "SMPL_MODEL"}}) {
            byte[] pickle = Files.readAllBytes(input(c[0]));
            assertThatThrownBy(() -> SafeUnpickler.load(pickle, null, PickleAllowlist.valueOf(c[1])))
                    .as(c[0]).isInstanceOf(FormatException.class).hasMessageContaining("scipy.sparse");
        }
    }

    /** Was IllegalArgumentException "Negative size" from FileChannel.map: count * 4 overflowed. */
    @Test
    void legacyStorageCountThatOverflowsIsRefused() {
        Path file = input("TorchCheckpointReaderFuzzTestInputs/read/finding_legacy_storage_count_overflow.pt");
        assertThatThrownBy(() -> TorchCheckpointReader.read(file)).isInstanceOf(FormatException.class)
                .hasMessageContaining("claims");
    }

    /** Was NullPointerException: nx and nz without ny made normal roles without a normals array. */
    @Test
    void plyWithIncompleteNormalsSkipsThem() throws IOException {
        Path file = temp.resolve("partial.ply");
        Files.writeString(file, "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\n"
                + "property float z\nproperty float nx\nproperty float nz\nproperty uchar red\nproperty uchar green\n"
                + "element face 1\nproperty list uchar int vertex_indices\nend_header\n"
                + "0 0 0 1 1 9 9\n1 0 0 1 1 9 9\n0 1 0 1 1 9 9\n3 0 1 2\n", StandardCharsets.US_ASCII);
        MeshData mesh = PlyReader.read(file);
        assertThat(mesh.vertexCount()).isEqualTo(3);
        assertThat(mesh.hasNormals()).isFalse();
        assertThat(mesh.hasColors()).isFalse();
        assertThat(mesh.positions()).containsExactly(0, 0, 0, 1, 0, 0, 0, 1, 0);
        // The minimised input itself is truncated further on: now refused as such.
        assertThatThrownBy(() -> PlyReader.read(input("PlyReaderFuzzTestInputs/read/finding_normals_without_ny.ply")))
                .isInstanceOf(FormatException.class).hasMessageContaining("truncated");
    }

    /** Was InvalidPathException: the entry name (file data) went into a Path for messages. */
    @Test
    void npzEntryNamesThatAreNoValidPathStillGiveFormatExceptions() throws IOException {
        Path file = temp.resolve("nul.npz");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("bad\0name.npy"));
            zip.write("not an npy".getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        }
        assertThatThrownBy(() -> Npz.read(file)).isInstanceOf(FormatException.class)
                .hasMessageContaining("bad_name.npy");
        // The minimised input's arrays are otherwise intact: it now reads.
        assertThat(Npz.read(input("NpzFuzzTestInputs/read/finding_nul_in_entry_name.npz"))).isNotEmpty();
    }

    /** Was OutOfMemoryError: a deflated entry's declared size (a number in the zip) sized the buffer. */
    @Test
    void deflatedEntryClaimingMoreThanDeflateCanExpandIsRefusedBeforeAllocating() throws IOException {
        Path file = temp.resolve("forged.npz");
        Files.copy(input("arrays_compressed.npz"), file);
        byte[] zip = Files.readAllBytes(file);
        // Set every central directory entry's uncompressed size (offset 24) to 2 GiB - 16.
        for (int p = 0; p + 46 <= zip.length; p++) {
            if (zip[p] == 'P' && zip[p + 1] == 'K' && zip[p + 2] == 1 && zip[p + 3] == 2) {
                zip[p + 24] = (byte) 0xF0;
                zip[p + 25] = (byte) 0xFF;
                zip[p + 26] = (byte) 0xFF;
                zip[p + 27] = (byte) 0x7F;
            }
        }
        Files.write(file, zip);
        assertThatThrownBy(() -> Npz.read(file)).isInstanceOf(FormatException.class)
                .hasMessageContaining("more than deflate can");
        assertThatThrownBy(() -> Npz.read(input("NpzFuzzTestInputs/read/finding_deflate_size_forged.npz")))
                .isInstanceOf(FormatException.class);
    }

    /** Found while fuzzing (reading the reader): negative strides passed the bounds check and read before the storage. */
    @Test
    void tensorViewsWithNegativeSizesOrStridesAreRefused() {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
        TensorStorage storage = new TensorStorage("0", DType.FLOAT32, 4, bytes);
        assertThatThrownBy(() -> new TorchTensor("t", DType.FLOAT32, new int[] {2}, new long[] {-1}, 1, storage))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> new TorchTensor("t", DType.FLOAT32, new int[] {-2, -2}, new long[] {1, 1}, 0,
                storage)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> new TorchTensor("t", DType.FLOAT32, new int[] {3, 3},
                new long[] {Long.MAX_VALUE / 2, Long.MAX_VALUE / 2}, 0, storage))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reaches");
        assertThat(new TorchTensor("t", DType.FLOAT32, new int[] {2, 2}, new long[] {1, 2}, 0, storage)
                .toFloatArray()).hasSize(4);
    }
}
