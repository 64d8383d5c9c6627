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
        double[][] rotations = new double[k][];
        for (int j = 0; j < k; j++) {
            rotations[j] = Rodrigues.toMatrix(pose, j);
        }
        double[][] g = LinearBlendSkinning.skinningTransforms(parents, rotations, rest);
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

}
