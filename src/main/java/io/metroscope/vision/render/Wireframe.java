package io.metroscope.vision.render;

/** Visible triangle edges drawn over the shaded mesh; {@code width} is in output pixels. */
public record Wireframe(Rgb color, float width) {
    public Wireframe {
        if (!(width > 0) || !Float.isFinite(width)) {
            throw new IllegalArgumentException("wireframe width must be positive: " + width);
        }
    }
}
