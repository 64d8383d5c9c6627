package io.metroscope.ui.attention;

/**
 * Which joint a click means: the joint nearest to the picked point, in 3D (a point on the mesh surface) or in 2D
 * (a point on the image).
 */
public final class JointPicker {

    private JointPicker() {
    }

    /** The index of the joint (xyz per joint) nearest to {@code (x, y, z)}; -1 when there are none. */
    public static int nearest3d(float[] joints, double x, double y, double z) {
        int best = -1;
        double bestD = Double.MAX_VALUE;
        for (int j = 0; j < joints.length / 3; j++) {
            double dx = joints[3 * j] - x;
            double dy = joints[3 * j + 1] - y;
            double dz = joints[3 * j + 2] - z;
            double d = dx * dx + dy * dy + dz * dz;
            if (d < bestD) {
                bestD = d;
                best = j;
            }
        }
        return best;
    }

    /** The index of the joint (xy per joint) nearest to {@code (x, y)}; -1 when there are none. */
    public static int nearest2d(float[] joints, double x, double y) {
        int best = -1;
        double bestD = Double.MAX_VALUE;
        for (int j = 0; j < joints.length / 2; j++) {
            double dx = joints[2 * j] - x;
            double dy = joints[2 * j + 1] - y;
            double d = dx * dx + dy * dy;
            if (d < bestD) {
                bestD = d;
                best = j;
            }
        }
        return best;
    }
}
