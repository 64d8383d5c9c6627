package io.metroscope.vision;

/** Colour conversions with the integer arithmetic of libjpeg's {@code jdcolor.c} and Pillow's {@code Convert.c}. */
final class PillowColor {

    private static final int SCALEBITS = 16;
    private static final int ONE_HALF = 1 << (SCALEBITS - 1);

    private PillowColor() {
    }

    /** Pillow's {@code cmyk2rgb}: {@code nk - nk*c/255} with its rounding, on non-inverted CMYK. */
    static int cmykToRgbChannel(int c, int k) {
        int nk = 255 - k;
        int tmp = c * nk + 128;
        int mul = ((tmp >> 8) + tmp) >> 8; // MULDIV255: c*nk/255 rounded
        return clamp(nk - mul);
    }

    /**
     * libjpeg's {@code ycck_cmyk_convert} for one pixel: YCC back to (inverted, as stored) CMY; K unchanged.
     * Writes the three stored CMY bytes into {@code out[0..2]}.
     */
    static void ycckToStoredCmy(int y, int cb, int cr, int[] out) {
        int crR = (fix(1.40200) * (cr - 128) + ONE_HALF) >> SCALEBITS;
        int cbB = (fix(1.77200) * (cb - 128) + ONE_HALF) >> SCALEBITS;
        int g = (-fix(0.34414) * (cb - 128) + ONE_HALF + -fix(0.71414) * (cr - 128)) >> SCALEBITS;
        out[0] = clamp(255 - (y + crR));
        out[1] = clamp(255 - (y + g));
        out[2] = clamp(255 - (y + cbB));
    }

    private static int fix(double x) {
        return (int) (x * (1L << SCALEBITS) + 0.5);
    }

    static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }
}
