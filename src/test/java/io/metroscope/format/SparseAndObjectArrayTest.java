package io.metroscope.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class SparseAndObjectArrayTest {

    @Test
    void objectArrayOfScipyMatricesBecomesSparseMatrices() throws IOException {
        JsonNode dense = Fixtures.expected().get("sparse").get("dense");
        try (Npz npz = Npz.open(Fixtures.resource("sparse_objects.npz"))) {
            assertThat(npz.names()).containsExactly("M", "plain");
            NdArray objects = npz.get("M");
            assertThat(objects.dtype()).isEqualTo(DType.OBJECT);
            assertThat(objects.shape()).containsExactly(3);
            for (int m = 0; m < 3; m++) {
                SparseMatrix matrix = (SparseMatrix) objects.getObject(m);
                assertThat(matrix.rows()).isEqualTo(3);
                assertThat(matrix.cols()).isEqualTo(4);
                assertThat(matrix.nonZeroCount()).isEqualTo(3);
                for (int r = 0; r < 3; r++) {
                    for (int c = 0; c < 4; c++) {
                        assertThat(matrix.get(r, c)).isEqualTo(dense.get(r).get(c).asDouble());
                    }
                }
            }
            assertThat(npz.get("plain").toDoubleArray()).containsExactly(1.0, 2.0);
        }
    }

    @Test
    void multipliesDenseAndFindsSelections() {
        // [[0 2 0 0], [1 0 0 3], [0 0 0 0]] from coordinates given out of order, with a duplicate to sum.
        SparseMatrix m = SparseMatrix.fromCoordinates(3, 4, new int[] {1, 0, 1, 1}, new int[] {3, 1, 0, 3},
                new double[] {1, 2, 1, 2});
        assertThat(m.toDense()).containsExactly(0, 2, 0, 0, 1, 0, 0, 3, 0, 0, 0, 0);
        double[] b = {1, 10, 2, 20, 3, 30, 4, 40}; // 4 x 2
        assertThat(m.multiply(b, 2)).containsExactly(4, 40, 13, 130, 0, 0);
        assertThat(m.multiply(new float[] {1, 10, 2, 20, 3, 30, 4, 40}, 2)).containsExactly(4, 40, 13, 130, 0, 0);
        assertThatThrownBy(() -> m.multiply(new double[3], 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(m::selectedColumns).isInstanceOf(IllegalStateException.class);

        SparseMatrix selection = SparseMatrix.fromCsc(2, 3, new int[] {0, 0, 1, 2}, new int[] {0, 1},
                new double[] {1, 1});
        assertThat(selection.selectedColumns()).containsExactly(1, 2);
        SparseMatrix csr = SparseMatrix.fromCsr(2, 3, new int[] {0, 1, 2}, new int[] {1, 2}, new double[] {1, 1});
        assertThat(csr).usingRecursiveComparison().isEqualTo(selection);
    }

    @Test
    void plainPicklesKeepDictOrderAndPythonTwoByteStrings() throws IOException {
        // Protocol 2, as Python 2 writes: {'zeta': 'A\xff\x00', 'alpha': [1, 2.5, None, True]}
        byte[] pickle = {
            (byte) 0x80, 2, '}', 'q', 0, '(',
            'U', 4, 'z', 'e', 't', 'a', 'U', 3, 'A', (byte) 0xFF, 0,
            'U', 5, 'a', 'l', 'p', 'h', 'a', ']', '(', 'K', 1,
            'G', 0x40, 0x04, 0, 0, 0, 0, 0, 0, 'N', (byte) 0x88, 'e',
            'u', '.'};
        Object value = SafeUnpickler.load(pickle, null, PickleAllowlist.SMPL_MODEL);
        assertThat(value).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<Object, Object> map = (Map<Object, Object>) value;
        assertThat(map.keySet()).containsExactly((Object) "zeta", "alpha");
        assertThat(SafeUnpickler.latin1Bytes((String) map.get("zeta"))).containsExactly('A', 0xFF, 0);
        assertThat(map.get("alpha")).isEqualTo(java.util.Arrays.asList(1, 2.5, null, true));
    }

    @Test
    void readsProtocolTwoPicklesFromPythonThree() throws IOException {
        Map<?, ?> value = (Map<?, ?>) SafeUnpickler.load(Fixtures.resource("numpy_protocol2.pkl"),
                PickleAllowlist.NUMPY_OBJECT_ARRAY);
        NdArray array = (NdArray) value.get("array");
        assertThat(array.shape()).containsExactly(2, 3);
        assertThat(array.toFloatArray()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(((SparseMatrix) value.get("sparse")).toDense()).containsExactly(0, 2, 0, 0, 1, 0, 0, 3, 0, 0, 0, 0);
        assertThat(value.get("count")).isEqualTo(5L);
    }

    @Test
    void acceptsNumpyTwoAndOldScipyModuleNames() throws IOException {
        byte[] npz = java.nio.file.Files.readAllBytes(Fixtures.resource("sparse_objects.npz"));
        byte[] npy;
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(npz))) {
            while (!zip.getNextEntry().getName().equals("M.npy")) {
                zip.closeEntry();
            }
            npy = zip.readAllBytes();
        }
        // GLOBAL operands are newline-terminated text, so renaming modules needs no length fix-ups.
        String renamed = new String(npy, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("numpy.core.multiarray\n", "numpy._core.multiarray\n")
                .replace("scipy.sparse._csc\n", "scipy.sparse.csc\n");
        assertThat(renamed).contains("numpy._core.multiarray").contains("scipy.sparse.csc\ncsc_matrix");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("renamed", ".npy");
        try {
            java.nio.file.Files.write(file, renamed.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            NdArray objects = Npy.read(file);
            assertThat(((SparseMatrix) objects.getObject(0)).get(1, 3)).isEqualTo(3.0);
        } finally {
            java.nio.file.Files.delete(file);
        }
    }
}
