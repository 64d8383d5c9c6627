package io.metroscope.model;

import ai.djl.ndarray.NDArray;

/**
 * Network outputs as arrays of one forward: camera (B,3) [s, tx, ty], transformer joints (B,J,3), coarse/mid/full
 * meshes (B,V,3) (mid null for the hand), and when asked the attention of every layer of the last block
 * (B,layers,heads,N,N), else null.
 */
public record MeshPrediction(NDArray camera, NDArray joints, NDArray coarse, NDArray mid, NDArray full, NDArray attention) {
}
