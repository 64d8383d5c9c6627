package io.metroscope.vision.render;

/**
 * Projects points of the mesh frame to pixels of a {@code width × height} image.
 *
 * <p>Pixel coordinates are continuous: pixel (i, j) spans [i, i+1) × [j, j+1), its centre is (i+½, j+½), y runs
 * down. This is METRO's {@code (p+1)·W/2} mapping, under which [-1, 1] covers the whole crop. (OpenCV intrinsics,
 * whose integer coordinates are pixel centres, need ½ added to cx and cy.)
 */
public interface Camera {

    int width();

    int height();

    /**
     * Writes pixel x, pixel y, depth (distance along the view axis; smaller is nearer) and {@code invW} — the
     * perspective weight, 1/depth for a perspective camera and 1 for an affine one — to {@code out[at..at+3]}.
     * Returns false when the point cannot be projected (at or behind the near plane).
     */
    boolean project(float x, float y, float z, float[] out, int at);

    /**
     * Signed distance of the point in front of the near plane, affine in the point (so edges can be clipped
     * exactly); positive where {@link #project} succeeds. Cameras without a near plane return +∞.
     */
    default float nearDistance(float x, float y, float z) {
        return Float.POSITIVE_INFINITY;
    }

    /** Writes the unit vector from the mesh-frame point toward the eye to {@code out[0..2]}. */
    void towardEye(float x, float y, float z, float[] out);
}
