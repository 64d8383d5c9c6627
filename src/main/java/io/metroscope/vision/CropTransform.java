package io.metroscope.vision;

/**
 * Maps points between a crop and the image it was cut from: {@code x = originX + u * scaleX},
 * {@code y = originY + v * scaleY}.
 *
 * <p>Coordinates are continuous pixel coordinates: (0, 0) is the top-left corner of the top-left pixel and the
 * centre of pixel (i, j) is (i + 0.5, j + 0.5), in the crop and in the image alike. This is the convention under
 * which Pillow's resize is exactly affine, so the mapping is exact for the crops built here.
 *
 * @param originX image x of the crop's left edge
 * @param originY image y of the crop's top edge
 * @param scaleX image pixels per crop pixel, horizontally
 * @param scaleY image pixels per crop pixel, vertically
 * @param cropWidth crop width in pixels
 * @param cropHeight crop height in pixels
 */
public record CropTransform(double originX, double originY, double scaleX, double scaleY, int cropWidth,
                            int cropHeight) {

    public CropTransform {
        if (!(scaleX > 0) || !(scaleY > 0) || !Double.isFinite(scaleX) || !Double.isFinite(scaleY)) {
            throw new IllegalArgumentException("scales must be positive and finite: " + scaleX + ", " + scaleY);
        }
    }

    /** Image point {x, y} of crop point (u, v). */
    public double[] toImage(double u, double v) {
        return new double[] {originX + u * scaleX, originY + v * scaleY};
    }

    /** Crop point {u, v} of image point (x, y). */
    public double[] toCrop(double x, double y) {
        return new double[] {(x - originX) / scaleX, (y - originY) / scaleY};
    }

    /**
     * Image point of a network output in normalised crop coordinates ([-1, 1] spans the crop; METRO's
     * {@code orthographic_projection} output, drawn by the demo at pixel {@code (p + 1) · 112}).
     */
    public double[] normalizedToImage(double nx, double ny) {
        return toImage((nx + 1) * 0.5 * cropWidth, (ny + 1) * 0.5 * cropHeight);
    }

    /** Image point {x, y} of the centre of crop pixel (i, j). */
    public double[] pixelCentreToImage(int i, int j) {
        return toImage(i + 0.5, j + 0.5);
    }
}
