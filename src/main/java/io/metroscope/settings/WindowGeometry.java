package io.metroscope.settings;

/** Where the main window was and how big, to restore it at the next start. */
public record WindowGeometry(double x, double y, double width, double height, boolean maximized) {

    /** The size a first start uses, centred by the window system. */
    public static final WindowGeometry DEFAULT = new WindowGeometry(Double.NaN, Double.NaN, 1280, 800, false);

    /** True when a position was saved (otherwise the window is centred). */
    public boolean hasPosition() {
        return !Double.isNaN(x) && !Double.isNaN(y);
    }
}
