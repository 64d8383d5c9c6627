package io.metroscope.body;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;

import org.junit.jupiter.api.Test;

import io.metroscope.format.SparseMatrix;

class JointMappingTest {

    @Test
    void officialMappingsFollowFromJointNames() {
        assertThat(JointMapping.byName(JointSet.H36M_17, JointSet.LSP_14).sourceIndex())
                .containsExactly(JointMapping.H36M_17_TO_LSP_14.sourceIndex());
        assertThat(JointMapping.byName(JointSet.MANO_21, JointSet.FREIHAND_21).sourceIndex())
                .containsExactly(JointMapping.MANO_21_TO_FREIHAND_21.sourceIndex());
        assertThat(JointMapping.H36M_17_TO_LSP_14.sourceIndex())
                .containsExactly(3, 2, 1, 4, 5, 6, 16, 15, 14, 11, 12, 13, 8, 10);
    }

    @Test
    void setsHaveUniqueNamesAndValidParents() {
        for (JointSet set : JointSet.values()) {
            assertThat(new HashSet<>(set.names())).as(set.name()).hasSize(set.size());
            int[] parents = set.parents();
            for (int j = 0; j < parents.length; j++) {
                assertThat(parents[j]).as(set + " joint " + j).isBetween(-1, set.size() - 1).isNotEqualTo(j);
            }
            assertThat(set.root()).isBetween(0, set.size() - 1);
        }
        assertThat(JointSet.SMPL_24.size()).isEqualTo(24);
        assertThat(JointSet.H36M_17.size()).isEqualTo(17);
    }

    @Test
    void completeMappingsRoundTrip() {
        double[] freihand = sequence(21);
        JointMapping toMano = JointMapping.MANO_21_TO_FREIHAND_21.inverse();
        assertThat(toMano.isComplete()).isTrue();
        double[] mano = toMano.apply(freihand, 3);
        assertThat(JointMapping.MANO_21_TO_FREIHAND_21.apply(mano, 3)).containsExactly(freihand);
        assertThat(toMano.inverse().sourceIndex()).containsExactly(JointMapping.MANO_21_TO_FREIHAND_21.sourceIndex());
    }

    @Test
    void partialMappingsRoundTripOnTheSharedJoints() {
        double[] h36m = sequence(17);
        double[] lsp = JointMapping.H36M_17_TO_LSP_14.apply(h36m, 3);
        JointMapping back = JointMapping.H36M_17_TO_LSP_14.inverse();
        assertThat(back.isComplete()).isFalse();
        double[] h36mAgain = back.apply(lsp, 3);
        // Pelvis, Torso and Nose are not LSP joints: NaN there, the rest returns unchanged.
        for (String missing : new String[] {"Pelvis", "Torso", "Nose"}) {
            assertThat(h36mAgain[3 * JointSet.H36M_17.indexOf(missing)]).isNaN();
        }
        assertThat(JointMapping.H36M_17_TO_LSP_14.apply(h36mAgain, 3)).containsExactly(lsp);
        double[] twoD = JointMapping.H36M_17_TO_LSP_14.apply(sequence2d(17), 2);
        assertThat(twoD).hasSize(28);
        assertThat(twoD[0]).isEqualTo(6); // R_Ankle = H36M 3, x = 2·3
    }

    @Test
    void reorderingRegressorRowsMatchesReorderingJoints() {
        int v = 5;
        double[] dense = new double[21 * v];
        for (int j = 0; j < 21; j++) {
            dense[j * v + j % v] = 1 + j;
        }
        SparseMatrix mano = ModelArrays.toSparse(dense, 21, v);
        SparseMatrix frei = JointMapping.MANO_21_TO_FREIHAND_21.applyToRows(mano);
        double[] vertices = sequence(v);
        assertThat(frei.multiply(vertices, 3))
                .containsExactly(JointMapping.MANO_21_TO_FREIHAND_21.apply(mano.multiply(vertices, 3), 3));
    }

    private static double[] sequence(int joints) {
        double[] out = new double[3 * joints];
        for (int i = 0; i < out.length; i++) {
            out[i] = i;
        }
        return out;
    }

    private static double[] sequence2d(int joints) {
        double[] out = new double[2 * joints];
        for (int i = 0; i < out.length; i++) {
            out[i] = i;
        }
        return out;
    }
}
