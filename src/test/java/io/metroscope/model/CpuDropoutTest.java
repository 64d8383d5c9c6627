package io.metroscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

/** The parallel CPU dropout: Bernoulli statistics, independence across chunks, seeding, gradients. */
class CpuDropoutTest {

    private static float[] values(int count, float rate, long seed) {
        FloatBuffer b = CpuDropout.mask(count, rate, seed).asFloatBuffer();
        float[] v = new float[count];
        b.get(v);
        return v;
    }

    @Test
    void keepsOneMinusRateOfTheElementsScaledSoTheMeanIsKept() {
        int n = 2_000_000;
        float[] mask = values(n, 0.1f, 42);
        long kept = 0;
        double sum = 0;
        for (float v : mask) {
            assertThat(v == 0f || Math.abs(v - 1 / 0.9f) < 1e-6f).isTrue();
            kept += v != 0 ? 1 : 0;
            sum += v;
        }
        // 4 standard deviations of a Binomial(n, 0.9) fraction: 4 · sqrt(0.09 / n) ≈ 8.5e-4
        assertThat(kept / (double) n).isCloseTo(0.9, offset(8.5e-4));
        assertThat(sum / n).isCloseTo(1.0, offset(1e-3));
    }

    @Test
    void chunksAreIndependentNotShiftedCopiesOfOneStream() {
        float[] mask = values(4 * CpuDropout.CHUNK, 0.5f, 7);
        // Neighbouring chunks, compared element by element and shifted by one, agree about half the time.
        for (int shift = 0; shift <= 2; shift++) {
            int same = 0;
            int n = CpuDropout.CHUNK - 2;
            for (int i = 0; i < n; i++) {
                same += (mask[i] == 0) == (mask[CpuDropout.CHUNK + i + shift] == 0) ? 1 : 0;
            }
            assertThat(same / (double) n).as("shift %d", shift).isCloseTo(0.5, offset(0.02));
        }
    }

    @Test
    void theSeedDecidesTheMask() {
        assertThat(values(300_000, 0.3f, 5)).containsExactly(values(300_000, 0.3f, 5));
        assertThat(values(300_000, 0.3f, 5)).isNotEqualTo(values(300_000, 0.3f, 6));
        assertThatThrownBy(() -> CpuDropout.mask(10, 0f, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void followsTheEngineSeedAndPassesGradientsThroughTheKeptElements() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = m.randomNormal(new Shape(3, 4, 50, 50));
            Engine.getInstance().setRandomSeed(11);
            float[] first = CpuDropout.apply(x, 0.2f).toFloatArray();
            Engine.getInstance().setRandomSeed(11);
            assertThat(CpuDropout.apply(x, 0.2f).toFloatArray()).containsExactly(first);

            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = CpuDropout.apply(x, 0.2f);
                gc.backward(y.sum());
                float[] out = y.toFloatArray();
                float[] in = x.toFloatArray();
                float[] grad = x.getGradient().toFloatArray();
                for (int i = 0; i < out.length; i++) {
                    boolean keptElement = out[i] != 0;
                    assertThat(grad[i]).isEqualTo(keptElement ? 1 / 0.8f : 0f, offset(1e-6f));
                    if (keptElement) {
                        assertThat(out[i]).isCloseTo(in[i] / 0.8f, offset(1e-5f));
                    }
                }
            }
        }
    }
}
