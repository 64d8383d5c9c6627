package io.metroscope.vision.render;

/**
 * METRO's camera [s, tx, ty] over a width × height crop: {@code x_img = s·(x + tx)} in [-1, 1] crop coordinates,
 * pixel = {@code (x_img + 1)·W/2} (y likewise with H); depth is the mesh's z (METRO's frame has z forward).
 * METRO's s is positive; a negative s mirrors the image, which also swaps what {@link CullMode} calls front.
 */
public record WeakPerspectiveCamera(float s, float tx, float ty, int width, int height) implements Camera {

    public WeakPerspectiveCamera {
        if (!Float.isFinite(s) || !Float.isFinite(tx) || !Float.isFinite(ty)) {
            throw new IllegalArgumentException("camera parameters must be finite: " + s + ", " + tx + ", " + ty);
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "×" + height);
        }
    }

    /** The camera from METRO's {@code pred_camera} = [s, tx, ty] over a square 224 crop. */
    public static WeakPerspectiveCamera metro(float[] cam) {
        if (cam.length != 3) {
            throw new IllegalArgumentException("METRO's camera has 3 values [s, tx, ty], got " + cam.length);
        }
        return new WeakPerspectiveCamera(cam[0], cam[1], cam[2], 224, 224);
    }

    @Override
    public boolean project(float x, float y, float z, float[] out, int at) {
        out[at] = (s * (x + tx) + 1f) * width / 2f;
        out[at + 1] = (s * (y + ty) + 1f) * height / 2f;
        out[at + 2] = z;
        out[at + 3] = 1f;
        return true;
    }

    @Override
    public void towardEye(float x, float y, float z, float[] out) {
        // The eye is infinitely far up the -z axis; a negative scale mirrors the image but not the view direction.
        out[0] = 0;
        out[1] = 0;
        out[2] = -1;
    }
}
