package io.metroscope.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import io.metroscope.format.SparseMatrix;

/** SMPL forward on a tiny synthetic model (nothing from SMPL) against NumPy numbers and closed forms. */
class LinearBlendSkinningTest {
    private static final int V = 6;
    private static final int K = 4;
    private static final int S = 2;
    private static final int[] PARENTS = {-1, 0, 1, 1};

    // From src/test/resources/io/metroscope/body/lbs_reference.py (NumPy 2.4, float64), same model and inputs.
    private static final double[] POSE = {0.3, -0.2, 0.1, 0.5, 0.0, -0.4, 0.0, 1.1, 0.2, -0.7, 0.25, 0.0};
    private static final double[] BETAS = {0.7, -1.2};
    private static final double[] NUMPY_VERTICES = {-0.47138163028264646, -0.355510773036903, 0.17927230452714732,
        0.32432065055856846, 0.6826476899292265, 0.021476919868523035, -0.20409474969822883, -0.028858224869317373,
        0.45303565994732703, 0.5766817616195635, -0.321519149551448, -0.14189944056018294, 0.1719258925146701,
        0.5661071993912391, -0.21128449392703869, -0.04667895560052315, -0.14562897257055593, 0.2766289293025346};
    private static final double[] NUMPY_JOINTS = {-0.07864583333333333, 0.1734375, 0.058072916666666655,
        -0.06127145499676731, -0.06146038608147547, 0.04604984282735087, 0.15919275318765091, 0.22192459982482116,
        0.03806421724707543, -0.008106816270796097, 0.1267511466324897, 0.17785796228617096};

    /** The model of lbs_reference.py: small integer formulas, rows of J_regressor and weights normalised. */
    static SmplModel syntheticModel(boolean withPoseBlend) {
        double[] vt = new double[V * 3];
        double[] sd = new double[V * 3 * S];
        int p = 9 * (K - 1);
        double[] pd = new double[V * 3 * p];
        for (int i = 0; i < V; i++) {
            for (int c = 0; c < 3; c++) {
                vt[3 * i + c] = ((i * 7 + c * 3) % 11 - 5) / 8.0;
                for (int b = 0; b < S; b++) {
                    sd[(3 * i + c) * S + b] = ((i * 5 + c * 2 + b * 3) % 7 - 3) / 64.0;
                }
                for (int q = 0; q < p && withPoseBlend; q++) {
                    pd[(3 * i + c) * p + q] = ((i * 3 + c * 5 + q) % 9 - 4) / 256.0;
                }
            }
        }
        double[] jr = new double[K * V];
        for (int j = 0; j < K; j++) {
            double sum = 0;
            for (int i = 0; i < V; i++) {
                sum += (i + 2 * j) % 3 + 1;
            }
            for (int i = 0; i < V; i++) {
                jr[j * V + i] = ((i + 2 * j) % 3 + 1) / sum;
            }
        }
        double[] w = new double[V * K];
        for (int i = 0; i < V; i++) {
            double sum = 0;
            for (int j = 0; j < K; j++) {
                sum += (i + j) % 4 + 1;
            }
            for (int j = 0; j < K; j++) {
                w[i * K + j] = ((i + j) % 4 + 1) / sum;
            }
        }
        return new SmplModel(vt, sd, pd, ModelArrays.toSparse(jr, K, V), w, PARENTS, new int[] {0, 1, 2, 3, 4, 5});
    }

    @Test
    void matchesNumpyReference() {
        PosedMesh posed = LinearBlendSkinning.pose(syntheticModel(true), POSE, BETAS);
        assertThat(SharedData.maxAbsDiff(posed.vertices(), NUMPY_VERTICES)).isLessThan(1e-14);
        assertThat(SharedData.maxAbsDiff(posed.joints(), NUMPY_JOINTS)).isLessThan(1e-14);
    }

    @Test
    void zeroPoseGivesTheShapedTemplate() {
        SmplModel model = syntheticModel(true);
        PosedMesh rest = LinearBlendSkinning.pose(model, new double[3 * K], new double[S]);
        assertThat(SharedData.maxAbsDiff(rest.vertices(), model.vTemplate())).isLessThan(1e-15);
        double[] shaped = LinearBlendSkinning.shape(model, BETAS);
        PosedMesh shapedRest = LinearBlendSkinning.pose(model, new double[3 * K], BETAS);
        assertThat(SharedData.maxAbsDiff(shapedRest.vertices(), shaped)).isLessThan(1e-15);
        assertThat(SharedData.maxAbsDiff(shapedRest.joints(), shapedRest.restJoints())).isLessThan(1e-15);
        // Shape blend: v_template + shapedirs · betas, checked on one coordinate by hand.
        double expected = model.vTemplate()[4] + model.shapedirs()[4 * S] * BETAS[0]
                + model.shapedirs()[4 * S + 1] * BETAS[1];
        assertThat(shaped[4]).isEqualTo(expected, within(1e-15));
    }

    @Test
    void rotatingOneLeafJointMovesOnlyItsVertices() {
        SmplModel base = syntheticModel(false);
        // Rigid binding: vertices 0-2 to joint 1, 3-4 to joint 2 (a leaf), 5 to joint 3.
        int[] bone = {1, 1, 1, 2, 2, 3};
        double[] w = new double[V * K];
        for (int i = 0; i < V; i++) {
            w[i * K + bone[i]] = 1;
        }
        SmplModel model = new SmplModel(base.vTemplate(), base.shapedirs(), base.posedirs(), base.jointRegressor(),
                w, PARENTS, base.faces());
        double[] pose = new double[3 * K];
        pose[3 * 2 + 2] = Math.PI / 2; // 90° about z at joint 2
        PosedMesh posed = LinearBlendSkinning.pose(model, pose, new double[0]);
        double[] rest = model.vTemplate();
        double[] j2 = {posed.restJoints()[6], posed.restJoints()[7], posed.restJoints()[8]};
        for (int i = 0; i < V; i++) {
            double[] expected = {rest[3 * i], rest[3 * i + 1], rest[3 * i + 2]};
            if (bone[i] == 2) {
                // (x, y) → (−y, x) about the joint; z unchanged.
                double dx = rest[3 * i] - j2[0];
                double dy = rest[3 * i + 1] - j2[1];
                expected = new double[] {j2[0] - dy, j2[1] + dx, rest[3 * i + 2]};
            }
            for (int c = 0; c < 3; c++) {
                // The official +1e-8 tilts the axis by ~1e-8 rad: allow that much.
                assertThat(posed.vertices()[3 * i + c]).as("vertex %d coord %d", i, c)
                        .isEqualTo(expected[c], within(bone[i] == 2 ? 1e-7 : 1e-15));
            }
        }
        // The rotated joint itself stays where it was; its parent and sibling too.
        assertThat(SharedData.maxAbsDiff(posed.joints(), posed.restJoints())).isLessThan(1e-15);
    }

    @Test
    void rodriguesMatchesTheOfficialQuaternionForm() {
        assertThat(Rodrigues.toMatrix(0, 0, 0)).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
        double[] r = Rodrigues.toMatrix(OfficialTemplates.BODY_ROOT_ROTATION, 0, 0);
        // ≈ diag(1, −1, −1); the sin term is sin(‖θ + 1e-8‖) ≈ sin(3.1416 + 1e-8) ≈ −7.356e-6 (3.1416 is not π).
        double angle = Math.sqrt(Math.pow(3.1416 + 1e-8, 2) + 2e-16);
        assertThat(r[0]).isEqualTo(1, within(1e-15));
        assertThat(r[4]).isEqualTo(Math.cos(angle), within(1e-15));
        assertThat(r[8]).isEqualTo(Math.cos(angle), within(1e-15));
        assertThat(r[7]).isEqualTo(Math.sin(angle), within(1e-12));
        assertThat(r[5]).isEqualTo(-Math.sin(angle), within(1e-12));
        assertThat(r[1]).isEqualTo(0, within(1e-15));
    }

    @Test
    void rejectsWrongPoseLength() {
        SmplModel model = syntheticModel(true);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> LinearBlendSkinning.pose(model, new double[72], new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12");
    }

    @Test
    void sparseRegressorFromDenseKeepsValues() {
        SparseMatrix m = ModelArrays.toSparse(new double[] {0, 2, 0, 0, 0, 3}, 2, 3);
        assertThat(m.nonZeroCount()).isEqualTo(2);
        assertThat(m.get(0, 1)).isEqualTo(2);
        assertThat(m.get(1, 2)).isEqualTo(3);
    }
}
