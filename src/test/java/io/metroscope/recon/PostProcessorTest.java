package io.metroscope.recon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.metroscope.body.JointSet;
import io.metroscope.body.MetroTemplate;
import io.metroscope.body.TemplateKind;
import io.metroscope.format.SparseMatrix;
import io.metroscope.model.MeshKind;
import io.metroscope.model.MetroOutput;
import io.metroscope.vision.CropTransform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Post-processing on hand-made meshes, regressors, cameras and attention, with answers worked out by hand. */
class PostProcessorTest {

    private static final int[] H36M_J17_TO_J14 = {3, 2, 1, 4, 5, 6, 16, 15, 14, 11, 12, 13, 8, 10};

    /** Body: 17 vertices, vertex k = (k+1, −(k+1)/2, 2); H36M row 0 = ¼·v0 + ¾·v1, row r ≥ 1 = v_r. */
    private static MetroTemplate body() {
        int v = 17;
        int[] rows = new int[v + 1];
        int[] cols = new int[v + 1];
        double[] vals = new double[v + 1];
        rows[0] = 0;
        cols[0] = 0;
        vals[0] = 0.25;
        rows[1] = 0;
        cols[1] = 1;
        vals[1] = 0.75;
        for (int r = 1; r < v; r++) {
            rows[r + 1] = r;
            cols[r + 1] = r;
            vals[r + 1] = 1;
        }
        SparseMatrix regressor = SparseMatrix.fromCoordinates(17, v, rows, cols, vals);
        return template(TemplateKind.BODY, v, regressor, JointSet.H36M_17, JointSet.LSP_14);
    }

    /** Hand: 4 vertices; row 0 (wrist) = ½·v0 + ½·v1, row j ≥ 1 = v_(j mod 4). */
    private static MetroTemplate hand() {
        int v = 4;
        int[] rows = new int[22];
        int[] cols = new int[22];
        double[] vals = new double[22];
        rows[0] = 0;
        cols[0] = 0;
        vals[0] = 0.5;
        rows[1] = 0;
        cols[1] = 1;
        vals[1] = 0.5;
        for (int j = 1; j < 21; j++) {
            rows[j + 1] = j;
            cols[j + 1] = j % 4;
            vals[j + 1] = 1;
        }
        SparseMatrix regressor = SparseMatrix.fromCoordinates(21, v, rows, cols, vals);
        return template(TemplateKind.HAND, v, regressor, JointSet.FREIHAND_21, JointSet.FREIHAND_21);
    }

    private static MetroTemplate template(TemplateKind kind, int v, SparseMatrix regressor, JointSet regressorJoints,
            JointSet tokenJoints) {
        SparseMatrix down = SparseMatrix.fromCoordinates(2, v, new int[] {0, 1}, new int[] {0, 1}, new double[] {1, 1});
        return new MetroTemplate(kind, new double[3 * v], new int[0], new double[0], new double[6], List.of(down),
                List.of(), regressor, regressorJoints, tokenJoints, new double[3],
                new double[3 * (tokenJoints.size() + 2)], Map.of());
    }

    private static float[] bodyMesh() {
        float[] m = new float[17 * 3];
        for (int k = 0; k < 17; k++) {
            m[3 * k] = k + 1;
            m[3 * k + 1] = -(k + 1) / 2f;
            m[3 * k + 2] = 2;
        }
        return m;
    }

    @Test
    void bodyRootIsThePelvisRowAndJointsAreH36mMappedToLsp() {
        PostProcessor post = new PostProcessor(body());
        assertThat(post.kind()).isEqualTo(MeshKind.BODY);
        assertThat(post.attentionJoint()).isEqualTo(7);
        float[] mesh = bodyMesh();
        float[] root = post.root(mesh);
        // ¼·(1, −0.5, 2) + ¾·(2, −1, 2) = (1.75, −0.875, 2)
        assertThat(root).containsExactly(1.75f, -0.875f, 2f);
        float[] centred = PostProcessor.centre(mesh, root);
        assertThat(centred[3 * 3]).isEqualTo(4 - 1.75f);
        assertThat(post.root(centred)).containsExactly(0f, 0f, 0f);
        float[] joints = post.regressJoints(centred);
        assertThat(joints).hasSize(14 * 3);
        for (int j = 0; j < 14; j++) {
            int k = H36M_J17_TO_J14[j];
            assertThat(joints[3 * j]).as("x of LSP joint " + j).isEqualTo(k + 1 - 1.75f);
            assertThat(joints[3 * j + 1]).isEqualTo(-(k + 1) / 2f + 0.875f);
            assertThat(joints[3 * j + 2]).isZero();
        }
        // R_Elbow (LSP 7) is H36M 15
        assertThat(joints[3 * 7]).isEqualTo(16 - 1.75f);
    }

    @Test
    void handRootIsTheWristRowAndJointsKeepTheRegressorOrder() {
        PostProcessor post = new PostProcessor(hand());
        assertThat(post.kind()).isEqualTo(MeshKind.HAND);
        assertThat(post.attentionJoint()).isZero();
        assertThat(post.jointCount()).isEqualTo(21);
        float[] mesh = {0, 0, 0, 2, 4, 6, 10, 0, 0, 0, 10, 0};
        float[] root = post.root(mesh);
        assertThat(root).containsExactly(1f, 2f, 3f);
        float[] joints = post.regressJoints(PostProcessor.centre(mesh, root));
        assertThat(joints).hasSize(63);
        assertThat(joints).startsWith(0f, 0f, 0f, 1f, 2f, 3f, 9f, -2f, -3f, -1f, 8f, -3f, -1f, -2f, -3f);
    }

    @Test
    void projectionIsScaleTimesTranslatedXy() {
        float[] cam = {2f, 0.5f, -0.25f};
        float[] p = PostProcessor.project(new float[] {0.1f, 0.2f, 9f, -0.5f, 0.25f, -3f}, cam);
        assertThat(p[0]).isCloseTo(1.2f, within(1e-6f));
        assertThat(p[1]).isCloseTo(-0.1f, within(1e-6f));
        assertThat(p[2]).isEqualTo(0f);
        assertThat(p[3]).isEqualTo(0f);
        assertThatThrownBy(() -> PostProcessor.project(new float[4], cam)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cropAndImagePixels() {
        CropTransform identity = new CropTransform(0, 0, 1, 1, 224, 224);
        assertThat(PostProcessor.cropPixels(new float[] {-1, 0, 1, 0.5f}, identity)).containsExactly(0f, 112f, 224f,
                168f);
        // a 600×500 image whose crop starts at (10, 20) with 2 image pixels per crop pixel
        CropTransform crop = new CropTransform(10, 20, 2, 2, 224, 224);
        assertThat(PostProcessor.imagePixels(new float[] {0, 0, -1, 1}, crop)).containsExactly(234f, 244f, 10f, 468f);
        // Resize(224) + CenterCrop(224) of 480×360: scale 360/224, resized 298 wide, left = round(74/2) = 37
        double s = 360 / 224.0;
        CropTransform centre = new CropTransform(37 * s, 0, s, s, 224, 224);
        float[] px = PostProcessor.imagePixels(new float[] {0, 0}, centre);
        assertThat((double) px[0]).isCloseTo(149 * s, within(1e-3)); // resized width truncated to 298, centre column 149;
        assertThat((double) px[1]).isCloseTo(180, within(1e-3));
    }

    @Test
    void attentionRowAveragesHeadsAndNormalisesColumns() {
        float[] att = {
            0.5f, 0.5f, 0.25f, 0.75f, // head 0: rows = queries
            1f, 0f, 0.5f, 0.5f};      // head 1
        // mean = [[0.75, 0.25], [0.375, 0.625]]; column sums 1.125, 0.875
        double[] row0 = PostProcessor.attentionRow(att, 2, 2, 0);
        assertThat(row0[0]).isCloseTo(0.75 / 1.125, within(1e-12));
        assertThat(row0[1]).isCloseTo(0.25 / 0.875, within(1e-12));
        double[] row1 = PostProcessor.attentionRow(att, 2, 2, 1);
        assertThat(row0[0] + row1[0]).isCloseTo(1, within(1e-12));
        assertThatThrownBy(() -> PostProcessor.attentionRow(att, 2, 2, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PostProcessor.attentionRow(att, 4, 2, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void applyBuildsAnImmutableReconstruction() {
        PostProcessor post = new PostProcessor(hand());
        int tokens = 21 + 2;
        float[] attention = new float[tokens * tokens];
        for (int i = 0; i < tokens; i++) {
            attention[i * tokens + i] = 1; // one head, identity attention
        }
        float[] mesh = {0, 0, 0, 2, 4, 6, 10, 0, 0, 0, 10, 0};
        MetroOutput out = new MetroOutput(new float[] {2, 0, 0}, new float[63], new float[] {1, 1, 1, -1, -1, -1},
                new float[0], mesh, attention, 1);
        CropTransform crop = new CropTransform(10, 20, 2, 2, 224, 224);
        Reconstruction r = post.apply(out, new InputItem("a.png", crop), "m", 12.0, 3);
        assertThat(r.root()).containsExactly(1f, 2f, 3f);
        assertThat(r.verticesCentered()).startsWith(-1f, -2f, -3f, 1f, 2f, 3f);
        assertThat(r.joints2d()).startsWith(0f, 0f, 2f, 4f);
        assertThat(r.verticesCoarse2d()).containsExactly(2f, 2f, -2f, -2f);
        assertThat(r.joints2dCropPixels()).startsWith(112f, 112f, 336f, 560f);
        assertThat(r.joints2dImagePixels()).startsWith(234f, 244f);
        assertThat(r.attentionDemo()).hasSize(tokens).startsWith(1.0, 0.0);
        assertThat(r.attentionJoint()).isZero();
        assertThat(r.hasAttention()).isTrue();
        assertThat(r.timings().forwardMillisPerImage()).isEqualTo(4.0);
        assertThat(r.kind()).isEqualTo(MeshKind.HAND);
        mesh[0] = 99;
        r.vertices()[1] = 99;
        assertThat(r.vertices()).startsWith(0f, 0f, 0f);
        assertThat(r.verticesMid()).isEmpty();
    }

    @Test
    void aMeshOfTheWrongSizeIsRefused() {
        PostProcessor post = new PostProcessor(hand());
        assertThatThrownBy(() -> post.root(new float[9])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("regressor expects 4");
    }
}
