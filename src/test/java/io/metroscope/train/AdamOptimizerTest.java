package io.metroscope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdamOptimizerTest {

    private static void backward(NDArray w, float slope) {
        try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
            c.backward(w.mul(slope).sum());
        }
    }

    @Test
    void stepsAsAdamWithBiasCorrectionAndKeepsItsMoments() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray w = m.create(new float[] {1f, -2f});
            w.setRequiresGradient(true);
            Map<String, NDArray> params = Map.of("w", w);
            AdamOptimizer adam = new AdamOptimizer();
            backward(w, 0.5f);
            assertThat(adam.step(params, 0.1f, 0)).as("no clipping: the norm is not read back").isNaN();
            // t = 1: m̂ = g, v̂ = g² → a step of lr·sign(g)
            assertThat(w.toFloatArray()).containsExactly(new float[] {0.9f, -2.1f}, offset(1e-5f));
            backward(w, 0.5f); // gradients were zeroed: this is 0.5 again, not 1.0
            adam.step(params, 0.1f, 0);
            assertThat(w.toFloatArray()).containsExactly(new float[] {0.8f, -2.2f}, offset(1e-5f));
            assertThat(adam.moments().get("exp_avg.w").toFloatArray()).containsExactly(new float[] {0.095f, 0.095f},
                    offset(1e-6f));
            assertThat(adam.moments().get("exp_avg_sq.w").toFloatArray())
                    .containsExactly(new float[] {0.00049975f, 0.00049975f}, offset(1e-8f));
            assertThat(adam.steps()).isEqualTo(2);
        }
    }

    @Test
    void clippingRescalesByTheGlobalNorm() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray w = m.create(new float[] {0f});
            w.setRequiresGradient(true);
            AdamOptimizer adam = new AdamOptimizer();
            backward(w, 4f);
            assertThat(adam.step(Map.of("w", w), 0.1f, 1.0)).isCloseTo(4, offset(1e-6));
            // clipped gradient 1: first moment 0.1·1
            assertThat(adam.moments().get("exp_avg.w").getFloat(0)).isCloseTo(0.1f, offset(1e-5f));
        }
    }

    @Test
    void theGlobalNormSumsEveryTensorOnTheDevice() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray a = m.create(new float[] {3f, 0f});
            NDArray b = m.create(new float[][] {{0f, 4f}, {12f, 0f}});
            assertThat(AdamOptimizer.globalNorm(java.util.List.of(a, b))).isCloseTo(13, offset(1e-9));
            assertThat(AdamOptimizer.globalNorm(java.util.List.of())).isZero();
            assertThat(a.toFloatArray()).containsExactly(3f, 0f); // inputs untouched
        }
    }
}
