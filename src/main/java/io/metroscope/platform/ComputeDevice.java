package io.metroscope.platform;

import ai.djl.Device;

/** A resolved compute device: the DJL device plus a human-readable name for status bars and reports. */
public record ComputeDevice(Device device, String name, int gpuCount) {

    /** True when this is a CUDA device. */
    public boolean isGpu() {
        return device.isGpu();
    }

    @Override
    public String toString() {
        return name;
    }
}
