package io.metroscope.vision.render;

/** A linear RGB colour or light intensity; components are usually 0..1 but lights may exceed 1. */
public record Rgb(float r, float g, float b) {
    public static final Rgb BLACK = new Rgb(0, 0, 0);
    public static final Rgb WHITE = new Rgb(1, 1, 1);

    public Rgb {
        if (!Float.isFinite(r) || !Float.isFinite(g) || !Float.isFinite(b) || r < 0 || g < 0 || b < 0) {
            throw new IllegalArgumentException("colour components must be finite and non-negative: " + r + ", " + g + ", " + b);
        }
    }

    /** A grey of this intensity. */
    public static Rgb grey(float v) {
        return new Rgb(v, v, v);
    }

    /** The colour of 8-bit components (0..255). */
    public static Rgb ofBytes(int r, int g, int b) {
        return new Rgb(r / 255f, g / 255f, b / 255f);
    }

    public boolean isBlack() {
        return r == 0 && g == 0 && b == 0;
    }
}
