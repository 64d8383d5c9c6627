package io.metroscope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.metroscope.body.HandRestMesh;
import io.metroscope.body.JointSet;
import io.metroscope.body.LinearBlendSkinning;
import io.metroscope.body.ManoHand;
import io.metroscope.body.ManoModel;
import io.metroscope.body.ManoModelReader;
import io.metroscope.body.MetroTemplate;
import io.metroscope.body.OpenTemplates;
import io.metroscope.body.PosedMesh;
import io.metroscope.body.SyntheticModelFiles;
import io.metroscope.vision.RgbImage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand TSV labels (MANO pose/betas) become wrist-centred mesh and joint targets with a MANO model, as the official
 * {@code mano_model.layer(pose, betas) / 1000} does; without one, or with one that does not fit, joints only.
 */
class MetroTsvHandMeshTest {

    static final int W = 240;
    static final int H = 200;

    private static MetroTemplate hand;
    private static ManoModel mano;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void read() throws IOException {
        hand = OpenTemplates.read(Path.of("templates/hand.npz")).template();
        mano = ManoModelReader.read(SyntheticModelFiles.writeMano(shared.resolve("mano_synthetic.npz")));
    }

    static double[] pose(int i) {
        double[] pose = new double[48];
        if (i > 0) {
            pose[0] = 0.4;
            pose[1] = -0.3;
            pose[2] = 0.2;
            for (int k = 3; k < 48; k++) {
                pose[k] = ((k * 5) % 7 - 3) / 10.0;
            }
        }
        return pose;
    }

    static double[] betas(int i) {
        double[] b = new double[10];
        for (int k = 0; k < 10 && i > 0; k++) {
            b[k] = (k % 3 - 1) * 0.8;
        }
        return b;
    }

    /** Item 0: the zero pose and shape (the mean hand); item 1: a turned, bent, reshaped hand. */
    static MetroTsvLabel label(int i) {
        double[] j3 = new double[21 * 4];
        double[] j2 = new double[21 * 3];
        for (int k = 0; k < 21; k++) {
            j3[4 * k] = 0.01 * k;
            j3[4 * k + 1] = -0.005 * k;
            j3[4 * k + 2] = 0.5;
            j3[4 * k + 3] = 1;
            j2[3 * k] = 100 + 2 * k;
            j2[3 * k + 1] = 90 - k;
            j2[3 * k + 2] = 1;
        }
        return new MetroTsvLabel(new double[] {120, 100}, 0.9, j2, true, j3, false, pose(i), betas(i), true, null);
    }

    Path write() throws IOException {
        byte[] rgb = new byte[W * H * 3];
        java.util.Arrays.fill(rgb, (byte) 90);
        try (MetroTsvWriter w = MetroTsvWriter.create(dir, "hand")) {
            for (int i = 0; i < 2; i++) {
                w.add("hand_" + i, PngWriter.encode(new RgbImage(W, H, rgb).rgb(), W, H), W, H, label(i));
            }
            return w.yaml();
        }
    }

    @Test
    void theMeanHandLabelGivesTheMeanHandAroundItsWrist() throws Exception {
        try (MetroTsvDataset d = MetroTsvDataset.open(write(), hand, null, mano)) {
            assertThat(d.notes()).isEmpty();
            TrainingItem item = d.get(0).labels();
            assertThat(item.hasMesh()).isTrue();
            assertThat(item.hasJoints3d()).as("has_3d_joints = has_smpl, as the official hand script").isTrue();
            HandRestMesh mean = ManoHand.meanHand(mano);
            double[] wrist = {mean.joints()[0], mean.joints()[1], mean.joints()[2]};
            assertClose(item.verticesFull(), mean.vertices(), wrist, 1e-6);
            assertClose(item.joints3d(), mean.joints(), wrist, 1e-6);
            assertThat(item.verticesMid()).isEmpty();
            assertThat(item.verticesCoarse()).hasSize(3 * hand.coarseVertexCount());
            double[] coarse = hand.downsampling().get(0).multiply(toDouble(item.verticesFull()), 3);
            assertClose(item.verticesCoarse(), coarse, new double[3], 1e-6);
        }
    }

    @Test
    void aPosedShapedLabelMatchesSkinningTheModelDirectly() throws Exception {
        try (MetroTsvDataset d = MetroTsvDataset.open(write(), hand, null, mano)) {
            TrainingItem item = d.get(1).labels();
            // manopth with flat_hand_mean=False, use_pca=False: fingers = hands_mean + the label's 45 values
            double[] full = pose(1);
            for (int k = 0; k < 45; k++) {
                full[3 + k] += mano.handsMean()[k];
            }
            PosedMesh direct = LinearBlendSkinning.pose(mano.skin(), full, betas(1));
            double[] wrist = {direct.joints()[0], direct.joints()[1], direct.joints()[2]};
            assertClose(item.verticesFull(), direct.vertices(), wrist, 1e-6);
            float[] j = item.joints3d();
            assertThat(new double[] {j[0], j[1], j[2]}).containsExactly(0, 0, 0);
            assertJoint(j, "Thumb_4", direct.vertices(), 745, wrist);
            assertJoint(j, "Middle_4", direct.vertices(), 444, wrist); // the layer's tip, not the regressor's 445
            assertJoint(j, "Pinky_4", direct.vertices(), 673, wrist);
            assertJoint(j, "Index_1", direct.joints(), 1, wrist); // MANO joint 1 is Index_1
            assertJoint(j, "Thumb_3", direct.joints(), 15, wrist);
            for (int k = 0; k < 21; k++) {
                assertThat(item.confidence3d(k)).isEqualTo(1f);
            }

            TrainingItem turned = d.get(1, new AugmentParams(1, 40, false, new float[] {1, 1, 1})).labels();
            double[] m = SampleAugmenter.rotation(40);
            for (float[][] pair : new float[][][] {{item.verticesFull(), turned.verticesFull()},
                {item.joints3d(), turned.joints3d()}}) {
                float[] v = pair[0];
                for (int i = 0; i < v.length; i += 3) {
                    assertThat((double) pair[1][i]).isCloseTo(m[0] * v[i] + m[1] * v[i + 1], within(1e-5));
                    assertThat((double) pair[1][i + 1]).isCloseTo(m[2] * v[i] + m[3] * v[i + 1], within(1e-5));
                    assertThat((double) pair[1][i + 2]).isCloseTo(v[i + 2], within(1e-5));
                }
            }
        }
    }

    @Test
    void aModelOfTheWrongVertexCountGivesANoteAndJointsOnly() throws Exception {
        // the open body rig stands in for a wrong file: 6890 vertices, not the hand template's 778
        io.metroscope.body.SmplModel body = OpenTemplates.read(Path.of("templates/body.npz")).model();
        ManoModel wrong = new ManoModel(body, new double[3 * (body.jointCount() - 1)], new double[0]);
        try (MetroTsvDataset d = MetroTsvDataset.open(write(), hand, null, wrong)) {
            assertThat(d.notes()).singleElement().asString().contains("6890 vertices", "778", "joints only");
            TrainingItem item = d.get(1).labels();
            assertThat(item.hasMesh()).isFalse();
            assertThat(item.hasJoints3d()).as("the label's own flag").isFalse();
            assertThat((double) item.joints3d()[3]).as("label joints, wrist-relative").isCloseTo(0.01, within(1e-6));
        }
        try (TrainingData data = TrainingData.open(write(), hand, null, null)) {
            assertThat(data.notes()).singleElement().asString().contains("no MANO model", "--mano");
        }
    }

    private static void assertJoint(float[] joints, String name, double[] points, int index, double[] wrist) {
        int k = JointSet.FREIHAND_21.indexOf(name);
        for (int c = 0; c < 3; c++) {
            assertThat((double) joints[3 * k + c]).as("%s %d", name, c)
                    .isCloseTo(points[3 * index + c] - wrist[c], within(1e-6));
        }
    }

    private static void assertClose(float[] actual, double[] expected, double[] minus, double tolerance) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < actual.length; i++) {
            assertThat((double) actual[i]).as("value %d", i).isCloseTo(expected[i] - minus[i % 3], within(tolerance));
        }
    }

    private static double[] toDouble(float[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }
}
