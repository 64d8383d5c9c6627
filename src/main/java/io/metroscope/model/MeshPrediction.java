package io.metroscope.model;

import ai.djl.ndarray.NDArray;

/** Network outputs as arrays of one forward: camera (B,3), joints (B,J,3), meshes (B,V,3); absent parts null. */
record MeshPrediction(NDArray camera, NDArray joints, NDArray coarse, NDArray mid, NDArray full, NDArray attention) {
}
