package io.metroscope.body;

/**
 * The SMPL forward pass as METRO's {@code _smpl.py} computes it (GraphCMR): shape blend, rest joints from the
 * shaped template, quaternion Rodrigues, pose blend from (R − I) of joints 1..K−1, kinematic chain, linear
 * blend skinning; no global translation. Works for any SMPL-structured model (MANO too), in float64.
 */
public final class LinearBlendSkinning {

    private LinearBlendSkinning() {
    }

    /**
     * Poses {@code model}: {@code pose} is K×3 axis-angle (72 for SMPL), {@code betas} any length up to the
     * model's shape count (missing coefficients are zero).
     */
    public static PosedMesh pose(SmplModel model, double[] pose, double[] betas) {
        int v = model.vertexCount();
        int k = model.jointCount();
        int s = model.shapeCount();
        if (pose.length != 3 * k) {
            throw new IllegalArgumentException("pose must have " + 3 * k + " values, has " + pose.length);
        }
        if (betas.length > s) {
            throw new IllegalArgumentException("the model has " + s + " shape coefficients, got " + betas.length);
        }
        double[] shaped = shape(model, betas);
        double[] restJoints = model.jointRegressor().multiply(shaped, 3);

        double[][] rotations = new double[k][];
        for (int j = 0; j < k; j++) {
            rotations[j] = Rodrigues.toMatrix(pose, j);
        }
        double[] posed = addPoseBlend(model, shaped, rotations);
        double[][] skinning = skinningTransforms(model.parents(), rotations, restJoints);

        double[] vertices = new double[3 * v];
        double[] weights = model.weights();
        double[] t = new double[12];
        for (int i = 0; i < v; i++) {
            java.util.Arrays.fill(t, 0);
            for (int j = 0; j < k; j++) {
                double w = weights[i * k + j];
                if (w != 0) {
                    double[] g = skinning[j];
                    for (int e = 0; e < 12; e++) {
                        t[e] += w * g[e];
                    }
                }
            }
            double x = posed[3 * i];
            double y = posed[3 * i + 1];
            double z = posed[3 * i + 2];
            for (int r = 0; r < 3; r++) {
                vertices[3 * i + r] = t[4 * r] * x + t[4 * r + 1] * y + t[4 * r + 2] * z + t[4 * r + 3];
            }
        }
        double[] joints = new double[3 * k];
        double[][] global = globalTransforms(model.parents(), rotations, restJoints);
        for (int j = 0; j < k; j++) {
            for (int r = 0; r < 3; r++) {
                joints[3 * j + r] = global[j][4 * r + 3];
            }
        }
        return new PosedMesh(vertices, joints, restJoints);
    }

    /** {@code v_template + shapedirs · betas} (V×3). */
    public static double[] shape(SmplModel model, double[] betas) {
        double[] shaped = model.vTemplate().clone();
        double[] dirs = model.shapedirs();
        int s = model.shapeCount();
        for (int i = 0; i < shaped.length; i++) {
            double sum = 0;
            for (int b = 0; b < betas.length; b++) {
                sum += dirs[i * s + b] * betas[b];
            }
            shaped[i] += sum;
        }
        return shaped;
    }

    private static double[] addPoseBlend(SmplModel model, double[] shaped, double[][] rotations) {
        int k = rotations.length;
        int p = 9 * (k - 1);
        double[] feature = new double[p];
        for (int j = 1; j < k; j++) {
            for (int e = 0; e < 9; e++) {
                feature[9 * (j - 1) + e] = rotations[j][e] - (e % 4 == 0 ? 1 : 0);
            }
        }
        double[] dirs = model.posedirs();
        double[] posed = shaped.clone();
        for (int i = 0; i < posed.length; i++) {
            double sum = 0;
            int base = i * p;
            for (int q = 0; q < p; q++) {
                sum += dirs[base + q] * feature[q];
            }
            posed[i] += sum;
        }
        return posed;
    }

    /** Global 3×4 transforms G_j (row-major): rotation chain with joint offsets relative to the parent. */
    private static double[][] globalTransforms(int[] parents, double[][] rotations, double[] restJoints) {
        int k = parents.length;
        double[][] global = new double[k][];
        for (int j = 0; j < k; j++) {
            double[] local = new double[12];
            for (int r = 0; r < 3; r++) {
                System.arraycopy(rotations[j], 3 * r, local, 4 * r, 3);
                double offset = restJoints[3 * j + r] - (j == 0 ? 0 : restJoints[3 * parents[j] + r]);
                local[4 * r + 3] = offset;
            }
            global[j] = j == 0 ? local : compose(global[parents[j]], local);
        }
        return global;
    }

    /**
     * G_j with the rest-pose joint removed ({@code G_j · [I | −J_j]}), ready to blend by the weights: one row-major
     * 3×4 matrix per joint, from per-joint 3×3 rotations and the rest joints.
     */
    public static double[][] skinningTransforms(int[] parents, double[][] rotations, double[] restJoints) {
        double[][] global = globalTransforms(parents, rotations, restJoints);
        for (int j = 0; j < global.length; j++) {
            double[] g = global[j];
            for (int r = 0; r < 3; r++) {
                g[4 * r + 3] -= g[4 * r] * restJoints[3 * j] + g[4 * r + 1] * restJoints[3 * j + 1]
                        + g[4 * r + 2] * restJoints[3 * j + 2];
            }
        }
        return global;
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
