package io.metroscope.body;

import java.util.Objects;

/**
 * A MANO hand: the skinned model plus its pose prior. {@code handsMean} is the 45-value mean finger pose
 * (joints 1..15, axis-angle) and {@code handsComponents} the C×45 PCA basis (kept for completeness; METRO
 * uses the full 45-D pose, not the PCA).
 */
public record ManoModel(SmplModel skin, double[] handsMean, double[] handsComponents) {

    public ManoModel {
        Objects.requireNonNull(skin, "skin");
        int fingerValues = 3 * (skin.jointCount() - 1);
        if (handsMean.length != fingerValues) {
            throw new IllegalArgumentException("hands_mean has " + handsMean.length + " values, expected "
                    + fingerValues);
        }
        if (handsComponents.length % fingerValues != 0) {
            throw new IllegalArgumentException("hands_components must be C×" + fingerValues);
        }
    }

    /**
     * The full axis-angle pose of the MANO mean hand: no root rotation, fingers at {@code handsMean} (what a
     * MANO layer with zero pose coefficients and a non-flat mean produces).
     */
    public double[] meanPose() {
        double[] pose = new double[3 + handsMean.length];
        System.arraycopy(handsMean, 0, pose, 3, handsMean.length);
        return pose;
    }
}
