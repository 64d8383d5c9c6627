package io.metroscope.body;

import java.util.List;
import java.util.Objects;

import io.metroscope.format.SparseMatrix;

/**
 * What an open template adds to a {@link MetroTemplate} for posing and editing: a kinematic tree with skinning
 * weights, a joint regressor for it, shape directions, the faces of the coarser levels and a direct
 * mesh → token-joints regressor. Same frame and units as the template (metres, y down).
 *
 * @param jointNames        K kinematic joint names (SMPL_24 order for the body, MANO's 16 for the hand)
 * @param parents           K parent indices, −1 for the root, parents first
 * @param restJoints        K×3 rest joints (= {@code skeletonRegressor} · full vertices)
 * @param skeletonRegressor K×V ring regressor of the kinematic joints, rows sum to 1
 * @param weights           V×K skinning weights, rows sum to 1, at most 4 non-zeros per row
 * @param shapeNames        S names of the shape directions
 * @param shapeDirs         V×3×S per-vertex displacement per unit coefficient (SMPL {@code shapedirs} layout)
 * @param midFaces          faces of the mid level (empty when there is none)
 * @param coarseFaces       faces of the coarse level
 * @param tokenRegressor    mesh → token joints (LSP-14 for the body, FreiHAND-21 for the hand), rows sum to 1
 */
public record TemplateRig(List<String> jointNames, int[] parents, double[] restJoints, SparseMatrix skeletonRegressor,
                          double[] weights, List<String> shapeNames, double[] shapeDirs, int[] midFaces,
                          int[] coarseFaces, SparseMatrix tokenRegressor) {

    public TemplateRig {
        jointNames = List.copyOf(jointNames);
        shapeNames = List.copyOf(shapeNames);
        Objects.requireNonNull(skeletonRegressor, "skeletonRegressor");
        Objects.requireNonNull(tokenRegressor, "tokenRegressor");
        int k = parents.length;
        int v = skeletonRegressor.cols();
        if (jointNames.size() != k || restJoints.length != 3 * k || skeletonRegressor.rows() != k) {
            throw new IllegalArgumentException("joint names, parents, rest joints and regressor disagree on K");
        }
        if (weights.length != v * k || shapeDirs.length != v * 3 * shapeNames.size() || tokenRegressor.cols() != v) {
            throw new IllegalArgumentException("weights, shape directions and token regressor must cover " + v
                    + " vertices");
        }
    }

    public int jointCount() {
        return parents.length;
    }

    public int shapeCount() {
        return shapeNames.size();
    }

    /**
     * The rig as an SMPL-structured model ready for {@link LinearBlendSkinning#pose}: no pose blend shapes
     * (zeros), joints regressed from the shaped vertices by {@link #skeletonRegressor}.
     */
    public SmplModel toSmplModel(double[] fullVertices, int[] faces) {
        int v = fullVertices.length / 3;
        return new SmplModel(fullVertices.clone(), shapeDirs.clone(), new double[3 * v * 9 * (jointCount() - 1)],
                skeletonRegressor, weights.clone(), parents.clone(), faces.clone());
    }
}
