package io.metroscope.annotate;

/**
 * An item's mesh: as imported and as corrected, in metres, METRO's camera frame (x right, y down, z away), flat
 * row-major V×3; arrays are copied in and out.
 *
 * @param originalVertices as imported
 * @param currentVertices  after the edits so far
 * @param joints3d         J×3 token joints regressed from {@code currentVertices}
 * @param camera           {@code [s, tx, ty]} weak perspective: normalised crop {@code x = s·(X + tx)}, {@code y = s·(Y + ty)}
 * @param originalCamera   the camera as imported (a refit moves the current one)
 */
public record MeshState(float[] originalVertices, float[] currentVertices, float[] joints3d, float[] camera,
        float[] originalCamera) {

    public MeshState {
        originalVertices = originalVertices.clone();
        currentVertices = currentVertices.clone();
        joints3d = joints3d.clone();
        camera = camera.clone();
        originalCamera = originalCamera.clone();
        if (originalVertices.length != currentVertices.length || currentVertices.length % 3 != 0
                || camera.length != 3 || originalCamera.length != 3 || joints3d.length % 3 != 0) {
            throw new IllegalArgumentException("a mesh needs V×3 original and current vertices, J×3 joints and a "
                    + "3-value camera");
        }
    }

    public int vertexCount() {
        return currentVertices.length / 3;
    }

    @Override
    public float[] originalVertices() {
        return originalVertices.clone();
    }

    @Override
    public float[] currentVertices() {
        return currentVertices.clone();
    }

    @Override
    public float[] joints3d() {
        return joints3d.clone();
    }

    @Override
    public float[] camera() {
        return camera.clone();
    }

    @Override
    public float[] originalCamera() {
        return originalCamera.clone();
    }
}
