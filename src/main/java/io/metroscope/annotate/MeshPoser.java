package io.metroscope.annotate;

import io.metroscope.body.LinearBlendSkinning;
import io.metroscope.body.Rodrigues;
import io.metroscope.body.TemplateRig;

/**
 * Edits of a mesh of the template's topology, applied to its current vertices: a joint rotation re-poses the mesh by
 * linear blend skinning with the template's weights, and global rotate, translate and scale move it whole.
 * Joint rotations are deltas in the camera frame about the joint's current position (regressed from the current
 * vertices by the rig's skeleton regressor), carried to all its descendants; other vertices follow by their weights.
 */
public final class MeshPoser {

    private final TemplateRig rig;

    public MeshPoser(TemplateRig rig) {
        this.rig = rig;
    }

    /** Vertices every mesh edited here must have. */
    public int vertexCount() {
        return rig.skeletonRegressor().cols();
    }

    /** The kinematic joints (K×3) where the current mesh puts them. */
    public double[] joints(float[] vertices) {
        check(vertices);
        return rig.skeletonRegressor().multiply(toDoubles(vertices), 3);
    }

    /** Rotates kinematic joint {@code joint} by axis-angle {@code rotation} (radians, camera frame). */
    public float[] rotateJoint(float[] vertices, int joint, double[] rotation) {
        check(vertices);
        int k = rig.jointCount();
        if (joint < 0 || joint >= k) {
            throw new IndexOutOfBoundsException("joint " + joint + " of " + k);
        }
        double[] v = toDoubles(vertices);
        double[] current = rig.skeletonRegressor().multiply(v, 3);
        double[][] rotations = new double[k][];
        for (int j = 0; j < k; j++) {
            rotations[j] = j == joint ? Rodrigues.toMatrix(rotation[0], rotation[1], rotation[2])
                    : new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
        }
        // With every other rotation the identity, the chain gives the joint's subtree one rigid motion about the
        // joint's current position and leaves the rest in place: LBS blends the two by the skinning weights.
        double[][] transforms = LinearBlendSkinning.skinningTransforms(rig.parents(), rotations, current);
        return blend(v, transforms);
    }

    /** Rotates the whole mesh by axis-angle {@code rotation} about its root joint. */
    public float[] rotate(float[] vertices, double[] rotation) {
        double[] root = root(vertices);
        double[] r = Rodrigues.toMatrix(rotation[0], rotation[1], rotation[2]);
        float[] out = new float[vertices.length];
        for (int i = 0; i < vertices.length; i += 3) {
            double x = vertices[i] - root[0];
            double y = vertices[i + 1] - root[1];
            double z = vertices[i + 2] - root[2];
            for (int a = 0; a < 3; a++) {
                out[i + a] = (float) (r[3 * a] * x + r[3 * a + 1] * y + r[3 * a + 2] * z + root[a]);
            }
        }
        return out;
    }

    /** Moves the whole mesh by {@code delta} metres. */
    public float[] translate(float[] vertices, double[] delta) {
        check(vertices);
        float[] out = new float[vertices.length];
        for (int i = 0; i < vertices.length; i++) {
            out[i] = (float) (vertices[i] + delta[i % 3]);
        }
        return out;
    }

    /** Scales the whole mesh by {@code factor} about its root joint. */
    public float[] scale(float[] vertices, double factor) {
        if (!(factor > 0) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("scale factor must be positive, got " + factor);
        }
        double[] root = root(vertices);
        float[] out = new float[vertices.length];
        for (int i = 0; i < vertices.length; i++) {
            out[i] = (float) ((vertices[i] - root[i % 3]) * factor + root[i % 3]);
        }
        return out;
    }

    /** The root (first kinematic) joint of the current mesh. */
    public double[] root(float[] vertices) {
        double[] j = joints(vertices);
        return new double[] {j[0], j[1], j[2]};
    }

    private float[] blend(double[] v, double[][] transforms) {
        int k = transforms.length;
        int n = v.length / 3;
        double[] weights = rig.weights();
        float[] out = new float[v.length];
        double[] t = new double[12];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(t, 0);
            for (int j = 0; j < k; j++) {
                double w = weights[i * k + j];
                if (w != 0) {
                    double[] g = transforms[j];
                    for (int e = 0; e < 12; e++) {
                        t[e] += w * g[e];
                    }
                }
            }
            double x = v[3 * i];
            double y = v[3 * i + 1];
            double z = v[3 * i + 2];
            for (int r = 0; r < 3; r++) {
                out[3 * i + r] = (float) (t[4 * r] * x + t[4 * r + 1] * y + t[4 * r + 2] * z + t[4 * r + 3]);
            }
        }
        return out;
    }

    private void check(float[] vertices) {
        if (vertices.length != 3 * vertexCount()) {
            throw new IllegalArgumentException("the mesh has " + vertices.length / 3 + " vertices; the template's "
                    + "skinning needs " + vertexCount());
        }
    }

    static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
