package io.metroscope.train;

import java.util.Arrays;

/**
 * One sample's draw of METRO's training augmentation ({@code augm_params}): the crop box is scaled by
 * {@code scale} (the person shrinks when it is above 1), the crop rotated by {@code rotation} degrees
 * (counter-clockwise on screen, 3D rotated about the camera axis to match), mirrored left-right when {@code flip},
 * and each RGB channel multiplied by {@code noise[c]} (then clipped to the pixel range).
 */
public record AugmentParams(double scale, double rotation, boolean flip, float[] noise) {

    /** No augmentation: the sample as stored. */
    public static final AugmentParams NONE = new AugmentParams(1, 0, false, new float[] {1, 1, 1});

    public AugmentParams {
        if (noise.length != 3 || !(scale > 0)) {
            throw new IllegalArgumentException("noise needs 3 channel factors and scale must be positive");
        }
        noise = noise.clone();
    }

    public boolean isIdentity() {
        return scale == 1 && rotation == 0 && !flip && noise[0] == 1 && noise[1] == 1 && noise[2] == 1;
    }

    /** Whether the geometry changes (scale or rotation; flip is separate). */
    public boolean warps() {
        return scale != 1 || rotation != 0;
    }

    @Override
    public float[] noise() {
        return noise.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AugmentParams p && scale == p.scale && rotation == p.rotation && flip == p.flip
                && Arrays.equals(noise, p.noise);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(scale) * 31 + Double.hashCode(rotation) + (flip ? 7 : 0) + Arrays.hashCode(noise);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "AugmentParams[scale %.3f, rotation %.1f°, flip %s, noise %s]",
                scale, rotation, flip, Arrays.toString(noise));
    }
}
