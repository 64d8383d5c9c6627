package io.metroscope.model;

import ai.djl.Device;

/**
 * How to build a network from a checkpoint: attention heads per block (not recorded in the weights),
 * whether missing tensors are tolerated (left at zero and reported, like {@code strict=False}), and the device.
 */
public record MetroLoadOptions(int heads, boolean allowMissing, Device device) {

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
        return new MetroLoadOptions(newHeads, allowMissing, device);
    }
}
