package io.metroscope.train;

import ai.djl.ndarray.NDArray;

/**
 * Ground truth of one batch as arrays: root-relative 3D joints (B,J,3) with per-joint confidence (B,J,1), 2D joints
 * in [−1,1] crop coordinates (B,J,2) with confidence (B,J,1), root-relative meshes per level (B,V,3; {@code mid} null
 * for the hand), and per-sample availability flags (B) for 3D joints and meshes (1 or 0).
 */
public record LossTargets(NDArray joints3d, NDArray conf3d, NDArray joints2d, NDArray conf2d, NDArray coarse,
        NDArray mid, NDArray full, NDArray has3d, NDArray hasMesh) {
}
