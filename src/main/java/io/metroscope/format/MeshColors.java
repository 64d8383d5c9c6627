package io.metroscope.format;

/** Colour conversions shared by the mesh writers and readers. */
final class MeshColors {
    private MeshColors() {
    }

    /** 0..1 to 0..255, rounded (not truncated) so that byte/255 round-trips exactly. */
    static int toByte(float c) {
        return Math.round(Math.max(0f, Math.min(1f, c)) * 255f);
    }

    /** Clamps a decoded colour into 0..1; files from other tools sometimes overshoot slightly. */
    static float clamp01(double c) {
        if (!(c >= 0)) {
            return 0f; // also NaN
        }
        return c > 1 ? 1f : (float) c;
    }

    /** sRGB-encoded 0..1 to linear 0..1 (IEC 61966-2-1), for glTF whose COLOR_0 is linear. */
    static float srgbToLinear(float c) {
        return c <= 0.04045f ? c / 12.92f : (float) Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
