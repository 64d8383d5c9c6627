package io.metroscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;

/** {@code nn.Linear}: {@code y = x Wᵀ + b} over the last axis, weight in PyTorch's (out, in) layout. */
record LinearLayer(NDArray weight, NDArray bias) {

    static LinearLayer bind(WeightBinder w, String ours, String official, long in, long out) {
        return new LinearLayer(w.bind(ours + ".weight", official + ".weight", out, in),
                w.bind(ours + ".bias", official + ".bias", out));
    }

    NDArray forward(NDArray x) {
        return Linear.linear(x, weight, bias).singletonOrThrow();
    }
}
