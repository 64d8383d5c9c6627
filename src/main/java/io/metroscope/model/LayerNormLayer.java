package io.metroscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;

/** BERT's LayerNorm over the last axis only (biased variance), eps 1e-12 as in BertConfig's default. */
record LayerNormLayer(NDArray gamma, NDArray beta, float eps) {

    static final float BERT_EPS = 1e-12f;

    static LayerNormLayer bind(WeightBinder w, String ours, String official, long width) {
        return new LayerNormLayer(w.bind(ours + ".gamma", official + ".weight", width),
                w.bind(ours + ".beta", official + ".bias", width), BERT_EPS);
    }

    NDArray forward(NDArray x) {
        // Only the last axis: DJL's default normalises all non-batch axes.
        return LayerNorm.layerNorm(x, new Shape(gamma.getShape().get(0)), gamma, beta, eps).singletonOrThrow();
    }
}
