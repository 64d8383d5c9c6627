package io.metroscope.ui.mesh;

import javafx.scene.paint.Color;

/** Colour maps for scalar values on meshes (attention, displacement), sampled at 256 levels. */
public enum ColorMap {
    /** Perceptually uniform, colour-blind safe (matplotlib's viridis, from its published key colours). */
    VIRIDIS(new double[][] {{0.267, 0.005, 0.329}, {0.283, 0.141, 0.458}, {0.254, 0.265, 0.530},
        {0.207, 0.372, 0.553}, {0.164, 0.471, 0.558}, {0.128, 0.567, 0.551}, {0.135, 0.659, 0.518},
        {0.267, 0.749, 0.441}, {0.478, 0.821, 0.318}, {0.741, 0.873, 0.150}, {0.993, 0.906, 0.144}}),
    /** Black through red to pale yellow (matplotlib's inferno key colours). */
    INFERNO(new double[][] {{0.001, 0.000, 0.014}, {0.087, 0.045, 0.225}, {0.258, 0.039, 0.406},
        {0.416, 0.090, 0.433}, {0.578, 0.148, 0.404}, {0.735, 0.216, 0.330}, {0.865, 0.317, 0.226},
        {0.954, 0.469, 0.100}, {0.988, 0.645, 0.040}, {0.964, 0.843, 0.273}, {0.988, 0.998, 0.645}}),
    /** White to the official demo's yellow, for attention figures in the paper's style. */
    OFFICIAL_YELLOW(new double[][] {{1.0, 1.0, 1.0}, {1.0, 0.85, 0.0}}),
    /** Grey, for plain shaded meshes. */
    GREY(new double[][] {{0.3, 0.3, 0.3}, {0.9, 0.9, 0.9}});

    /** Number of levels in the palette texture. */
    public static final int LEVELS = 256;

    private final double[][] keys;
    private volatile int[] argb;

    ColorMap(double[][] keys) {
        this.keys = keys;
    }

    @Override
    public String toString() {
        String n = name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    /** The {@link #LEVELS} palette entries as opaque ARGB ints (for filling pixel buffers on any thread). */
    public int[] argbLevels() {
        int[] lut = argb;
        if (lut == null) {
            lut = new int[LEVELS];
            for (int i = 0; i < LEVELS; i++) {
                Color c = at(i / (double) (LEVELS - 1));
                lut[i] = 0xff000000 | (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                        | (int) Math.round(c.getBlue() * 255);
            }
            argb = lut;
        }
        return lut;
    }

    /** The palette level of {@code t} in [0, 1] (clamped, NaN as 0). */
    public static int level(double t) {
        return (int) Math.round(Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t)) * (LEVELS - 1));
    }

    /** The colour for {@code t} in [0, 1] (clamped), interpolated linearly between the key colours. */
    public Color at(double t) {
        double x = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t)) * (keys.length - 1);
        int i = Math.min((int) x, keys.length - 2);
        double f = x - i;
        double[] a = keys[i];
        double[] b = keys[i + 1];
        return Color.color(a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1]), a[2] + f * (b[2] - a[2]));
    }
}
