package io.metroscope.vision;

/**
 * What {@link ImageDecoder} needs to know about a file before decoding, read from its marker/chunk structure
 * (the codecs behind OpenCV hide it or, for truncated JPEGs, decode grey filler without failing).
 *
 * @param format the container format
 * @param complete false when the file stops before its end marker (JPEG EOI, PNG IEND)
 * @param jpegComponents colour components of a JPEG frame (1, 3 or 4), 0 otherwise
 * @param adobeTransform the Adobe APP14 colour transform (0 = none/CMYK, 1 = YCbCr, 2 = YCCK), -1 when absent
 * @param pngBitDepth the PNG bit depth, 0 otherwise
 * @param pngColorType the PNG colour type (0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA), -1 otherwise
 * @param exifOrientation the EXIF orientation tag (1..8), 1 when absent or invalid
 */
record ImageContainer(
        Format format,
        boolean complete,
        int jpegComponents,
        int adobeTransform,
        int pngBitDepth,
        int pngColorType,
        int exifOrientation) {

    /** Containers told apart by their signature. */
    enum Format { JPEG, PNG, OTHER }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    static ImageContainer inspect(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return jpeg(b);
        }
        if (b.length >= 8 && java.util.Arrays.equals(b, 0, 8, PNG_SIGNATURE, 0, 8)) {
            return png(b);
        }
        return new ImageContainer(Format.OTHER, true, 0, -1, 0, -1, 1);
    }

    private static ImageContainer jpeg(byte[] b) {
        int components = 0;
        int adobe = -1;
        int orientation = 1;
        int pos = 2;
        int n = b.length;
        while (pos + 1 < n) {
            if ((b[pos] & 0xFF) != 0xFF) {
                return new ImageContainer(Format.JPEG, false, components, adobe, 0, -1, orientation);
            }
            int marker = b[pos + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte before a marker
                pos++;
                continue;
            }
            if (marker == 0xD9) {
                return new ImageContainer(Format.JPEG, true, components, adobe, 0, -1, orientation);
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
                pos += 2;
                continue;
            }
            if (pos + 3 >= n) {
                break;
            }
            int len = u16be(b, pos + 2);
            int body = pos + 4;
            int end = pos + 2 + len;
            if (len < 2 || end > n) {
                break;
            }
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof && len >= 8 && components == 0) {
                components = b[body + 5] & 0xFF;
            } else if (marker == 0xE1 && len >= 16 && startsWith(b, body, "Exif\0\0")) {
                orientation = ExifOrientation.parseTiff(b, body + 6, end);
            } else if (marker == 0xEE && len >= 14 && startsWith(b, body, "Adobe")) {
                adobe = b[body + 11] & 0xFF;
            }
            pos = end;
            if (marker == 0xDA) {
                pos = skipEntropyCodedData(b, pos);
            }
        }
        return new ImageContainer(Format.JPEG, false, components, adobe, 0, -1, orientation);
    }

    /** Index of the next real marker after scan data; stuffed 0xFF00 and restart markers belong to the scan. */
    private static int skipEntropyCodedData(byte[] b, int pos) {
        int n = b.length;
        while (pos + 1 < n) {
            if ((b[pos] & 0xFF) == 0xFF) {
                int next = b[pos + 1] & 0xFF;
                if (next != 0x00 && next != 0xFF && !(next >= 0xD0 && next <= 0xD7)) {
                    return pos;
                }
                pos += next == 0xFF ? 1 : 2;
            } else {
                pos++;
            }
        }
        return n;
    }

    private static ImageContainer png(byte[] b) {
        int bitDepth = 0;
        int colorType = -1;
        int orientation = 1;
        int pos = 8;
        int n = b.length;
        while (pos + 8 <= n) {
            long len = u32be(b, pos);
            String type = new String(b, pos + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            int data = pos + 8;
            if (len > n - data - 4L) {
                break; // chunk (or its CRC) runs past the end of the file
            }
            int end = data + (int) len;
            if (type.equals("IHDR") && len >= 13) {
                bitDepth = b[data + 8] & 0xFF;
                colorType = b[data + 9] & 0xFF;
            } else if (type.equals("eXIf")) {
                int tiff = startsWith(b, data, "Exif\0\0") ? data + 6 : data;
                orientation = ExifOrientation.parseTiff(b, tiff, end);
            } else if (type.equals("IEND")) {
                return new ImageContainer(Format.PNG, true, 0, -1, bitDepth, colorType, orientation);
            }
            pos = end + 4;
        }
        return new ImageContainer(Format.PNG, false, 0, -1, bitDepth, colorType, orientation);
    }

    private static boolean startsWith(byte[] b, int at, String ascii) {
        if (at + ascii.length() > b.length) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[at + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int u16be(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static long u32be(byte[] b, int at) {
        return ((long) u16be(b, at) << 16) | u16be(b, at + 2);
    }
}
