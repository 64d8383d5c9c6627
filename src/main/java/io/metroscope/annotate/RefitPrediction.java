package io.metroscope.annotate;

/**
 * One forward of a refit's model copy: the root-centred mesh (V×3 metres), its camera {@code [s, tx, ty]} and its
 * token joints projected into the image (J×2 pixels).
 */
public record RefitPrediction(float[] vertices, float[] camera, float[] joints2d) {

    public RefitPrediction {
        vertices = vertices.clone();
        camera = camera.clone();
        joints2d = joints2d.clone();
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
}
