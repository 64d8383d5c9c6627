package io.metroscope.vision;

/**
 * How {@link ImageDecoder} turns a file into RGB where viewers and Pillow disagree.
 *
 * @param applyExifOrientation rotate/flip by the EXIF orientation tag as photo viewers do. The official METRO
 *        demo (Pillow's {@code Image.open}) ignores it, so parity runs must switch it off.
 * @param greyscale16 what to do with 16-bit greyscale PNGs (see {@link Grey16})
 */
public record DecodeOptions(boolean applyExifOrientation, Grey16 greyscale16) {

    /** Conversions of 16-bit greyscale to 8 bits. */
    public enum Grey16 {
        /**
         * Pillow 9.4: such a PNG opens in mode {@code I} and {@code convert('RGB')} clips values to 0..255, so
         * almost every real 16-bit photo turns white. Only useful to reproduce the official pipeline.
         */
        PILLOW_CLIP,
        /** Keep the high byte ({@code v >> 8}), as Pillow does for 16-bit RGB, RGBA and grey+alpha PNGs. */
        HIGH_BYTE
    }

    public DecodeOptions {
        java.util.Objects.requireNonNull(greyscale16, "greyscale16");
    }

    /** What users expect: EXIF orientation applied, 16-bit grey scaled. */
    public static DecodeOptions forUsers() {
        return new DecodeOptions(true, Grey16.HIGH_BYTE);
    }

    /** Exactly what the official demo (Pillow 9.4 + {@code convert('RGB')}) sees. */
    public static DecodeOptions officialParity() {
        return new DecodeOptions(false, Grey16.PILLOW_CLIP);
    }
}
