package io.metroscope.model;

import ai.djl.Device;

/**
 * How to build a network from a checkpoint: attention heads per block (not recorded in the weights),
 * whether missing tensors are tolerated (left at zero and reported, like {@code strict=False}), the device, and
 * whether the original weights are kept (for export) instead of being folded for fast inference.
 */
public record MetroLoadOptions(int heads, boolean allowMissing, Device device, boolean keepOriginalWeights) {

    /** Inference-optimised loading (BatchNorm folded into convolutions, fused QKV). */
    public MetroLoadOptions(int heads, boolean allowMissing, Device device) {
        this(heads, allowMissing, device, false);
    }

    public MetroLoadOptions {
        if (heads <= 0) {
            throw new IllegalArgumentException("heads must be positive: " + heads);
        }
    }

    /** 4 heads, refuse incomplete checkpoints, CPU. */
    public static MetroLoadOptions defaults() {
        return new MetroLoadOptions(MetroArchitecture.DEFAULT_HEADS, false, Device.cpu());
    }

    public MetroLoadOptions withHeads(int newHeads) {
        return new MetroLoadOptions(newHeads, allowMissing, device, keepOriginalWeights);
    }

    /** Keeps every official tensor as loaded, so the model can be exported back to a state_dict. */
    public MetroLoadOptions keepingOriginalWeights() {
        return new MetroLoadOptions(heads, allowMissing, device, true);
    }
}
