package io.metroscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;

/**
 * A square 2-D convolution (optional bias) followed by eval-mode BatchNorm (running statistics, eps 1e-5)
 * and an optional ReLU: the unit HRNet and ResNet are built from.
 */
record ConvBn(NDArray weight, NDArray bias, NDArray gamma, NDArray beta, NDArray runningMean, NDArray runningVar,
        int stride, int padding, boolean relu) {

    static final float BN_EPS = 1e-5f;

    /** Binds {@code <conv>.weight[, .bias]} and {@code <bn>.weight/bias/running_mean/running_var}. */
    static ConvBn bind(WeightBinder w, String ours, String conv, String bn, int in, int out, int kernel, int stride,
            boolean withBias, boolean relu) {
        NDArray weight = w.bind(ours + ".conv.weight", conv + ".weight", out, in, kernel, kernel);
        NDArray bias = withBias ? w.bind(ours + ".conv.bias", conv + ".bias", out) : null;
        return new ConvBn(weight, bias,
                w.bind(ours + ".bn.gamma", bn + ".weight", out),
                w.bind(ours + ".bn.beta", bn + ".bias", out),
                w.bind(ours + ".bn.mean", bn + ".running_mean", out),
                w.bind(ours + ".bn.var", bn + ".running_var", out),
                stride, kernel / 2, relu);
    }

    NDArray forward(NDArray x) {
        NDArray y = Conv2d.conv2d(x, weight, bias, new Shape(stride, stride), new Shape(padding, padding),
                new Shape(1, 1)).singletonOrThrow();
        y = BatchNorm.batchNorm(y, runningMean, runningVar, gamma, beta, 1, 0.1f, BN_EPS, false).singletonOrThrow();
        return relu ? Activation.relu(y) : y;
    }
}
