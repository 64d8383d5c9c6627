package io.metroscope.annotate;

/**
 * SMPL parameters an item was imported from: 24×3 axis-angle {@code pose} (global orientation first) and shape
 * {@code betas}, the {@code gender} when the file named one, and the file they came from.
 */
public record SmplParameters(double[] pose, double[] betas, String gender, String source) {

    public SmplParameters {
        if (pose.length != 72) {
            throw new IllegalArgumentException("SMPL pose needs 72 values (24 joints × axis-angle), got "
                    + pose.length);
        }
        pose = pose.clone();
        betas = betas.clone();
    }

    @Override
    public double[] pose() {
        return pose.clone();
    }

    @Override
    public double[] betas() {
        return betas.clone();
    }
}
