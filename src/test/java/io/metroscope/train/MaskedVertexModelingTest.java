package io.metroscope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.metroscope.model.MeshKind;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class MaskedVertexModelingTest {

    private static int masked(float[] mask, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n += mask[i] == 0f ? 1 : 0;
        }
        return n;
    }

    @Test
    void countsAreDrawnAsIntOfUniformTimesPercentTimesCount() {
        MaskedVertexModeling mvm = MaskedVertexModeling.official(MeshKind.BODY);
        // the first draw: k = int(U·0.3·14) joints from the seed's first double
        float[] first = mvm.draw(new Random(7), 14, 431);
        assertThat(masked(first, 0, 14)).isEqualTo((int) (new Random(7).nextDouble() * 0.3 * 14));
        // the distribution: k ∈ {0..4} with P(k) = 1/4.2 for k < 4 and 0.2/4.2 for k = 4; vertices ≤ 129
        Random r = new Random(1);
        int[] counts = new int[15];
        int maxVertices = 0;
        int draws = 20000;
        for (int i = 0; i < draws; i++) {
            float[] mask = mvm.draw(r, 14, 431);
            counts[masked(mask, 0, 14)]++;
            maxVertices = Math.max(maxVertices, masked(mask, 14, 445));
        }
        for (int k = 0; k < 4; k++) {
            assertThat(counts[k] / (double) draws).isCloseTo(1 / 4.2, offset(0.015));
        }
        assertThat(counts[4] / (double) draws).isCloseTo(0.2 / 4.2, offset(0.01));
        assertThat(counts[5]).isZero();
        assertThat(maxVertices).isBetween(120, 129);
        // hand: 0% → nothing masked
        assertThat(masked(MaskedVertexModeling.official(MeshKind.HAND).draw(r, 21, 195), 0, 216)).isZero();
    }

    @Test
    void maskedTokensBecomeTheConstantOnlyInTraining() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray features = m.arange(12f).reshape(1, 3, 4);
            float[] mask = {1, 0, 1};
            UnaryOperator<NDArray> hook = MaskedVertexModeling.hook(mask, 1, true, null);
            float[] out = hook.apply(features).toFloatArray();
            assertThat(out).containsExactly(new float[] {0, 1, 2, 3, 0.01f, 0.01f, 0.01f, 0.01f, 8, 9, 10, 11},
                    offset(1e-7f));
            assertThat(MaskedVertexModeling.hook(mask, 1, false, null)).isNull();
            assertThat(MaskedVertexModeling.hook(new float[] {1, 1, 1}, 1, true, null)).isNull();
            NDArray token = m.create(new float[] {-1, -2, -3, -4});
            float[] learned = MaskedVertexModeling.hook(mask, 1, true, token).apply(features).toFloatArray();
            assertThat(learned).containsExactly(0, 1, 2, 3, -1, -2, -3, -4, 8, 9, 10, 11);
            assertThat(new Shape(1, 3, 4)).isEqualTo(features.getShape());
        }
    }
}
