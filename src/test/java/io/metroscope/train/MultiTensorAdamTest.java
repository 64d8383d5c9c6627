package io.metroscope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultiTensorAdamTest {

    private static final Shape[] SHAPES = {new Shape(3), new Shape(4, 5), new Shape(2, 3, 4), new Shape(1)};

    private static Map<String, NDArray> parameters(NDManager m, long seed) {
        Random r = new Random(seed);
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (int i = 0; i < SHAPES.length; i++) {
            float[] values = new float[(int) SHAPES[i].size()];
            for (int k = 0; k < values.length; k++) {
                values[k] = (float) r.nextGaussian();
            }
            NDArray p = m.create(values, SHAPES[i]);
            p.setRequiresGradient(true);
            out.put("p" + i, p);
        }
        return out;
    }

    /** Gradients of Σ (w·c)² with c drawn from {@code seed}: different per step, the same for both optimizers. */
    private static void backward(Map<String, NDArray> params, long seed) {
        Random r = new Random(seed);
        try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
            NDArray total = null;
            for (NDArray p : params.values()) {
                NDArray term = p.mul((float) (3 * r.nextGaussian())).square().sum();
                total = total == null ? term : total.add(term);
            }
            c.backward(total);
        }
    }

    @Test
    void theTorchScriptModuleLoadsOnThisPyTorch() {
        assertThat(new AdamOptimizer().kernel()).isEqualTo("multi-tensor");
        assertThat(AdamOptimizer.tensorByTensor().kernel()).isEqualTo("per-tensor");
    }

    @Test
    void stepsExactlyAsDjlsKernelTensorByTensorWithAndWithoutClipping() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Map<String, NDArray> multi = parameters(m, 7);
            Map<String, NDArray> single = parameters(m, 7);
            AdamOptimizer a = new AdamOptimizer();
            AdamOptimizer b = AdamOptimizer.tensorByTensor();
            for (int step = 0; step < 4; step++) {
                double clip = step % 2 == 0 ? 0 : 0.5; // odd steps clip (the norm here is far above 0.5)
                backward(multi, 100 + step);
                backward(single, 100 + step);
                double na = a.step(multi, 1e-2f, clip);
                double nb = b.step(single, 1e-2f, clip);
                if (clip > 0) {
                    assertThat(na).isGreaterThan(clip).isCloseTo(nb, offset(1e-5 * nb));
                } else {
                    assertThat(na).isNaN();
                }
                for (String key : multi.keySet()) {
                    assertThat(multi.get(key).toFloatArray()).as("%s after step %d", key, step + 1)
                            .containsExactly(single.get(key).toFloatArray(), offset(1e-6f));
                    assertThat(multi.get(key).getGradient().toFloatArray()).as("gradients zeroed").containsOnly(0f);
                }
            }
            for (Map.Entry<String, NDArray> e : a.moments().entrySet()) {
                assertThat(e.getValue().toFloatArray()).as(e.getKey())
                        .containsExactly(b.moments().get(e.getKey()).toFloatArray(), offset(1e-7f));
            }
        }
    }

    @Test
    void theNormIsTheL2NormOverEveryTensor() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray a = m.create(new float[] {3f, 0f});
            NDArray b = m.create(new float[][] {{0f, 4f}, {12f, 0f}});
            MultiTensorAdam kernel = MultiTensorAdam.shared().orElseThrow();
            assertThat(kernel.norm(List.of(a, b))).isCloseTo(13, offset(1e-6));
            assertThat(kernel.norm(List.of())).isZero();
            assertThat(a.toFloatArray()).containsExactly(3f, 0f); // inputs untouched
        }
    }
}
