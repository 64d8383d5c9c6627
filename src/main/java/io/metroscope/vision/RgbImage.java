package io.metroscope.vision;

import java.util.Objects;

/**
 * An 8-bit RGB image, pixels interleaved row by row ({@code rgb[(y * width + x) * 3 + c]}).
 *
 * <p>The array is shared, not copied: treat it as read-only once the image is built. Equality is identity
 * (record default on arrays); compare pixels with {@link #samePixels}.
 */
public record RgbImage(int width, int height, byte[] rgb) {

    public RgbImage {
        Objects.requireNonNull(rgb, "rgb");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if ((long) width * height * 3 != rgb.length) {
            throw new IllegalArgumentException(
                    "rgb holds " + rgb.length + " bytes, a " + width + "x" + height + " RGB image needs "
                            + (long) width * height * 3);
        }
    }

    /** A black image of the given size. */
    public static RgbImage black(int width, int height) {
        return new RgbImage(width, height, new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)]);
    }

    /** Channel {@code c} (0 = R, 1 = G, 2 = B) of pixel (x, y), 0..255. */
    public int get(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xFF;
    }

    /** True when both images have the same size and pixels. */
    public boolean samePixels(RgbImage other) {
        return other != null && width == other.width && height == other.height
                && java.util.Arrays.equals(rgb, other.rgb);
    }

    /** The largest per-channel difference to an image of the same size. */
    public int maxAbsDifference(RgbImage other) {
        if (width != other.width || height != other.height) {
            throw new IllegalArgumentException(
                    "sizes differ: " + width + "x" + height + " vs " + other.width + "x" + other.height);
        }
        int max = 0;
        for (int i = 0; i < rgb.length; i++) {
            max = Math.max(max, Math.abs((rgb[i] & 0xFF) - (other.rgb[i] & 0xFF)));
        }
        return max;
    }

    /** The sub-image starting at (left, top); the region must lie inside the image. */
    public RgbImage crop(int left, int top, int cropWidth, int cropHeight) {
        if (left < 0 || top < 0 || left + cropWidth > width || top + cropHeight > height) {
            throw new IllegalArgumentException("crop " + cropWidth + "x" + cropHeight + " at (" + left + ","
                    + top + ") leaves the " + width + "x" + height + " image");
        }
        byte[] out = new byte[cropWidth * cropHeight * 3];
        for (int y = 0; y < cropHeight; y++) {
            System.arraycopy(rgb, ((top + y) * width + left) * 3, out, y * cropWidth * 3, cropWidth * 3);
        }
        return new RgbImage(cropWidth, cropHeight, out);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }
}
