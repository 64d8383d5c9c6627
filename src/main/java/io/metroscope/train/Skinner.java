package io.metroscope.train;

import io.metroscope.body.LinearBlendSkinning;
import io.metroscope.body.Rodrigues;
import io.metroscope.body.TemplateRig;
import io.metroscope.format.SparseMatrix;

/**
 * {@link LinearBlendSkinning} for an open template's rig, made fast for bulk synthesis: no pose blend shapes (the
 * open rigs have none), sparse skinning weights, nothing allocated per vertex. Same numbers as the reference up to
 * rounding. Thread-safe (immutable).
 */
public final class Skinner {
    private final double[] template;
    private final double[] shapeDirs;
    private final int shapes;
    private final SparseMatrix skeleton;
    private final int[] parents;
    private final int[] influenceJoint;
    private final double[] influenceWeight;
    private final int[] influenceStart;

    public Skinner(double[] fullVertices, TemplateRig rig) {
        this.template = fullVertices.clone();
        this.shapeDirs = rig.shapeDirs();
        this.shapes = rig.shapeCount();
        this.skeleton = rig.skeletonRegressor();
        this.parents = rig.parents();
        int v = fullVertices.length / 3;
        int k = rig.jointCount();
        double[] w = rig.weights();
        influenceStart = new int[v + 1];
        int n = 0;
        for (double x : w) {
            n += x != 0 ? 1 : 0;
        }
        influenceJoint = new int[n];
        influenceWeight = new double[n];
        int at = 0;
        for (int i = 0; i < v; i++) {
            influenceStart[i] = at;
            for (int j = 0; j < k; j++) {
                if (w[i * k + j] != 0) {
                    influenceJoint[at] = j;
                    influenceWeight[at++] = w[i * k + j];
                }
            }
        }
        influenceStart[v] = at;
    }

    public int jointCount() {
        return parents.length;
    }

    /** The posed full mesh (V×3) for a flat K×3 pose and up to S betas; no root translation, as the reference. */
    public double[] pose(double[] pose, double[] betas) {
        int k = parents.length;
        if (pose.length != 3 * k || betas.length > shapes) {
            throw new IllegalArgumentException("pose needs " + 3 * k + " values and at most " + shapes + " betas");
        }
        double[] shaped = template.clone();
        for (int i = 0; i < shaped.length; i++) {
            double sum = 0;
            int base = i * shapes;
            for (int b = 0; b < betas.length; b++) {
                sum += shapeDirs[base + b] * betas[b];
            }
            shaped[i] += sum;
        }
        double[] rest = skeleton.multiply(shaped, 3);
        double[][] g = new double[k][];
        for (int j = 0; j < k; j++) {
            double[] r = Rodrigues.toMatrix(pose, j);
            double[] local = new double[12];
            for (int row = 0; row < 3; row++) {
                System.arraycopy(r, 3 * row, local, 4 * row, 3);
                local[4 * row + 3] = rest[3 * j + row] - (j == 0 ? 0 : rest[3 * parents[j] + row]);
            }
            g[j] = j == 0 ? local : compose(g[parents[j]], local);
        }
        for (int j = 0; j < k; j++) {
            double[] m = g[j];
            for (int row = 0; row < 3; row++) {
                m[4 * row + 3] -= m[4 * row] * rest[3 * j] + m[4 * row + 1] * rest[3 * j + 1]
                        + m[4 * row + 2] * rest[3 * j + 2];
            }
        }
        double[] out = new double[shaped.length];
        double[] t = new double[12];
        for (int i = 0, v = shaped.length / 3; i < v; i++) {
            java.util.Arrays.fill(t, 0);
            for (int q = influenceStart[i]; q < influenceStart[i + 1]; q++) {
                double w = influenceWeight[q];
                double[] m = g[influenceJoint[q]];
                for (int e = 0; e < 12; e++) {
                    t[e] += w * m[e];
                }
            }
            double x = shaped[3 * i];
            double y = shaped[3 * i + 1];
            double z = shaped[3 * i + 2];
            for (int row = 0; row < 3; row++) {
                out[3 * i + row] = t[4 * row] * x + t[4 * row + 1] * y + t[4 * row + 2] * z + t[4 * row + 3];
            }
        }
        return out;
    }

    private static double[] compose(double[] a, double[] b) {
        double[] out = new double[12];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                double sum = c == 3 ? a[4 * r + 3] : 0;
                for (int m = 0; m < 3; m++) {
                    sum += a[4 * r + m] * b[4 * m + c];
                }
                out[4 * r + c] = sum;
            }
        }
        return out;
    }
}
