package io.metroscope.annotate;

import io.metroscope.vision.CropTransform;
import io.metroscope.vision.RgbImage;

/**
 * Cuts an item's square crop out of its image at any output size: each output pixel averages a few bilinear samples
 * spread over its footprint in the image (so strong downscaling does not alias); outside the image is black.
 */
public final class CropSampler {

    private CropSampler() {
    }

    /** The {@code size}×{@code size} RGB crop of {@code image} that {@code crop} describes. */
    public static RgbImage sample(RgbImage image, CropTransform crop, int size) {
        double perOutX = crop.cropWidth() / (double) size;
        double perOutY = crop.cropHeight() / (double) size;
        double footprint = Math.max(perOutX * crop.scaleX(), perOutY * crop.scaleY());
        int n = (int) Math.max(1, Math.min(4, Math.ceil(footprint)));
        byte[] out = new byte[size * size * 3];
        double[] acc = new double[3];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                acc[0] = 0;
                acc[1] = 0;
                acc[2] = 0;
                for (int sy = 0; sy < n; sy++) {
                    for (int sx = 0; sx < n; sx++) {
                        double u = (x + (sx + 0.5) / n) * perOutX;
                        double v = (y + (sy + 0.5) / n) * perOutY;
                        double[] p = crop.toImage(u, v);
                        bilinear(image, p[0] - 0.5, p[1] - 0.5, acc);
                    }
                }
                int o = 3 * (y * size + x);
                for (int c = 0; c < 3; c++) {
                    out[o + c] = (byte) Math.round(acc[c] / (n * n));
                }
            }
        }
        return new RgbImage(size, size, out);
    }

    /** Adds the bilinear value at pixel-centre coordinates (x, y) to {@code acc}; black outside. */
    private static void bilinear(RgbImage img, double x, double y, double[] acc) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        for (int c = 0; c < 3; c++) {
            double top = value(img, x0, y0, c) * (1 - fx) + value(img, x0 + 1, y0, c) * fx;
            double bottom = value(img, x0, y0 + 1, c) * (1 - fx) + value(img, x0 + 1, y0 + 1, c) * fx;
            acc[c] += top * (1 - fy) + bottom * fy;
        }
    }

    private static int value(RgbImage img, int x, int y, int c) {
        if (x < 0 || y < 0 || x >= img.width() || y >= img.height()) {
            // Pixels just outside the edge repeat it, farther out is black, like a crop padded with black.
            if (x >= -1 && y >= -1 && x <= img.width() && y <= img.height()) {
                return img.get(Math.max(0, Math.min(img.width() - 1, x)), Math.max(0, Math.min(img.height() - 1, y)),
                        c);
            }
            return 0;
        }
        return img.get(x, y, c);
    }
}
