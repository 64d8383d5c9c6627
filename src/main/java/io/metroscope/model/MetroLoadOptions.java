package io.metroscope.model;

import ai.djl.Device;

/**
 * How to build a network from a checkpoint: attention heads per block (not recorded in the weights),
 * whether missing tensors are tolerated (left at zero and reported, like {@code strict=False}), the device, and
 * whether the network is built for training (BatchNorm kept unfolded with batch statistics, separate Q/K/V,
 * dropout; see {@link MetroModel#forTraining}) instead of the folded inference path.
 */
public record MetroLoadOptions(int heads, boolean allowMissing, Device device, boolean training) {

    public MetroLoadOptions {
        if (heads <= 0) {
            throw new IllegalArgumentException("heads must be positive: " + heads);
        }
    }

    /** Inference options (no training mode). */
    public MetroLoadOptions(int heads, boolean allowMissing, Device device) {
        this(heads, allowMissing, device, false);
    }

    /** 4 heads, refuse incomplete checkpoints, CPU. */
    public static MetroLoadOptions defaults() {
        return new MetroLoadOptions(MetroArchitecture.DEFAULT_HEADS, false, Device.cpu());
    }

    public MetroLoadOptions withHeads(int newHeads) {
        return new MetroLoadOptions(newHeads, allowMissing, device, training);
    }

    public MetroLoadOptions withDevice(Device newDevice) {
        return new MetroLoadOptions(heads, allowMissing, newDevice, training);
    }

    /** The same options building a trainable network. */
    public MetroLoadOptions forTraining() {
        return new MetroLoadOptions(heads, allowMissing, device, true);
    }
}
