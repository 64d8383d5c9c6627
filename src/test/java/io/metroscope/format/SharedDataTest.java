package io.metroscope.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the real files of ../shared when present (skipped otherwise). Expected numbers were taken from
 * torch 1.13.1 / numpy 1.24.2 / scipy 1.10.1 on the same files.
 */
class SharedDataTest {

    @TempDir
    Path temp;

    private static Path require(String relative) {
        Path p = Fixtures.shared(relative);
        Assumptions.assumeTrue(Files.isRegularFile(p), "shared file absent, skipping: " + p);
        return p;
    }

    @Test
    void bodyTinyCheckpointMatchesCaseJsonAndKeyNaming() throws IOException {
        Path gz = require("fixtures/parity/body-tiny/metro_body-tiny_state_dict.bin.gz");
        // The reader decompresses .gz itself.
        StateDict sd = TorchCheckpointReader.read(gz);
        checkAgainstCase(sd, "body");
        assertThat(sd.tensor("backbone.conv1.weight").toFloatArray())
                .startsWith(0.05493762716650963f, -0.007945665158331394f, -0.06468678265810013f);
        assertThat(sum(sd.tensor("backbone.conv1.weight"))).isCloseTo(0.27763404559664195, within(1e-9));
        assertThat(sum(sd.tensor("trans_encoder.2.cls_head.weight"))).isCloseTo(-0.11670467699877918, within(1e-9));
        assertThat(sd.tensor("cam_param_fc3.bias").toFloatArray()[0]).isEqualTo(0.8877601623535156f);
    }

    @Test
    void handTinyCheckpointMatchesCaseJsonAndKeyNaming() throws IOException {
        Path gz = require("fixtures/parity/hand-tiny/metro_hand-tiny_state_dict.bin.gz");
        StateDict sd = TorchCheckpointReader.read(Fixtures.gunzip(gz, temp));
        checkAgainstCase(sd, "hand");
        assertThat(sum(sd.tensor("backbone.conv1.weight"))).isCloseTo(-0.9538385611595004, within(1e-9));
        assertThat(sd.tensor("cam_param_fc3.bias").toFloatArray()[0]).isEqualTo(6.107997894287109f);
    }

    private static void checkAgainstCase(StateDict sd, String model) throws IOException {
        JsonNode checkpoint = new ObjectMapper().readTree(
                require("fixtures/parity/" + model + "-tiny/case.json").toFile()).get("checkpoint");
        assertThat(sd.format()).isEqualTo(StateDict.Format.ZIP);
        assertThat(sd.size()).isEqualTo(checkpoint.get("num_keys").asInt());
        long elements = 0;
        for (TorchTensor t : sd.tensors().values()) {
            elements += t.numel();
            assertThat(t.dtype()).isIn(DType.FLOAT32, DType.INT64);
        }
        assertThat(elements).isEqualTo(checkpoint.get("num_tensor_elements").asLong());
        assertThat(sd.keys().get(0)).isEqualTo("backbone.conv1.weight");
        assertThat(sd.keys().get(sd.size() - 1)).isEqualTo("cam_param_fc3.bias");
        assertThat(sd.tensor("backbone.conv1.weight").shape()).containsExactly(64, 3, 3, 3);
        assertThat(sd.tensor("trans_encoder.2.cls_head.weight").shape()).containsExactly(3, 32);
        assertThat(sd.tensor("backbone.bn1.num_batches_tracked").shape()).isEmpty();
        assertThat(sd.tensor("backbone.bn1.num_batches_tracked").toLongArray()).containsExactly(4);

        // Every key is named like the full-size network's (the tiny one has fewer modules, same names).
        Path keysFile = Fixtures.shared("docs/metro-" + model + "-keys.tsv");
        if (Files.isRegularFile(keysFile)) {
            Set<String> fullKeys = new HashSet<>();
            for (String line : Files.readAllLines(keysFile)) {
                fullKeys.add(line.split("\t")[0]);
            }
            assertThat(fullKeys).containsAll(sd.keys());
        }
    }

    @Test
    void meshDownsamplingHoldsSparseMatricesAndRefusesPsbodyMeshes() throws IOException {
        try (Npz npz = Npz.open(require("metro-data/mesh_downsampling.npz"))) {
            assertThat(npz.names()).containsExactly("A", "U", "M", "D", "F");
            NdArray d = npz.get("D");
            assertThat(d.shape()).containsExactly(2);
            SparseMatrix d0 = (SparseMatrix) d.getObject(0);
            SparseMatrix d1 = (SparseMatrix) d.getObject(1);
            assertThat(List.of(d0.rows(), d0.cols(), d0.nonZeroCount())).containsExactly(1723, 6890, 1723);
            assertThat(List.of(d1.rows(), d1.cols(), d1.nonZeroCount())).containsExactly(431, 1723, 431);
            assertThat(d0.selectedColumns()).startsWith(5, 9, 18, 22, 24);
            int[] composed = new int[431];
            int[] first = d0.selectedColumns();
            int[] second = d1.selectedColumns();
            for (int i = 0; i < composed.length; i++) {
                composed[i] = first[second[i]];
            }
            assertThat(composed).startsWith(5, 24, 83, 110, 129);

            NdArray a = npz.get("A");
            int[][] adjacency = {{6890, 41328}, {1723, 10326}, {431, 2574}};
            for (int i = 0; i < 3; i++) {
                SparseMatrix m = (SparseMatrix) a.getObject(i);
                assertThat(List.of(m.rows(), m.cols(), m.nonZeroCount()))
                        .containsExactly(adjacency[i][0], adjacency[i][0], adjacency[i][1]);
            }
            SparseMatrix u0 = (SparseMatrix) npz.get("U").getObject(0);
            assertThat(List.of(u0.rows(), u0.cols(), u0.nonZeroCount())).containsExactly(6890, 1723, 20670);
            NdArray faces = (NdArray) npz.get("F").getObject(0);
            assertThat(faces.dtype()).isEqualTo(DType.UINT32);
            assertThat(faces.shape()).containsExactly(13776, 3);

            assertThatThrownBy(() -> npz.get("M")).isInstanceOf(FormatException.class)
                    .hasMessageContaining("mesh_downsampling.npz!M.npy")
                    .hasMessageContaining("'__main__.MyMesh'");
        }
    }

    @Test
    void manoDownsampling() throws IOException {
        try (Npz npz = Npz.open(require("metro-data/mano_downsampling.npz"))) {
            SparseMatrix d0 = (SparseMatrix) npz.get("D").getObject(0);
            assertThat(List.of(d0.rows(), d0.cols())).containsExactly(195, 778);
            assertThat(d0.selectedColumns()).startsWith(5, 8, 10, 11, 12);
            assertThat(npz.get("D").shape()).containsExactly(4);
            assertThat(npz.get("A").shape()).containsExactly(5);
            assertThat(((NdArray) npz.get("V").getObject(0)).shape()).containsExactly(778, 3);
            assertThat(((NdArray) npz.get("F").getObject(0)).shape()).containsExactly(1538, 3);
        }
    }

    @Test
    void jointRegressors() throws IOException {
        NdArray h36m = Npy.read(require("metro-data/J_regressor_h36m_correct.npy"));
        assertThat(h36m.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(h36m.shape()).containsExactly(17, 6890);
        assertThat(sum(h36m.toDoubleArray())).isCloseTo(16.998343943521686, within(1e-9));
        NdArray extra = Npy.read(require("metro-data/J_regressor_extra.npy"));
        assertThat(extra.shape()).containsExactly(14, 6890);
        assertThat(sum(extra.toDoubleArray())).isCloseTo(13.999823564593425, within(1e-9));
    }

    @Test
    void fakeSmplPickleWithChumpyAndSparseMatchesItsNpz() throws IOException {
        Path pkl = require("fixtures/parity/body-tiny/smpl_fake.pkl.gz");
        Map<?, ?> model = (Map<?, ?>) SafeUnpickler.load(pkl, PickleAllowlist.SMPL_MODEL);
        Map<String, NdArray> plain = Npz.read(require("fixtures/parity/body-tiny/smpl_fake.npz"));
        for (String key : List.of("v_template", "shapedirs", "posedirs", "weights", "kintree_table", "f", "J")) {
            NdArray fromPickle = (NdArray) model.get(key);
            assertThat(fromPickle.sameContent(plain.get(key))).as(key).isTrue();
        }
        SparseMatrix regressor = (SparseMatrix) model.get("J_regressor");
        assertThat(List.of(regressor.rows(), regressor.cols())).containsExactly(24, 6890);
        assertThat(regressor.toDense()).containsExactly(plain.get("J_regressor").toDoubleArray());
        assertThat(model.get("bs_style")).isEqualTo("lbs");
        assertThat(model.get("bs_type")).isEqualTo("lrotmin");
        // Python 2 dict order survives (the file's own order, not sorted or hashed).
        assertThat(model.keySet().iterator().next()).isEqualTo("J_regressor_prior");
        assertThat(((Map<?, ?>) model.get("pose_training_info")).get("seed")).isEqualTo(11);
    }

    private static double sum(TorchTensor t) {
        return sum(t.toDoubleArray());
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
