package io.metroscope.vision;

/**
 * The official METRO demo's torchvision 0.5-era transforms on PIL images, reproduced exactly:
 * {@code Resize(224)}, {@code CenterCrop(224)}, {@code ToTensor()} and ImageNet {@code Normalize}.
 */
public final class OfficialTransforms {

    /** ImageNet mean per RGB channel, as the float32 values torch uses. */
    public static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    /** ImageNet standard deviation per RGB channel, as the float32 values torch uses. */
    public static final float[] STD = {0.229f, 0.224f, 0.225f};

    private OfficialTransforms() {
    }

    /**
     * torchvision's {@code Resize(size)} output size {width, height}: the shorter side becomes {@code size}, the
     * longer {@code int(size * long / short)} (truncated, as Python's {@code int} does).
     */
    public static int[] resizedSize(int width, int height, int size) {
        if (width <= height) {
            return new int[] {size, (int) ((double) size * height / width)};
        }
        return new int[] {(int) ((double) size * width / height), size};
    }

    /** {@code Resize(size)} with Pillow BILINEAR; the same image when it already has the target size. */
    public static Crop resize(RgbImage image, int size) {
        int[] wh = resizedSize(image.width(), image.height(), size);
        RgbImage out = wh[0] == image.width() && wh[1] == image.height()
                ? image
                : PillowResize.bilinear(image, wh[0], wh[1]);
        return new Crop(out, new CropTransform(0, 0, (double) image.width() / wh[0],
                (double) image.height() / wh[1], wh[0], wh[1]));
    }

    /**
     * Offset of a centred window: {@code round((length - size) / 2)} with Python's round-half-to-even,
     * which torchvision's {@code CenterCrop} uses.
     */
    public static int centerCropOffset(int length, int size) {
        return (int) Math.rint((length - size) / 2.0);
    }

    /** {@code CenterCrop(size)} of an image at least {@code size} pixels on each side. */
    public static Crop centerCrop(RgbImage image, int size) {
        if (image.width() < size || image.height() < size) {
            throw new IllegalArgumentException(image + " is smaller than the " + size + "px crop");
        }
        int left = centerCropOffset(image.width(), size);
        int top = centerCropOffset(image.height(), size);
        return new Crop(image.crop(left, top, size, size), new CropTransform(left, top, 1, 1, size, size));
    }

    /** {@code ToTensor} + {@code Normalize}: a new float CHW array of {@code 3 × h × w}. */
    public static float[] toNormalizedChw(RgbImage image) {
        float[] out = new float[3 * image.width() * image.height()];
        toNormalizedChw(image, out, 0);
        return out;
    }

    /**
     * Writes {@code ToTensor} + {@code Normalize} of the image into {@code dest} from {@code offset}, channel
     * planes R, G, B. Same float32 operations as torch ({@code x / 255}, then {@code (x - mean) / std}), so the
     * values are bit-identical to the official tensor for identical pixels.
     */
    public static void toNormalizedChw(RgbImage image, float[] dest, int offset) {
        int plane = image.width() * image.height();
        if (offset < 0 || offset + 3L * plane > dest.length) {
            throw new IllegalArgumentException("destination too small for " + image + " at offset " + offset);
        }
        byte[] rgb = image.rgb();
        for (int c = 0; c < 3; c++) {
            float mean = MEAN[c];
            float std = STD[c];
            int base = offset + c * plane;
            for (int p = 0; p < plane; p++) {
                float v = (rgb[p * 3 + c] & 0xFF) / 255f;
                dest[base + p] = (v - mean) / std;
            }
        }
    }

    /** Composition: a crop taken (by {@code outer}) from an image that was itself a crop ({@code inner}). */
    static CropTransform compose(CropTransform inner, CropTransform outer) {
        return new CropTransform(
                inner.originX() + outer.originX() * inner.scaleX(),
                inner.originY() + outer.originY() * inner.scaleY(),
                inner.scaleX() * outer.scaleX(),
                inner.scaleY() * outer.scaleY(),
                outer.cropWidth(), outer.cropHeight());
    }
}
