package io.metroscope.body;

import io.metroscope.format.SparseMatrix;

/**
 * METRO's hand template mesh from a MANO model, written from the MANO model definition: the mean hand pose
 * (no root rotation, fingers at {@code hands_mean}, betas 0) skinned with {@link LinearBlendSkinning}; joints
 * are the 16 posed skeleton joints plus 5 fingertip vertices, reordered to FreiHAND order.
 */
public final class ManoHand {
    /**
     * Fingertip vertices of the joint regressor METRO builds ({@code _mano.py}): thumb, index, middle, ring,
     * pinky. These rows are used on predicted meshes.
     */
    public static final int[] REGRESSOR_TIPS = {745, 317, 445, 556, 673};
    /**
     * Fingertip vertices of the MANO layer's own joint output, which METRO's template joints come from. The
     * middle tip differs from {@link #REGRESSOR_TIPS} (444 vs 445), as in the official code.
     */
    public static final int[] LAYER_TIPS = {745, 317, 444, 556, 673};

    private ManoHand() {
    }

    /** The mean right hand in metres, with its FreiHAND-order joints and regressor. */
    public static HandRestMesh meanHand(ManoModel mano) {
        SmplModel skin = mano.skin();
        PosedMesh posed = LinearBlendSkinning.pose(skin, mano.meanPose(), new double[0]);
        double[] mano21 = new double[3 * 21];
        System.arraycopy(posed.joints(), 0, mano21, 0, 3 * 16);
        for (int t = 0; t < 5; t++) {
            System.arraycopy(posed.vertices(), 3 * LAYER_TIPS[t], mano21, 3 * (16 + t), 3);
        }
        double[] joints = JointMapping.MANO_21_TO_FREIHAND_21.apply(mano21, 3);
        return new HandRestMesh(posed.vertices(), joints, skin.faces(), regressor(skin.jointRegressor()));
    }

    /** MANO's 16-row J_regressor plus one-hot fingertip rows, reordered to FreiHAND order. */
    public static SparseMatrix regressor(SparseMatrix manoRegressor) {
        int v = manoRegressor.cols();
        int[] ptr = manoRegressor.rowPointers();
        int nnz = ptr[manoRegressor.rows()];
        int[] rows = new int[nnz + 5];
        int[] cols = new int[nnz + 5];
        double[] vals = new double[nnz + 5];
        for (int r = 0; r < manoRegressor.rows(); r++) {
            for (int q = ptr[r]; q < ptr[r + 1]; q++) {
                rows[q] = r;
                cols[q] = manoRegressor.columnIndices()[q];
                vals[q] = manoRegressor.values()[q];
            }
        }
        for (int t = 0; t < 5; t++) {
            rows[nnz + t] = manoRegressor.rows() + t;
            cols[nnz + t] = REGRESSOR_TIPS[t];
            vals[nnz + t] = 1;
        }
        SparseMatrix mano21 = SparseMatrix.fromCoordinates(manoRegressor.rows() + 5, v, rows, cols, vals);
        return JointMapping.MANO_21_TO_FREIHAND_21.applyToRows(mano21);
    }
}
