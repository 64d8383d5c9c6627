package io.metroscope.model;

import ai.djl.ndarray.NDArray;

/** A CNN backbone with bound weights: normalised images (B,3,H,W) → (B,C,h,w) or, pooled, (B,C). */
sealed interface Backbone permits HrNetBackbone, ResNetBackbone {

    NDArray forward(NDArray images);

    static Backbone bind(WeightBinder w, BackboneSpec spec) {
        if (spec instanceof HrNetSpec hr) {
            return new HrNetBackbone(w, hr);
        }
        return new ResNetBackbone(w, (ResNetSpec) spec);
    }

    /** Global average pooling over all spatial positions (the engine's mean takes one axis at a time). */
    static NDArray globalAverage(NDArray map) {
        return map.reshape(map.getShape().get(0), map.getShape().get(1), -1).mean(new int[] {2});
    }
}
