package io.metroscope.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import io.metroscope.model.GraphScalars;
import io.metroscope.model.MeshPrediction;

/**
 * METRO's training loss as {@code run_metro_bodymesh.py} / {@code run_metro_handmesh.py} compute it:
 * {@code w3d·(L3d(transformer joints) + L3d(joints regressed from the full mesh)) + wV·Lvert + w2d·(L2d(projected
 * transformer joints) + L2d(projected regressed joints))}, with
 * <ul>
 * <li>L3d: samples with 3D joints only; pred and GT re-centred at the mean of joints {@code rootA}, {@code rootB}
 * (body: the hips 2 and 3; hand: the wrist 0 twice); {@code mean(conf·(pred−gt)²)} over those samples' elements;
 * 0 when no sample has 3D joints;</li>
 * <li>Lvert: samples with meshes only; per level the mean L1, weighted coarse/mid/full; not re-centred;</li>
 * <li>L2d: {@code mean(conf·(s·(xy+t) − gt)²)} over all samples (the camera is the prediction's [s, tx, ty]).</li>
 * </ul>
 *
 * <p>Every scalar factor is a {@link GraphScalars} array: DJL's Number overloads break the backward pass after a
 * garbage collection.
 *
 * @param regressor (J, Vfull) joints of the token order regressed from the full mesh
 */
public record MetroLoss(LossWeights weights, NDArray regressor, int rootA, int rootB) {

    /** The loss terms of one batch (scalars; {@code total} is what training minimises). */
    public record Terms(NDArray total, NDArray joints3d, NDArray vertices, NDArray joints2d) {
    }

    public Terms compute(MeshPrediction p, LossTargets t) {
        NDArray regressed = regressor.matMul(p.full()); // (J,V)·(B,V,3) → (B,J,3)
        NDArray l3d = keypoint3d(p.joints(), t).add(keypoint3d(regressed, t));
        NDArray lv = GraphScalars.mul(vertexL1(p.coarse(), t.coarse(), t.hasMesh()), weights.coarse())
                .add(GraphScalars.mul(vertexL1(p.full(), t.full(), t.hasMesh()), weights.full()));
        if (p.mid() != null && t.mid() != null && weights.mid() != 0) {
            lv = lv.add(GraphScalars.mul(vertexL1(p.mid(), t.mid(), t.hasMesh()), weights.mid()));
        }
        NDArray l2d = keypoint2d(project(p.joints(), p.camera()), t).add(keypoint2d(project(regressed, p.camera()), t));
        NDArray total = GraphScalars.mul(l3d, weights.joints3d()).add(GraphScalars.mul(lv, weights.vertices()))
                .add(GraphScalars.mul(l2d, weights.joints2d()));
        return new Terms(total, l3d, lv, l2d);
    }

    /** {@code orthographic_projection}: {@code s·(X[:, :, :2] + [tx, ty])}. */
    public static NDArray project(NDArray points, NDArray camera) {
        NDArray cam = camera.reshape(-1, 1, 3);
        NDArray s = cam.get(new NDIndex(":, :, 0:1"));
        NDArray t = cam.get(new NDIndex(":, :, 1:3"));
        return points.get(new NDIndex(":, :, 0:2")).add(t).mul(s);
    }

    private NDArray recentre(NDArray joints) {
        NDArray root = GraphScalars.div(joints.get(new NDIndex(":, {}:{}", rootA, rootA + 1))
                .add(joints.get(new NDIndex(":, {}:{}", rootB, rootB + 1))), 2);
        return joints.sub(root);
    }

    private NDArray keypoint3d(NDArray pred, LossTargets t) {
        NDArray has = t.has3d().reshape(-1, 1, 1);
        NDArray sq = recentre(pred).sub(recentre(t.joints3d())).square().mul(t.conf3d()).mul(has);
        long perSample = pred.getShape().get(1) * 3;
        // mean over the selected samples' elements; 0 when none (max(·,1) avoids 0/0, the sum is 0 then)
        return sq.sum().div(GraphScalars.maximum(GraphScalars.mul(t.has3d().sum(), perSample), 1));
    }

    private static NDArray vertexL1(NDArray pred, NDArray gt, NDArray hasMesh) {
        NDArray has = hasMesh.reshape(-1, 1, 1);
        NDArray abs = pred.sub(gt).abs().mul(has);
        long perSample = pred.getShape().get(1) * 3;
        return abs.sum().div(GraphScalars.maximum(GraphScalars.mul(hasMesh.sum(), perSample), 1));
    }

    private static NDArray keypoint2d(NDArray projected, LossTargets t) {
        return projected.sub(t.joints2d()).square().mul(t.conf2d()).mean();
    }
}
