package io.metroscope.vision.render;

import java.util.Arrays;

/**
 * A perspective camera: mesh point p goes to the camera frame as {@code c = R·p + t} (x right, y down, z forward),
 * then to pixel {@code (fx·cx/cz + cx0, fy·cy/cz + cy0)}. Points nearer than {@code near} cannot be projected; the
 * renderer clips triangles against that plane.
 *
 * @param rotation    3×3 row-major world-to-camera rotation (copied)
 * @param translation world-to-camera translation (copied)
 */
public record PinholeCamera(int width, int height, float fx, float fy, float cx, float cy,
                            float[] rotation, float[] translation, float near) implements Camera {

    private static final float[] IDENTITY = {1, 0, 0, 0, 1, 0, 0, 0, 1};

    public PinholeCamera {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "×" + height);
        }
        // Negative focal lengths would mirror the image and flip which side of a triangle faces the camera.
        if (!(fx > 0) || !(fy > 0) || !Float.isFinite(fx) || !Float.isFinite(fy)) {
            throw new IllegalArgumentException("focal lengths must be positive and finite: " + fx + ", " + fy);
        }
        if (!Float.isFinite(cx) || !Float.isFinite(cy) || !(near > 0) || !Float.isFinite(near)) {
            throw new IllegalArgumentException("principal point must be finite and near positive");
        }
        if (rotation.length != 9 || translation.length != 3) {
            throw new IllegalArgumentException("rotation needs 9 values and translation 3");
        }
        rotation = rotation.clone();
        translation = translation.clone();
        for (float v : rotation) {
            requireFinite(v);
        }
        for (float v : translation) {
            requireFinite(v);
        }
    }

    /**
     * A camera at the origin looking down +z, near plane 0.01 (1 cm for METRO's metres): much nearer and points by
     * the plane project so far off screen that the rasteriser's guard band drops their triangles.
     */
    public static PinholeCamera of(int width, int height, float fx, float fy, float cx, float cy) {
        return new PinholeCamera(width, height, fx, fy, cx, cy, IDENTITY, new float[3], 0.01f);
    }

    /** The same intrinsics with this world-to-camera pose. */
    public PinholeCamera withPose(float[] rotation, float[] translation) {
        return new PinholeCamera(width, height, fx, fy, cx, cy, rotation, translation, near);
    }

    /** The same camera with another near plane. */
    public PinholeCamera withNear(float nearPlane) {
        return new PinholeCamera(width, height, fx, fy, cx, cy, rotation, translation, nearPlane);
    }

    @Override
    public float[] rotation() {
        return rotation.clone();
    }

    @Override
    public float[] translation() {
        return translation.clone();
    }

    @Override
    public boolean project(float x, float y, float z, float[] out, int at) {
        float[] r = rotation;
        float xc = r[0] * x + r[1] * y + r[2] * z + translation[0];
        float yc = r[3] * x + r[4] * y + r[5] * z + translation[1];
        float zc = r[6] * x + r[7] * y + r[8] * z + translation[2];
        if (!(zc >= near)) {
            return false;
        }
        float invZ = 1f / zc;
        out[at] = fx * xc * invZ + cx;
        out[at + 1] = fy * yc * invZ + cy;
        out[at + 2] = zc;
        out[at + 3] = invZ;
        return true;
    }

    @Override
    public float nearDistance(float x, float y, float z) {
        return rotation[6] * x + rotation[7] * y + rotation[8] * z + translation[2] - near;
    }

    @Override
    public void towardEye(float x, float y, float z, float[] out) {
        // The eye sits at -Rᵀt in the mesh frame; from p that is -(Rᵀ(R·p + t)) = -Rᵀ·c.
        float[] r = rotation;
        float xc = r[0] * x + r[1] * y + r[2] * z + translation[0];
        float yc = r[3] * x + r[4] * y + r[5] * z + translation[1];
        float zc = r[6] * x + r[7] * y + r[8] * z + translation[2];
        float ex = -(r[0] * xc + r[3] * yc + r[6] * zc);
        float ey = -(r[1] * xc + r[4] * yc + r[7] * zc);
        float ez = -(r[2] * xc + r[5] * yc + r[8] * zc);
        float len = (float) Math.sqrt(ex * ex + ey * ey + ez * ez);
        if (len == 0) {
            out[0] = 0;
            out[1] = 0;
            out[2] = -1;
            return;
        }
        out[0] = ex / len;
        out[1] = ey / len;
        out[2] = ez / len;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PinholeCamera c && width == c.width && height == c.height
                && Float.compare(fx, c.fx) == 0 && Float.compare(fy, c.fy) == 0
                && Float.compare(cx, c.cx) == 0 && Float.compare(cy, c.cy) == 0
                && Float.compare(near, c.near) == 0
                && Arrays.equals(rotation, c.rotation) && Arrays.equals(translation, c.translation);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Float.hashCode(fx) + Arrays.hashCode(rotation)) + Arrays.hashCode(translation);
    }

    @Override
    public String toString() {
        return "PinholeCamera[" + width + "×" + height + ", f=(" + fx + ", " + fy + "), c=(" + cx + ", " + cy
                + "), R=" + Arrays.toString(rotation) + ", t=" + Arrays.toString(translation) + ", near=" + near + "]";
    }

    private static void requireFinite(float v) {
        if (!Float.isFinite(v)) {
            throw new IllegalArgumentException("camera pose values must be finite");
        }
    }
}
