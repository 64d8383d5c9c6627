package io.metroscope.platform;

import java.util.Locale;

/** What the user asked to compute on: {@code auto}, {@code cpu}, or {@code gpu[:N]}. */
public record DeviceSpec(Kind kind, int gpuIndex) {

    /** The kinds of request. */
    public enum Kind { AUTO, CPU, GPU }

    public static final DeviceSpec AUTO = new DeviceSpec(Kind.AUTO, -1);
    public static final DeviceSpec CPU = new DeviceSpec(Kind.CPU, -1);

    public DeviceSpec {
        if (kind == Kind.GPU && gpuIndex < 0) {
            throw new IllegalArgumentException("GPU index must be >= 0, got " + gpuIndex);
        }
    }

    /** A request for the GPU with this index. */
    public static DeviceSpec gpu(int index) {
        return new DeviceSpec(Kind.GPU, index);
    }

    /** Parses {@code auto}, {@code cpu}, {@code gpu} (= gpu:0) or {@code gpu:N}, case-insensitively. */
    public static DeviceSpec parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "auto":
                return AUTO;
            case "cpu":
                return CPU;
            case "gpu":
            case "cuda":
                return gpu(0);
            default:
                break;
        }
        for (String prefix : new String[] {"gpu:", "cuda:"}) {
            if (s.startsWith(prefix)) {
                String n = s.substring(prefix.length());
                try {
                    int index = Integer.parseInt(n);
                    if (index >= 0) {
                        return gpu(index);
                    }
                } catch (NumberFormatException ignored) {
                    // falls through to the message below
                }
            }
        }
        throw new IllegalArgumentException("Unknown device '" + text + "': use auto, cpu, gpu or gpu:N (N = 0, 1, ...)");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case AUTO -> "auto";
            case CPU -> "cpu";
            case GPU -> "gpu:" + gpuIndex;
        };
    }
}
