package io.metroscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar operands for arrays that take part in an autograd graph. DJL's PyTorch {@code mul(Number)},
 * {@code div(Number)}, {@code maximum(Number)} … wrap the number in a tensor over a Java direct buffer
 * ({@code from_blob}, no copy) and release it right after the op, while autograd keeps that tensor for the backward
 * pass: a garbage collection between forward and backward frees the buffer and backward reads freed memory
 * (garbage or NaN gradients). The scalars made here are allocated by PyTorch itself, so the graph's reference keeps
 * them alive whatever the Java side does. Inference without gradients is unaffected and may keep the Number forms.
 */
public final class GraphScalars {

    private GraphScalars() {
    }

    /** A 0-d array holding {@code value}, of {@code like}'s type, owned by PyTorch, attached to its manager. */
    public static NDArray of(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }

    /** {@code x · value}, safe inside a gradient collector. */
    public static NDArray mul(NDArray x, double value) {
        return x.mul(of(x, value));
    }

    /** {@code x / value}, safe inside a gradient collector. */
    public static NDArray div(NDArray x, double value) {
        return x.div(of(x, value));
    }

    /** {@code max(x, value)} element-wise, safe inside a gradient collector. */
    public static NDArray maximum(NDArray x, double value) {
        return x.maximum(of(x, value));
    }
}
