package io.metroscope.model;

/**
 * Token and mesh sizes of a network: {@code joints + coarseVertices} transformer tokens, upsampled to
 * {@code midVertices} (body only, 0 for the hand) and {@code fullVertices}; {@code cameraHidden} is the
 * width of the camera head's middle linear.
 */
public record TokenLayout(int joints, int coarseVertices, int midVertices, int fullVertices, int cameraHidden) {

    public int tokens() {
        return joints + coarseVertices;
    }

    public boolean hasMidLevel() {
        return midVertices > 0;
    }
}
