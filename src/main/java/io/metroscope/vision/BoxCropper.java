package io.metroscope.vision;

/**
 * Cuts a {@link CropBox} out of an image GraphCMR-style and resizes it to a square input.
 *
 * <p>The region is GraphCMR's {@code crop()}: integer bounds {@code [int(c - side/2), int(c + side/2))} per
 * axis (truncated toward zero, like NumPy's {@code astype(int)}), zero (black) padding outside the image, no
 * rotation. It is then resized with {@link PillowResize} (antialiased bilinear, as the official inference
 * transforms resize) rather than training's {@code cv2.resize(INTER_LINEAR)}, which aliases when large photos are
 * shrunk.
 */
public final class BoxCropper {

    /** Regions larger than this many pixels are refused (a box far bigger than any image is a caller error). */
    private static final long MAX_REGION_PIXELS = 1L << 27;

    private BoxCropper() {
    }

    /** The {@code size × size} crop of {@code box} and its crop→image transform. */
    public static Crop crop(RgbImage image, CropBox box, int size) {
        double half = box.side() / 2;
        int left = (int) (box.centerX() - half);
        int right = Math.max((int) (box.centerX() + half), left + 1);
        int top = (int) (box.centerY() - half);
        int bottom = Math.max((int) (box.centerY() + half), top + 1);
        int w = right - left;
        int h = bottom - top;
        if ((long) w * h > MAX_REGION_PIXELS) {
            throw new IllegalArgumentException("crop box " + box + " covers " + w + "x" + h
                    + " pixels, far more than " + image);
        }
        RgbImage region = paddedRegion(image, left, top, w, h);
        RgbImage pixels = PillowResize.bilinear(region, size, size);
        return new Crop(pixels, new CropTransform(left, top, (double) w / size, (double) h / size, size, size));
    }

    private static RgbImage paddedRegion(RgbImage image, int left, int top, int w, int h) {
        if (left >= 0 && top >= 0 && left + w <= image.width() && top + h <= image.height()) {
            return image.crop(left, top, w, h);
        }
        byte[] out = new byte[w * h * 3];
        int x0 = Math.max(left, 0);
        int x1 = Math.min(left + w, image.width());
        int y0 = Math.max(top, 0);
        int y1 = Math.min(top + h, image.height());
        if (x1 > x0) {
            for (int y = y0; y < y1; y++) {
                System.arraycopy(image.rgb(), (y * image.width() + x0) * 3, out,
                        ((y - top) * w + (x0 - left)) * 3, (x1 - x0) * 3);
            }
        }
        return new RgbImage(w, h, out);
    }
}
