package io.metroscope.vision;

/**
 * A square crop region in GraphCMR/METRO convention: centre and {@code scale}, the side being
 * {@code 200 · scale} image pixels.
 *
 * @param centerX centre x in image pixel coordinates
 * @param centerY centre y in image pixel coordinates
 * @param scale side length / 200
 */
public record CropBox(double centerX, double centerY, double scale) {

    /** METRO's data preparation pads a person's box by 20%: {@code scale = 1.2 · max(w, h) / 200}. */
    public static final double DEFAULT_PADDING = 1.2;
    /** The reference side length of {@code scale = 1}. */
    public static final double REFERENCE_SIDE = 200.0;

    public CropBox {
        if (!(scale > 0) || !Double.isFinite(scale) || !Double.isFinite(centerX) || !Double.isFinite(centerY)) {
            throw new IllegalArgumentException("invalid crop box: centre (" + centerX + ", " + centerY
                    + "), scale " + scale);
        }
    }

    /** The crop around a detector's or the user's box (top-left x, y, width, height), padded 1.2×. */
    public static CropBox fromBox(double x, double y, double width, double height) {
        return fromBox(x, y, width, height, DEFAULT_PADDING);
    }

    /** The crop around a box with {@code scale = padding · max(w, h) / 200}. */
    public static CropBox fromBox(double x, double y, double width, double height, double padding) {
        if (!(width > 0) || !(height > 0) || !(padding > 0)) {
            throw new IllegalArgumentException("box size and padding must be positive: " + width + "x" + height
                    + ", padding " + padding);
        }
        return new CropBox(x + width / 2, y + height / 2, padding * Math.max(width, height) / REFERENCE_SIDE);
    }

    /** Side of the square region in image pixels. */
    public double side() {
        return REFERENCE_SIDE * scale;
    }
}
