package io.metroscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;

/**
 * A square 2-D convolution (optional bias) followed by eval-mode BatchNorm (running statistics, eps 1e-5)
 * and an optional ReLU: the unit HRNet and ResNet are built from.
 *
 * <p>Inference only ever uses the running statistics, so the BatchNorm is folded into the convolution when the
 * weights are loaded: {@code W' = W·γ/√(σ²+ε)} per output channel and {@code b' = β + (b − μ)·γ/√(σ²+ε)},
 * computed in float64 and rounded once to float32. The forward pass is then one convolution (+ ReLU). The
 * original tensors are released after folding; {@code weight … runningVar} stay null-safe only for dry runs.
 */
record ConvBn(NDArray foldedWeight, NDArray foldedBias, int stride, int padding, boolean relu, Unfolded unfolded) {

    /** A training-mode unit: the original tensors and the shared training switch (BatchNorm not folded). */
    record Unfolded(NDArray weight, NDArray bias, NDArray gamma, NDArray beta, NDArray mean, NDArray var,
            TrainingMode mode) {
    }

    ConvBn(NDArray foldedWeight, NDArray foldedBias, int stride, int padding, boolean relu) {
        this(foldedWeight, foldedBias, stride, padding, relu, null);
    }

    static final float BN_EPS = 1e-5f;

    /** Binds {@code <conv>.weight[, .bias]} and {@code <bn>.weight/bias/running_mean/running_var}, then folds. */
    static ConvBn bind(WeightBinder w, String ours, String conv, String bn, int in, int out, int kernel, int stride,
            boolean withBias, boolean relu) {
        NDArray weight = w.bind(ours + ".conv.weight", conv + ".weight", out, in, kernel, kernel);
        NDArray bias = withBias ? w.bind(ours + ".conv.bias", conv + ".bias", out) : null;
        NDArray gamma = w.bind(ours + ".bn.gamma", bn + ".weight", out);
        NDArray beta = w.bind(ours + ".bn.beta", bn + ".bias", out);
        NDArray mean = w.bind(ours + ".bn.mean", bn + ".running_mean", out);
        NDArray var = w.bind(ours + ".bn.var", bn + ".running_var", out);
        if (weight == null) {
            return new ConvBn(null, null, stride, kernel / 2, relu);
        }
        if (w.mode() != null) {
            return new ConvBn(null, null, stride, kernel / 2, relu,
                    new Unfolded(weight, bias, gamma, beta, mean, var, w.mode()));
        }
        NDArray folded;
        NDArray foldedBias;
        try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
            NDArray scale = gamma.toType(DataType.FLOAT64, false)
                    .div(var.toType(DataType.FLOAT64, false).add(BN_EPS).sqrt());
            folded = weight.toType(DataType.FLOAT64, false).mul(scale.reshape(out, 1, 1, 1))
                    .toType(DataType.FLOAT32, false);
            NDArray shift = bias == null ? mean.toType(DataType.FLOAT64, false).neg()
                    : bias.toType(DataType.FLOAT64, false).sub(mean.toType(DataType.FLOAT64, false));
            foldedBias = beta.toType(DataType.FLOAT64, false).add(shift.mul(scale)).toType(DataType.FLOAT32, false);
            ai.djl.ndarray.NDScope.unregister(folded, foldedBias);
        }
        for (NDArray original : new NDArray[] {weight, bias, gamma, beta, mean, var}) {
            if (original != null) {
                original.close();
            }
        }
        folded.setName(ours + ".folded.weight");
        foldedBias.setName(ours + ".folded.bias");
        return new ConvBn(folded, foldedBias, stride, kernel / 2, relu);
    }

    NDArray forward(NDArray x) {
        if (unfolded != null) {
            return forwardUnfolded(x);
        }
        NDArray y = Conv2d.conv2d(x, foldedWeight, foldedBias, new Shape(stride, stride),
                new Shape(padding, padding), new Shape(1, 1)).singletonOrThrow();
        return relu ? Activation.relu(y) : y;
    }

    /** Convolution then BatchNorm: batch statistics (running stats updated, momentum 0.1) when training. */
    private NDArray forwardUnfolded(NDArray x) {
        Unfolded u = unfolded;
        NDArray y = Conv2d.conv2d(x, u.weight(), u.bias(), new Shape(stride, stride),
                new Shape(padding, padding), new Shape(1, 1)).singletonOrThrow();
        // DJL's momentum is the weight of the running value (PyTorch engine passes 1 − momentum to torch).
        y = ai.djl.nn.norm.BatchNorm.batchNorm(y, u.mean(), u.var(), u.gamma(), u.beta(), 1,
                1 - TrainingMode.BN_MOMENTUM, BN_EPS, u.mode().training()).singletonOrThrow();
        return relu ? Activation.relu(y) : y;
    }
}
