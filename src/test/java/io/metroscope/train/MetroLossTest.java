package io.metroscope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.metroscope.model.MeshPrediction;
import org.junit.jupiter.api.Test;

/** The loss on a hand-computed batch: B = 2, J = 4 (hips 2, 3), meshes of 1 / 1 / 2 vertices. */
class MetroLossTest {

    @Test
    void bodyLossMatchesHandComputedValue() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            float[] joints = new float[2 * 4 * 3];
            joints[0] = 1; // sample 0, joint 0 = (1,0,0); all else 0
            float[] full = new float[2 * 2 * 3];
            full[1] = 2; // sample 0, vertex 0 = (0,2,0)
            full[9] = 3; // sample 1, vertex 1 = (3,0,0)
            float[] coarse = {0.5f, 0, 0, 0, 0, 0};
            MeshPrediction p = new MeshPrediction(m.create(new float[] {2, 0.5f, 0, 1, 0, 0}, new Shape(2, 3)),
                    m.create(joints, new Shape(2, 4, 3)), m.create(coarse, new Shape(2, 1, 3)),
                    m.zeros(new Shape(2, 1, 3)), m.create(full, new Shape(2, 2, 3)), null);
            float[] gt3d = new float[2 * 4 * 3];
            gt3d[12] = 5; // sample 1 has no 3D joints: must be ignored
            LossTargets t = new LossTargets(m.create(gt3d, new Shape(2, 4, 3)), m.ones(new Shape(2, 4, 1)),
                    m.zeros(new Shape(2, 4, 2)), m.ones(new Shape(2, 4, 1)), m.zeros(new Shape(2, 1, 3)),
                    m.zeros(new Shape(2, 1, 3)), m.zeros(new Shape(2, 2, 3)), m.create(new float[] {1, 0}),
                    m.create(new float[] {1, 1}));
            float[] reg = new float[8];
            reg[0] = 1; // regressed joint 0 = full vertex 0
            MetroLoss loss = new MetroLoss(LossWeights.body(), m.create(reg, new Shape(4, 2)), 2, 3);
            MetroLoss.Terms terms = loss.compute(p, t);
            // 3D: tokens 1/12 (only sample 0: (1,0,0)² over 4·3 elements), regressed (0,2,0)² → 4/12
            assertThat(terms.joints3d().getFloat()).isCloseTo(5f / 12, offset(1e-6f));
            // vertices: coarse 0.5/(2·1·3) = 1/12, mid 0, full (2+3)/(2·2·3) = 5/12, each × 0.33
            assertThat(terms.vertices().getFloat()).isCloseTo(0.33f * 0.5f, offset(1e-6f));
            // 2D with cam [2, 0.5, 0]: tokens (3,0),(1,0)×3 → 12/16; regressed (1,4),(1,0)×3 → 20/16
            assertThat(terms.joints2d().getFloat()).isCloseTo(2f, offset(1e-6f));
            assertThat(terms.total().getFloat()).isCloseTo(1000f * 5 / 12 + 100 * 0.165f + 100 * 2f, offset(1e-3f));

            LossTargets none = new LossTargets(t.joints3d(), t.conf3d(), t.joints2d(), t.conf2d(), t.coarse(),
                    t.mid(), t.full(), m.zeros(new Shape(2)), m.zeros(new Shape(2)));
            MetroLoss.Terms zero = loss.compute(p, none);
            assertThat(zero.joints3d().getFloat()).isEqualTo(0f);
            assertThat(zero.vertices().getFloat()).isEqualTo(0f);
        }
    }

    @Test
    void projectionAddsTranslationBeforeScaling() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray pts = m.create(new float[] {1, 2, 9}, new Shape(1, 1, 3));
            NDArray uv = MetroLoss.project(pts, m.create(new float[] {3, 0.5f, -1}, new Shape(1, 3)));
            assertThat(uv.toFloatArray()).containsExactly(4.5f, 3f);
        }
    }
}
