package io.metroscope.recon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.metroscope.bench.SyntheticBody;
import io.metroscope.body.MetroTemplate;
import io.metroscope.format.SparseMatrix;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The composed coarse → full mapping carries values exactly as the upsampling chain applied step by step. */
class CoarseToFullTest {

    @Test
    void composedMappingEqualsTheChain() {
        MetroTemplate t = new SyntheticBody().template();
        SparseMatrix m = AttentionMaps.coarseToFull(t);
        assertThat(m.rows()).isEqualTo(SyntheticBody.VERTICES);
        assertThat(m.cols()).isEqualTo(SyntheticBody.COARSE);
        Random random = new Random(3);
        float[] coarse = new float[SyntheticBody.COARSE];
        for (int i = 0; i < coarse.length; i++) {
            coarse[i] = random.nextFloat();
        }
        float[] chained = AttentionMaps.onFullMesh(coarse, t);
        float[] once = m.multiply(coarse, 1);
        assertThat(once).hasSize(chained.length);
        for (int i = 0; i < once.length; i++) {
            assertThat(once[i]).as("vertex %d", i).isCloseTo(chained[i], within(1e-5f));
        }
    }

    @Test
    void sparseProductMatchesTheDenseProduct() {
        SparseMatrix a = SparseMatrix.fromCoordinates(3, 4, new int[] {0, 0, 1, 2, 2}, new int[] {0, 3, 1, 2, 2},
                new double[] {1, 2, 3, 4, 5});
        SparseMatrix b = SparseMatrix.fromCoordinates(4, 2, new int[] {0, 1, 2, 3}, new int[] {1, 0, 1, 0},
                new double[] {7, 11, 13, 17});
        double[] da = a.toDense();
        double[] db = b.toDense();
        double[] expected = new double[3 * 2];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 2; c++) {
                for (int k = 0; k < 4; k++) {
                    expected[r * 2 + c] += da[r * 4 + k] * db[k * 2 + c];
                }
            }
        }
        assertThat(a.times(b).toDense()).containsExactly(expected);
    }
}
