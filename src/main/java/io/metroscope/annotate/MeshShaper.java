package io.metroscope.annotate;

import io.metroscope.body.OpenTemplate;
import io.metroscope.body.TemplateRig;
import io.metroscope.format.SparseMatrix;
import java.util.List;
import org.ejml.simple.SimpleMatrix;
import org.ejml.simple.SimpleSVD;

/**
 * Shape edits of a posed mesh along the template's shape directions. A stored mesh has no pose parameters, so its
 * pose is estimated: for every kinematic joint, the rotation that best carries the template's rest vertices onto
 * the current ones, weighted by that joint's skinning weights (weighted Procrustes). The shape change is then
 * skinned with those rotations: each vertex moves by its rest-space displacement rotated into the pose, and each
 * joint (so its whole subtree) moves by how the change of the rest skeleton propagates down the kinematic chain.
 * For a mesh posed from the template by linear blend skinning this is exact; for a model's prediction it follows
 * the pose as well as its skinning allows. The mesh's root stays where it is.
 */
public final class MeshShaper {

    /** Vertices weaker than this on a joint do not vote for its rotation. */
    private static final double MIN_WEIGHT = 0.1;

    private final TemplateRig rig;
    private final double[] rest;
    private final SparseMatrix rootRow;
    private final int rootIndex;
    private final int vertices;

    public MeshShaper(OpenTemplate template) {
        this.rig = template.rig();
        this.rest = template.template().fullVertices();
        this.vertices = rest.length / 3;
        this.rootRow = template.template().jointRegressor();
        this.rootIndex = template.template().regressorJoints().root();
    }

    /** Shape directions (0 when the template has none). */
    public int shapeCount() {
        return rig.shapeCount();
    }

    public List<String> shapeNames() {
        return rig.shapeNames();
    }

    /** The mesh with its shape changed by {@code deltaBetas} (at most {@link #shapeCount()} values) in its pose. */
    public float[] reshape(float[] current, double[] deltaBetas) {
        if (current.length != 3 * vertices) {
            throw new IllegalArgumentException("the mesh has " + current.length / 3 + " vertices; the template's "
                    + "shape directions need " + vertices);
        }
        int s = rig.shapeCount();
        if (deltaBetas.length > s) {
            throw new IllegalArgumentException("the template has " + s + " shape directions, not "
                    + deltaBetas.length);
        }
        double[] d = restDisplacement(deltaBetas);
        int k = rig.jointCount();
        double[][] rotations = rotations(current);
        double scale = scale(current);
        double[] dj = rig.skeletonRegressor().multiply(d, 3);
        double[][] dp = new double[k][];
        int[] parents = rig.parents();
        for (int j = 0; j < k; j++) {
            int p = parents[j];
            dp[j] = p < 0 ? apply(rotations[j], dj, 3 * j, null) : add(dp[p], apply(rotations[p],
                    sub(dj, 3 * j, dj, 3 * p), 0, null));
        }
        double[] weights = rig.weights();
        double[] out = new double[current.length];
        double[] local = new double[3];
        double[] moved = new double[3];
        for (int i = 0; i < vertices; i++) {
            double x = 0;
            double y = 0;
            double z = 0;
            for (int j = 0; j < k; j++) {
                double w = weights[i * k + j];
                if (w == 0) {
                    continue;
                }
                for (int c = 0; c < 3; c++) {
                    local[c] = d[3 * i + c] - dj[3 * j + c];
                }
                apply(rotations[j], local, 0, moved);
                x += w * (moved[0] + dp[j][0]);
                y += w * (moved[1] + dp[j][1]);
                z += w * (moved[2] + dp[j][2]);
            }
            out[3 * i] = current[3 * i] + scale * x;
            out[3 * i + 1] = current[3 * i + 1] + scale * y;
            out[3 * i + 2] = current[3 * i + 2] + scale * z;
        }
        double[] before = root(toDoubles(current));
        double[] after = root(out);
        float[] result = new float[out.length];
        for (int i = 0; i < out.length; i++) {
            result[i] = (float) (out[i] + before[i % 3] - after[i % 3]);
        }
        return result;
    }

    /** V×3 rest-space displacement {@code shapeDirs · Δβ}. */
    private double[] restDisplacement(double[] deltaBetas) {
        int s = rig.shapeCount();
        double[] dirs = rig.shapeDirs();
        double[] d = new double[3 * vertices];
        for (int i = 0; i < d.length; i++) {
            double sum = 0;
            for (int b = 0; b < deltaBetas.length; b++) {
                sum += dirs[i * s + b] * deltaBetas[b];
            }
            d[i] = sum;
        }
        return d;
    }

    /** Per joint, the row-major 3×3 rotation carrying its rest vertices onto the current ones. */
    double[][] rotations(float[] current) {
        int k = rig.jointCount();
        double[] weights = rig.weights();
        int[] parents = rig.parents();
        double[][] out = new double[k][];
        for (int j = 0; j < k; j++) {
            double total = 0;
            double[] rc = new double[3];
            double[] cc = new double[3];
            int count = 0;
            for (int i = 0; i < vertices; i++) {
                double w = weights[i * k + j];
                if (w >= MIN_WEIGHT) {
                    total += w;
                    count++;
                    for (int c = 0; c < 3; c++) {
                        rc[c] += w * rest[3 * i + c];
                        cc[c] += w * current[3 * i + c];
                    }
                }
            }
            if (count < 4) {
                // Too few vertices of its own (a leaf): it turns with its parent.
                out[j] = parents[j] >= 0 && parents[j] < j ? out[parents[j]] : identity();
                continue;
            }
            for (int c = 0; c < 3; c++) {
                rc[c] /= total;
                cc[c] /= total;
            }
            SimpleMatrix h = new SimpleMatrix(3, 3);
            for (int i = 0; i < vertices; i++) {
                double w = weights[i * k + j];
                if (w >= MIN_WEIGHT) {
                    for (int a = 0; a < 3; a++) {
                        for (int b = 0; b < 3; b++) {
                            h.set(a, b, h.get(a, b) + w * (rest[3 * i + a] - rc[a]) * (current[3 * i + b] - cc[b]));
                        }
                    }
                }
            }
            SimpleSVD<SimpleMatrix> svd = h.svd();
            SimpleMatrix u = svd.getU();
            SimpleMatrix v = svd.getV();
            SimpleMatrix z = SimpleMatrix.identity(3);
            z.set(2, 2, Math.signum(v.mult(u.transpose()).determinant()));
            SimpleMatrix r = v.mult(z).mult(u.transpose());
            double[] m = new double[9];
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    m[3 * a + b] = r.get(a, b);
                }
            }
            out[j] = m;
        }
        return out;
    }

    /** How much larger the current mesh is than the template (global scale edits scale the change too). */
    private double scale(float[] current) {
        double[] mr = new double[3];
        double[] mc = new double[3];
        for (int i = 0; i < current.length; i++) {
            mr[i % 3] += rest[i];
            mc[i % 3] += current[i];
        }
        double sr = 0;
        double sc = 0;
        for (int i = 0; i < current.length; i++) {
            double a = rest[i] - mr[i % 3] / vertices;
            double b = current[i] - mc[i % 3] / vertices;
            sr += a * a;
            sc += b * b;
        }
        return sr > 0 ? Math.sqrt(sc / sr) : 1;
    }

    private double[] root(double[] v) {
        double[] r = new double[3];
        int[] ptr = rootRow.rowPointers();
        for (int e = ptr[rootIndex]; e < ptr[rootIndex + 1]; e++) {
            int col = rootRow.columnIndices()[e];
            double w = rootRow.values()[e];
            for (int c = 0; c < 3; c++) {
                r[c] += w * v[3 * col + c];
            }
        }
        return r;
    }

    private static double[] apply(double[] r, double[] v, int at, double[] out) {
        double[] o = out != null ? out : new double[3];
        for (int a = 0; a < 3; a++) {
            o[a] = r[3 * a] * v[at] + r[3 * a + 1] * v[at + 1] + r[3 * a + 2] * v[at + 2];
        }
        return o;
    }

    private static double[] sub(double[] a, int i, double[] b, int j) {
        return new double[] {a[i] - b[j], a[i + 1] - b[j + 1], a[i + 2] - b[j + 2]};
    }

    private static double[] add(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
    }

    private static double[] identity() {
        return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
