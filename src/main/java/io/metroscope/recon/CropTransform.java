package io.metroscope.recon;

/**
 * Where the network's square crop lies in the original image: crop pixel {@code (u, v)} (0…{@code cropSize},
 * pixel corners, as in {@code (p + 1)·cropSize/2}) maps to image pixel {@code (offsetX + scaleX·u,
 * offsetY + scaleY·v)}. For {@code Resize(224)} + {@code CenterCrop(224)} of a W×H image with shorter side S:
 * scale = S/224 on both axes, offset = the crop's top-left corner in the original image.
 *
 * @param cropSize    side of the square crop the network saw (224)
 * @param scaleX      image pixels per crop pixel along x
 * @param scaleY      image pixels per crop pixel along y
 * @param offsetX     image x of the crop's left edge
 * @param offsetY     image y of the crop's top edge
 * @param imageWidth  original image width in pixels
 * @param imageHeight original image height in pixels
 */
public record CropTransform(int cropSize, double scaleX, double scaleY, double offsetX, double offsetY,
        int imageWidth, int imageHeight) {

    /** METRO's input side. */
    public static final int METRO_CROP = 224;

    public CropTransform {
        if (cropSize <= 0 || imageWidth <= 0 || imageHeight <= 0) {
            throw new IllegalArgumentException("crop and image sizes must be positive");
        }
        if (!(scaleX > 0) || !(scaleY > 0) || !Double.isFinite(scaleX) || !Double.isFinite(scaleY)
                || !Double.isFinite(offsetX) || !Double.isFinite(offsetY)) {
            throw new IllegalArgumentException("crop scale must be positive and offsets finite");
        }
    }

    /** The crop is the image (a pre-processed tensor, or a 224×224 input). */
    public static CropTransform identity(int cropSize) {
        return new CropTransform(cropSize, 1, 1, 0, 0, cropSize, cropSize);
    }

    /** Crop pixel x → image pixel x. */
    public double imageX(double cropX) {
        return offsetX + scaleX * cropX;
    }

    /** Crop pixel y → image pixel y. */
    public double imageY(double cropY) {
        return offsetY + scaleY * cropY;
    }

    /** Normalised crop coordinate ({@code [-1, 1]}) → crop pixels: {@code (p + 1)·cropSize/2}. */
    public double cropPixel(double normalised) {
        return (normalised + 1) * 0.5 * cropSize;
    }
}
