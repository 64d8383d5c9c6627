package io.metroscope.body;

/**
 * Axis-angle to rotation matrix exactly as METRO's {@code geometric_layers.rodrigues}: through a unit quaternion,
 * with 1e-8 added to every component before the norm (so θ = 0 gives exactly I, without a division by zero).
 */
public final class Rodrigues {
    /** Added to each axis-angle component before taking the norm, as the official code does. */
    public static final double EPSILON = 1e-8;

    private Rodrigues() {
    }

    /** Row-major 3×3 rotation for the axis-angle vector (x, y, z). */
    public static double[] toMatrix(double x, double y, double z) {
        double angle = Math.sqrt(sq(x + EPSILON) + sq(y + EPSILON) + sq(z + EPSILON));
        // The axis divides the raw θ (not θ + ε) by the ε-shifted norm: this is what the official code does.
        double half = angle / 2;
        double s = Math.sin(half);
        double w = Math.cos(half);
        double qx = s * x / angle;
        double qy = s * y / angle;
        double qz = s * z / angle;
        double n = Math.sqrt(w * w + qx * qx + qy * qy + qz * qz);
        return quaternionToMatrix(w / n, qx / n, qy / n, qz / n);
    }

    /** Rotation for axis-angle triple {@code j} of a flat pose vector. */
    public static double[] toMatrix(double[] pose, int j) {
        return toMatrix(pose[3 * j], pose[3 * j + 1], pose[3 * j + 2]);
    }

    private static double[] quaternionToMatrix(double w, double x, double y, double z) {
        double w2 = w * w;
        double x2 = x * x;
        double y2 = y * y;
        double z2 = z * z;
        double wx = w * x;
        double wy = w * y;
        double wz = w * z;
        double xy = x * y;
        double xz = x * z;
        double yz = y * z;
        return new double[] {
            w2 + x2 - y2 - z2, 2 * xy - 2 * wz, 2 * wy + 2 * xz,
            2 * wz + 2 * xy, w2 - x2 + y2 - z2, 2 * yz - 2 * wx,
            2 * xz - 2 * wy, 2 * wx + 2 * yz, w2 - x2 - y2 + z2};
    }

    private static double sq(double v) {
        return v * v;
    }
}
