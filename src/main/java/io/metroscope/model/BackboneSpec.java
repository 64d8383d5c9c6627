package io.metroscope.model;

/** A CNN backbone configuration; its output has {@link #featureDim()} channels. */
public sealed interface BackboneSpec permits HrNetSpec, ResNetSpec {

    int featureDim();

    /** True when the backbone returns one vector per image rather than a 7×7 map. */
    boolean pooled();
}
