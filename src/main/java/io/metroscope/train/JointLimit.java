package io.metroscope.train;

/**
 * The range of one joint's axis-angle components, in radians, in the template's frame (x right, y down, z away from
 * the camera; the body and the palm face the camera).
 *
 * @param joint the rig joint's name
 * @param min   lowest x, y, z
 * @param max   highest x, y, z
 */
public record JointLimit(String joint, double[] min, double[] max) {

    public JointLimit {
        if (min.length != 3 || max.length != 3) {
            throw new IllegalArgumentException(joint + ": limits need 3 values per side");
        }
        for (int a = 0; a < 3; a++) {
            if (!(min[a] <= max[a])) {
                throw new IllegalArgumentException(joint + ": min " + min[a] + " > max " + max[a] + " on axis " + a);
            }
        }
        min = min.clone();
        max = max.clone();
    }

    /** A limit from six numbers: x range, y range, z range. */
    public static JointLimit of(String joint, double minX, double maxX, double minY, double maxY, double minZ,
                                double maxZ) {
        return new JointLimit(joint, new double[] {minX, minY, minZ}, new double[] {maxX, maxY, maxZ});
    }

    /** Whether the axis-angle (x, y, z) lies inside, with {@code tolerance} slack. */
    public boolean contains(double x, double y, double z, double tolerance) {
        return x >= min[0] - tolerance && x <= max[0] + tolerance && y >= min[1] - tolerance
                && y <= max[1] + tolerance && z >= min[2] - tolerance && z <= max[2] + tolerance;
    }
}
