package io.metroscope.train;

/** A flat K×3 axis-angle pose and its shape coefficients. */
public record PoseShape(double[] pose, double[] betas) {

    public PoseShape {
        if (pose.length % 3 != 0) {
            throw new IllegalArgumentException("a pose has 3 values per joint, got " + pose.length);
        }
        pose = pose.clone();
        betas = betas.clone();
    }
}
