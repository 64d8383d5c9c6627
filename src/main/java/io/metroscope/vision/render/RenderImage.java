package io.metroscope.vision.render;

import java.awt.image.BufferedImage;

/**
 * A rendered picture: RGB bytes interleaved row by row, and per-pixel coverage of the mesh (0 none .. 255 full).
 * Arrays are not copied; treat them as read-only.
 */
public record RenderImage(int width, int height, byte[] rgb, byte[] alpha) {

    public RenderImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "×" + height);
        }
        if (rgb.length != 3 * width * height || alpha.length != width * height) {
            throw new IllegalArgumentException("buffers do not match " + width + "×" + height);
        }
    }

    /** The pixel as 0xRRGGBB. */
    public int rgbAt(int x, int y) {
        int i = 3 * (y * width + x);
        return (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | (rgb[i + 2] & 0xff);
    }

    /** Mesh coverage of the pixel, 0..255. */
    public int alphaAt(int x, int y) {
        return alpha[y * width + x] & 0xff;
    }

    /** An opaque RGB copy, coverage dropped (the colours already include the background). */
    public BufferedImage toRgbImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                row[x] = rgbAt(x, y);
            }
            img.setRGB(0, y, width, 1, row, 0, width);
        }
        return img;
    }

    /** An ARGB copy with coverage as alpha, for renders over a transparent background. */
    public BufferedImage toArgbImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                row[x] = alphaAt(x, y) << 24 | rgbAt(x, y);
            }
            img.setRGB(0, y, width, 1, row, 0, width);
        }
        return img;
    }
}
