package io.metroscope.model;

/**
 * What METRO predicts for one image, as plain row-major float arrays (metres, root-relative, y down):
 * camera {@code [s, tx, ty]}, the joint tokens (J×3), coarse (V×3), mid (1723×3, body only, else empty) and full
 * meshes (un-centred, exactly as the network outputs them), and, when requested, the softmax attention of the
 * last layer of the last block ({@code heads}×N×N, row = query token; else empty).
 */
public record MetroOutput(float[] camera, float[] joints, float[] verticesCoarse, float[] verticesMid,
        float[] vertices, float[] attention, int attentionHeads) {

    public int jointCount() {
        return joints.length / 3;
    }

    public int vertexCount() {
        return vertices.length / 3;
    }

    public boolean hasAttention() {
        return attention.length > 0;
    }

    /** Tokens per attention row (joints + coarse vertices). */
    public int tokenCount() {
        return (joints.length + verticesCoarse.length) / 3;
    }
}
