package io.metroscope.annotate;

/**
 * A refit's proposal beside where it started: root-centred meshes (V×3 metres) with their weak-perspective
 * cameras and projected 2D joints (J×2 image pixels), the mean 2D error over the visible corrected joints in image
 * pixels before (the copy's first prediction) and after, the loss per step, and the time taken.
 */
public record RefitResult(float[] vertices, float[] camera, float[] joints2d, float[] initialVertices,
        float[] initialCamera, float[] initialJoints2d, double errorBeforePx, double errorAfterPx, double[] losses,
        double millis, String modelId) {

    public RefitResult {
        vertices = vertices.clone();
        camera = camera.clone();
        joints2d = joints2d.clone();
        initialVertices = initialVertices.clone();
        initialCamera = initialCamera.clone();
        initialJoints2d = initialJoints2d.clone();
        losses = losses.clone();
    }

    /** The fraction of the 2D error the refit removed (negative when it grew). */
    public double errorCut() {
        return errorBeforePx > 0 ? 1 - errorAfterPx / errorBeforePx : 0;
    }

    public int steps() {
        return losses.length;
    }

    @Override
    public float[] vertices() {
        return vertices.clone();
    }

    @Override
    public float[] camera() {
        return camera.clone();
    }

    @Override
    public float[] joints2d() {
        return joints2d.clone();
    }

    @Override
    public float[] initialVertices() {
        return initialVertices.clone();
    }

    @Override
    public float[] initialCamera() {
        return initialCamera.clone();
    }

    @Override
    public float[] initialJoints2d() {
        return initialJoints2d.clone();
    }

    @Override
    public double[] losses() {
        return losses.clone();
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "refit: %.1f px → %.1f px (%.0f %% cut) in %d steps, %.0f ms",
                errorBeforePx, errorAfterPx, 100 * errorCut(), losses.length, millis);
    }
}
