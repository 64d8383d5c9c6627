package io.metroscope.vision;

/**
 * Pillow's {@code Image.resize(size, BILINEAR)} for 8-bit RGB, bit-exact with Pillow 9.x's {@code Resample.c}:
 * a triangle filter whose support grows with the downscale factor (so shrinking antialiases), coefficients
 * normalised per output pixel then rounded to 22-bit fixed point, a horizontal pass into an 8-bit intermediate
 * and then a vertical pass, each rounding half up and clipping to 0..255.
 */
public final class PillowResize {

    /** Fixed-point bits of the coefficients: 32 bits minus 8 for the pixel minus 2 for overshoot and sign. */
    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final double BILINEAR_SUPPORT = 1.0;

    private PillowResize() {
    }

    /** The image resized to {@code width × height}; a copy when the size is unchanged. */
    public static RgbImage bilinear(RgbImage in, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("target size must be positive, got " + width + "x" + height);
        }
        // Pillow skips a pass whose axis keeps its size (the pass would be the identity anyway).
        boolean horizontal = width != in.width();
        boolean vertical = height != in.height();
        if (!horizontal && !vertical) {
            return new RgbImage(in.width(), in.height(), in.rgb().clone());
        }
        Coefficients cx = Coefficients.bilinear(in.width(), width);
        Coefficients cy = Coefficients.bilinear(in.height(), height);
        RgbImage source = in;
        int[] rowStart = cy.start.clone();
        if (horizontal) {
            // Only the rows the vertical pass will read are resampled horizontally.
            int first = cy.start[0];
            int last = cy.start[height - 1] + cy.count[height - 1];
            source = horizontalPass(in, cx, first, last - first);
            for (int i = 0; i < height; i++) {
                rowStart[i] -= first;
            }
        }
        return vertical ? verticalPass(source, cy, rowStart) : source;
    }

    private static RgbImage horizontalPass(RgbImage in, Coefficients c, int firstRow, int rows) {
        int inW = in.width();
        int outW = c.start.length;
        byte[] src = in.rgb();
        byte[] out = new byte[outW * rows * 3];
        for (int y = 0; y < rows; y++) {
            int rowBase = (y + firstRow) * inW * 3;
            for (int x = 0; x < outW; x++) {
                int k0 = x * c.ksize;
                int s0 = 1 << (PRECISION_BITS - 1);
                int s1 = s0;
                int s2 = s0;
                int base = rowBase + c.start[x] * 3;
                for (int i = 0; i < c.count[x]; i++) {
                    int k = c.fixed[k0 + i];
                    int p = base + i * 3;
                    s0 += (src[p] & 0xFF) * k;
                    s1 += (src[p + 1] & 0xFF) * k;
                    s2 += (src[p + 2] & 0xFF) * k;
                }
                int o = (y * outW + x) * 3;
                out[o] = clip8(s0);
                out[o + 1] = clip8(s1);
                out[o + 2] = clip8(s2);
            }
        }
        return new RgbImage(outW, rows, out);
    }

    private static RgbImage verticalPass(RgbImage in, Coefficients c, int[] rowStart) {
        int w = in.width();
        int outH = c.start.length;
        byte[] src = in.rgb();
        byte[] out = new byte[w * outH * 3];
        for (int y = 0; y < outH; y++) {
            int k0 = y * c.ksize;
            for (int x = 0; x < w; x++) {
                int s0 = 1 << (PRECISION_BITS - 1);
                int s1 = s0;
                int s2 = s0;
                for (int i = 0; i < c.count[y]; i++) {
                    int k = c.fixed[k0 + i];
                    int p = ((rowStart[y] + i) * w + x) * 3;
                    s0 += (src[p] & 0xFF) * k;
                    s1 += (src[p + 1] & 0xFF) * k;
                    s2 += (src[p + 2] & 0xFF) * k;
                }
                int o = (y * w + x) * 3;
                out[o] = clip8(s0);
                out[o + 1] = clip8(s1);
                out[o + 2] = clip8(s2);
            }
        }
        return new RgbImage(w, outH, out);
    }

    private static byte clip8(int sum) {
        int v = sum >> PRECISION_BITS; // arithmetic shift, like Pillow's lookup index
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }

    private static double triangle(double x) {
        double a = Math.abs(x);
        return a < 1.0 ? 1.0 - a : 0.0;
    }

    /** Per output pixel: first input index, number of taps, and fixed-point weights ({@code ksize} slots each). */
    private record Coefficients(int ksize, int[] start, int[] count, int[] fixed) {

        static Coefficients bilinear(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = BILINEAR_SUPPORT * filterScale;
            int ksize = (int) Math.ceil(support) * 2 + 1;
            int[] start = new int[outSize];
            int[] count = new int[outSize];
            int[] fixed = new int[outSize * ksize];
            double[] k = new double[ksize];
            double ss = 1.0 / filterScale;
            for (int xx = 0; xx < outSize; xx++) {
                double center = (xx + 0.5) * scale;
                // (int) truncates toward zero, as Pillow's C cast does.
                int xmin = Math.max((int) (center - support + 0.5), 0);
                int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
                double ww = 0.0;
                for (int x = 0; x < xmax; x++) {
                    double w = triangle((x + xmin - center + 0.5) * ss);
                    k[x] = w;
                    ww += w;
                }
                for (int x = 0; x < xmax; x++) {
                    double v = ww != 0.0 ? k[x] / ww : k[x];
                    fixed[xx * ksize + x] = v < 0
                            ? (int) (-0.5 + v * (1 << PRECISION_BITS))
                            : (int) (0.5 + v * (1 << PRECISION_BITS));
                }
                start[xx] = xmin;
                count[xx] = Math.max(xmax, 0);
            }
            return new Coefficients(ksize, start, count, fixed);
        }
    }
}
