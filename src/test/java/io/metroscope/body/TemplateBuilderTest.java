package io.metroscope.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.metroscope.format.FormatException;
import io.metroscope.format.NdArray;
import io.metroscope.format.Npz;

/** Template building from files: MANO models, error messages, and the template npz round trip. */
class TemplateBuilderTest {
    private static final int[] MANO_PARENTS = {-1, 0, 1, 2, 0, 4, 5, 0, 7, 8, 0, 10, 11, 0, 13, 14};

    @TempDir
    Path tmp;

    @Test
    void manoModelGivesMeanHandWithLayerTipsAndRegressorTips() throws IOException {
        Path mano = writeSyntheticMano(tmp.resolve("mano_synthetic.npz"));
        MetroTemplate hand = new TemplateBuilder().buildHand(mano, SharedData.require("metro-data"));
        ManoModel model = ManoModelReader.read(mano);

        assertThat(hand.tokenCount()).isEqualTo(216);
        double[] ref = hand.refVertices();
        assertThat(new double[] {ref[0], ref[1], ref[2]}).containsExactly(0, 0, 0);
        // The root is not rotated, so the wrist is the rest wrist regressed from v_template.
        double[] restJoints = model.skin().jointRegressor().multiply(model.skin().vTemplate(), 3);
        assertThat(hand.root()).containsExactly(restJoints[0], restJoints[1], restJoints[2]);
        // Template fingertips come from the layer's vertices (middle tip 444); the mean pose moved the mesh.
        double[] full = hand.fullVertices();
        int middle4 = JointSet.FREIHAND_21.indexOf("Middle_4");
        for (int c = 0; c < 3; c++) {
            assertThat(ref[3 * middle4 + c] + hand.root()[c]).isEqualTo(full[3 * 444 + c],
                    org.assertj.core.api.Assertions.within(1e-15));
        }
        assertThat(SharedData.maxAbsDiff(full, model.skin().vTemplate())).isGreaterThan(1e-3);
        // The regressor used on predictions has the 445 middle tip and FreiHAND order.
        assertThat(hand.jointRegressor().get(middle4, 445)).isEqualTo(1);
        assertThat(hand.jointRegressor().get(JointSet.FREIHAND_21.indexOf("Thumb_4"), 745)).isEqualTo(1);
        assertThat(hand.jointRegressor().get(0, 0)).isEqualTo(model.skin().jointRegressor().get(0, 0));
    }

    @Test
    void templateFileRoundTrips() throws IOException {
        MetroTemplate hand = new TemplateBuilder().buildHand(
                SharedData.require("fixtures/parity/hand-tiny/template.npz"), SharedData.require("metro-data"));
        Path out = tmp.resolve("hand.npz");
        MetroTemplateFile.write(out, hand, true);
        MetroTemplate back = MetroTemplateFile.read(out);

        assertThat(back.kind()).isEqualTo(TemplateKind.HAND);
        assertThat(back.refVertices()).containsExactly(hand.refVertices());
        assertThat(back.fullVertices()).containsExactly(hand.fullVertices());
        assertThat(back.coarseVertices()).containsExactly(hand.coarseVertices());
        assertThat(back.faces()).containsExactly(hand.faces());
        assertThat(back.root()).containsExactly(hand.root());
        assertThat(back.midVertices()).isEmpty();
        assertThat(back.downsampling()).hasSize(1);
        assertThat(back.downsampling().get(0).toDense()).containsExactly(hand.downsampling().get(0).toDense());
        assertThat(back.upsampling()).hasSameSizeAs(hand.upsampling());
        assertThat(back.jointRegressor().toDense()).containsExactly(hand.jointRegressor().toDense());
        assertThat(back.tokenJoints()).isEqualTo(JointSet.FREIHAND_21);
        assertThat(back.provenance()).isEqualTo(hand.provenance());

        JsonNode manifest = new ObjectMapper().readTree(MetroTemplateFile.manifestPath(out).toFile());
        assertThat(manifest.path("format").asText()).isEqualTo("metroscope-template");
        assertThat(manifest.path("kind").asText()).isEqualTo("hand");
        assertThat(manifest.path("token_joints").path("names").get(4).asText()).isEqualTo("Thumb_4");
        assertThat(manifest.path("counts").path("tokens").asInt()).isEqualTo(216);
    }

    @Test
    void postProcessingJointsOfTheTemplateMeshAreTheTemplateJoints() throws IOException {
        // For the stand-in hand, joints == joint_regressor @ vertices exactly, so regressing the template mesh
        // reproduces the template joints.
        MetroTemplate hand = new TemplateBuilder().buildHand(
                SharedData.require("fixtures/parity/hand-tiny/template.npz"), SharedData.require("metro-data"));
        double[] joints = hand.tokenJointsOf(hand.fullVertices());
        double[] refJoints = hand.refJoints();
        for (int i = 0; i < joints.length; i++) {
            joints[i] -= hand.root()[i % 3];
        }
        assertThat(SharedData.maxAbsDiff(joints, refJoints)).isLessThan(1e-9);
    }

    @Test
    void missingFilesNameTheFileAndTheFix() {
        Path metroData = SharedData.require("metro-data");
        assertThatThrownBy(() -> new TemplateBuilder().buildBody(tmp.resolve("nope.pkl"), metroData))
                .isInstanceOf(FormatException.class).hasMessageContaining("nope.pkl")
                .satisfies(e -> assertThat(((FormatException) e).fix()).contains("SMPL"));
        Path smpl = SharedData.require("fixtures/parity/body-tiny/smpl_fake.npz");
        assertThatThrownBy(() -> new TemplateBuilder().buildBody(smpl, tmp))
                .isInstanceOf(FormatException.class).hasMessageContaining(MetroData.H36M_REGRESSOR)
                .satisfies(e -> assertThat(((FormatException) e).fix()).contains("metro/modeling/data"));
    }

    @Test
    void samplingThatDoesNotFitTheModelIsRefused() throws IOException {
        Path metroData = SharedData.require("metro-data");
        Path wrong = Files.createDirectories(tmp.resolve("wrong"));
        Files.copy(metroData.resolve(MetroData.H36M_REGRESSOR), wrong.resolve(MetroData.H36M_REGRESSOR));
        Files.copy(metroData.resolve(MetroData.HAND_SAMPLING), wrong.resolve(MetroData.BODY_SAMPLING));
        Path smpl = SharedData.require("fixtures/parity/body-tiny/smpl_fake.npz");
        assertThatThrownBy(() -> new TemplateBuilder().buildBody(smpl, wrong))
                .isInstanceOf(FormatException.class).hasMessageContaining("mesh_downsampling.npz")
                .hasMessageContaining("778").hasMessageContaining("6890");
        assertThatThrownBy(() -> new TemplateBuilder().buildHand(smpl, metroData))
                .isInstanceOf(FormatException.class).hasMessageContaining("6890");
    }

    @Test
    void nonModelFilesAreRefusedWithAMessage() throws IOException {
        Path text = Files.writeString(tmp.resolve("model.txt"), "hello");
        assertThatThrownBy(() -> SmplModelReader.read(text)).isInstanceOf(FormatException.class)
                .hasMessageContaining("model.txt");
        Path npz = tmp.resolve("partial.npz");
        Npz.write(npz, Map.of("v_template", NdArray.ofDoubles(new double[6], 2, 3)), false);
        assertThatThrownBy(() -> SmplModelReader.read(npz)).isInstanceOf(FormatException.class)
                .hasMessageContaining("kintree_table");
    }

    /** A MANO-structured model (778 vertices, 16 joints) from integer formulas; nothing from MANO. */
    static Path writeSyntheticMano(Path file) throws IOException {
        int v = 778;
        int k = 16;
        int p = 9 * (k - 1);
        double[] vt = new double[v * 3];
        double[] sd = new double[v * 3 * 10];
        double[] pd = new double[v * 3 * p];
        double[] jr = new double[k * v];
        double[] w = new double[v * k];
        for (int i = 0; i < v; i++) {
            for (int c = 0; c < 3; c++) {
                vt[3 * i + c] = ((i * 37 + c * 11) % 101 - 50) / 1000.0;
                for (int b = 0; b < 10; b++) {
                    sd[(3 * i + c) * 10 + b] = ((i + 3 * c + 7 * b) % 5 - 2) / 4096.0;
                }
                for (int q = 0; q < p; q += 7) {
                    pd[(3 * i + c) * p + q] = ((i + c + q) % 3 - 1) / 2048.0;
                }
            }
            w[i * k + i % k] = 0.75;
            w[i * k + MANO_PARENTS[i % k] + (i % k == 0 ? 1 : 0)] += 0.25;
            jr[(i % k) * v + i] = 1.0 / 48.0;
        }
        long[] table = new long[2 * k];
        for (int j = 0; j < k; j++) {
            table[j] = j == 0 ? 4294967295L : MANO_PARENTS[j];
            table[k + j] = j;
        }
        double[] mean = new double[45];
        for (int i = 0; i < 45; i++) {
            mean[i] = ((i * 13) % 9 - 4) / 20.0;
        }
        int[] faces = new int[3 * 776];
        for (int f = 0; f < 776; f++) {
            faces[3 * f] = f;
            faces[3 * f + 1] = f + 1;
            faces[3 * f + 2] = f + 2;
        }
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("v_template", NdArray.ofDoubles(vt, v, 3));
        arrays.put("shapedirs", NdArray.ofDoubles(sd, v, 3, 10));
        arrays.put("posedirs", NdArray.ofDoubles(pd, v, 3, p));
        arrays.put("J_regressor", NdArray.ofDoubles(jr, k, v));
        arrays.put("weights", NdArray.ofDoubles(w, v, k));
        arrays.put("kintree_table", NdArray.ofLongs(table, 2, k));
        arrays.put("f", NdArray.ofInts(faces, 776, 3));
        arrays.put("hands_mean", NdArray.ofDoubles(mean, 45));
        arrays.put("hands_components", NdArray.ofDoubles(new double[45 * 45], 45, 45));
        Npz.write(file, arrays, true);
        return file;
    }
}
