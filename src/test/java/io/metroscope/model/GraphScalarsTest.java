package io.metroscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Scalar factors inside a gradient graph survive a garbage collection between forward and backward (DJL's Number
 * overloads do not: their from_blob scalar is freed and backward reads freed memory, the cause of the trainer's
 * intermittent NaN loss).
 */
class GraphScalarsTest {

    private static float[] gradientAfterCollection(BiFunction<NDArray, Double, NDArray> op, double scalar) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = m.create(new float[] {1, 2, 3});
            x.setRequiresGradient(true);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                NDArray loss = op.apply(x, scalar).sum();
                GarbageCollection.collectAndFree();
                c.backward(loss);
            }
            return x.getGradient().toFloatArray();
        }
    }

    @Test
    void aMultiplicationKeepsItsFactorForBackward() {
        assertThat(gradientAfterCollection(GraphScalars::mul, 3.0)).containsExactly(3f, 3f, 3f);
    }

    @Test
    void aDivisionKeepsItsDivisorForBackward() {
        assertThat(gradientAfterCollection(GraphScalars::div, 4.0)).containsExactly(0.25f, 0.25f, 0.25f);
    }

    @Test
    void aMaximumKeepsItsBoundForBackward() {
        // d max(x, 2)/dx: 0 below the bound, 1 above; at the tie PyTorch splits the gradient in half
        assertThat(gradientAfterCollection(GraphScalars::maximum, 2.0)).containsExactly(0f, 0.5f, 1f);
    }

    @Test
    void theScalarHasTheArraysType() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = m.create(new double[] {1, 2});
            NDArray s = GraphScalars.of(x, 0.5);
            assertThat(s.getDataType()).isEqualTo(x.getDataType());
            assertThat(s.getShape().dimension()).isZero();
            assertThat(GraphScalars.mul(x, 0.5).toDoubleArray()).containsExactly(0.5, 1.0);
        }
    }
}
