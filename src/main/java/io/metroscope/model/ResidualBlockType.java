package io.metroscope.model;

/** The two HRNet/ResNet residual blocks; the bottleneck widens its output by 4. */
public enum ResidualBlockType {
    BASIC(1),
    BOTTLENECK(4);

    private final int expansion;

    ResidualBlockType(int expansion) {
        this.expansion = expansion;
    }

    public int expansion() {
        return expansion;
    }

    /** The name HRNet's YAML uses ({@code BASIC}, {@code BOTTLENECK}). */
    public static ResidualBlockType fromConfig(String name) {
        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
