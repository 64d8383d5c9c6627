package io.metroscope.body;

import java.util.Objects;

import io.metroscope.format.SparseMatrix;

/**
 * A skinned SMPL-family model (SMPL body or MANO hand) as flat row-major float64 arrays: V vertices, K joints,
 * S shape and P = 9·(K−1) pose-blend directions.
 *
 * @param vTemplate      V×3 rest vertices (metres)
 * @param shapedirs      V×3×S shape blend shapes
 * @param posedirs       V×3×P pose blend shapes, indexed by (R_k − I) of joints 1..K−1, row-major
 * @param jointRegressor K×V rest-joint regressor (sparse; a dense file is converted)
 * @param weights        V×K skinning weights
 * @param parents        K parent indices into the joint order, −1 for the root
 * @param faces          F×3 triangle vertex indices
 */
public record SmplModel(double[] vTemplate, double[] shapedirs, double[] posedirs, SparseMatrix jointRegressor,
                        double[] weights, int[] parents, int[] faces) {

    public SmplModel {
        Objects.requireNonNull(jointRegressor, "jointRegressor");
        int v = vTemplate.length / 3;
        int k = parents.length;
        if (vTemplate.length != 3 * v || v == 0) {
            throw new IllegalArgumentException("v_template must be V×3, has " + vTemplate.length + " values");
        }
        if (shapedirs.length % (3 * v) != 0) {
            throw new IllegalArgumentException("shapedirs must be " + v + "×3×S, has " + shapedirs.length);
        }
        if (posedirs.length != 3 * v * 9 * (k - 1)) {
            throw new IllegalArgumentException("posedirs must be " + v + "×3×" + 9 * (k - 1) + " for " + k
                    + " joints, has " + posedirs.length + " values");
        }
        if (jointRegressor.rows() != k || jointRegressor.cols() != v) {
            throw new IllegalArgumentException("J_regressor is " + jointRegressor.rows() + "×" + jointRegressor.cols()
                    + ", expected " + k + "×" + v);
        }
        if (weights.length != v * k) {
            throw new IllegalArgumentException("weights must be " + v + "×" + k + ", has " + weights.length);
        }
        if (faces.length % 3 != 0) {
            throw new IllegalArgumentException("faces must be F×3");
        }
        for (int j = 0; j < k; j++) {
            // Parents must come first so the kinematic chain can be walked in joint order.
            if (j == 0 ? parents[j] != -1 : parents[j] < 0 || parents[j] >= j) {
                throw new IllegalArgumentException("joint " + j + " has parent " + parents[j]
                        + "; the root must be joint 0 and every parent must precede its child");
            }
        }
        for (int f : faces) {
            if (f < 0 || f >= v) {
                throw new IllegalArgumentException("face index " + f + " outside 0.." + (v - 1));
            }
        }
    }

    public int vertexCount() {
        return vTemplate.length / 3;
    }

    public int jointCount() {
        return parents.length;
    }

    /** Number of shape coefficients (betas) S. */
    public int shapeCount() {
        return shapedirs.length / vTemplate.length;
    }

    public int faceCount() {
        return faces.length / 3;
    }
}
