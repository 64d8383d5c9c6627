package io.metroscope.vision;

/** Reads the EXIF orientation tag and applies it the way Pillow's {@code ImageOps.exif_transpose} does. */
final class ExifOrientation {

    private static final int ORIENTATION_TAG = 0x0112;

    private ExifOrientation() {
    }

    /** The orientation (1..8) in the TIFF structure at {@code b[start, end)}; 1 when absent or malformed. */
    static int parseTiff(byte[] b, int start, int end) {
        if (start < 0 || end > b.length || end - start < 8) {
            return 1;
        }
        boolean little;
        if (b[start] == 'I' && b[start + 1] == 'I') {
            little = true;
        } else if (b[start] == 'M' && b[start + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        if (u16(b, start + 2, little) != 42) {
            return 1;
        }
        long ifd = u32(b, start + 4, little);
        if (ifd < 8 || start + ifd + 2 > end) {
            return 1;
        }
        int at = start + (int) ifd;
        int count = u16(b, at, little);
        for (int i = 0; i < count; i++) {
            int entry = at + 2 + 12 * i;
            if (entry + 12 > end) {
                return 1;
            }
            if (u16(b, entry, little) == ORIENTATION_TAG) {
                int type = u16(b, entry + 2, little);
                int value = type == 3 ? u16(b, entry + 8, little) : type == 4 ? (int) u32(b, entry + 8, little) : 0;
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    /** The image as a viewer shows it for EXIF orientation {@code orientation}. */
    static RgbImage apply(RgbImage in, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return in;
        }
        int w = in.width();
        int h = in.height();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        byte[] src = in.rgb();
        byte[] out = new byte[src.length];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }          // mirror horizontal
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }  // rotate 180
                    case 4 -> { sx = x; sy = h - 1 - y; }          // mirror vertical
                    case 5 -> { sx = y; sy = x; }                  // transpose
                    case 6 -> { sx = y; sy = h - 1 - x; }          // rotate 90 clockwise
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }  // transverse
                    default -> { sx = w - 1 - y; sy = x; }         // 8: rotate 90 counter-clockwise
                }
                System.arraycopy(src, (sy * w + sx) * 3, out, (y * ow + x) * 3, 3);
            }
        }
        return new RgbImage(ow, oh, out);
    }

    private static int u16(byte[] b, int at, boolean little) {
        int b0 = b[at] & 0xFF;
        int b1 = b[at + 1] & 0xFF;
        return little ? b0 | (b1 << 8) : (b0 << 8) | b1;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long lo = u16(b, little ? at : at + 2, little);
        long hi = u16(b, little ? at + 2 : at, little);
        return (hi << 16) | lo;
    }
}
