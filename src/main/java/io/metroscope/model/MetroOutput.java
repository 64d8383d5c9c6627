package io.metroscope.model;

import java.util.Arrays;

/**
 * What METRO predicts for one image, as plain row-major float arrays (metres, root-relative, y down):
 * camera {@code [s, tx, ty]}, the joint tokens (J×3), coarse (V×3), mid (1723×3, body only, else empty) and full
 * meshes (un-centred, exactly as the network outputs them), and, when requested, the softmax attention of every
 * layer of the last block ({@code attentionLayers}×{@code attentionHeads}×N×N, first layer first, row = query
 * token; else empty).
 */
public record MetroOutput(float[] camera, float[] joints, float[] verticesCoarse, float[] verticesMid,
        float[] vertices, float[] attentionAllLayers, int attentionLayers, int attentionHeads) {

    /** An output whose attention holds one layer ({@code heads}×N×N), or none when empty. */
    public MetroOutput(float[] camera, float[] joints, float[] verticesCoarse, float[] verticesMid, float[] vertices,
            float[] attention, int attentionHeads) {
        this(camera, joints, verticesCoarse, verticesMid, vertices, attention, attention.length > 0 ? 1 : 0,
                attentionHeads);
    }

    public int jointCount() {
        return joints.length / 3;
    }

    public int vertexCount() {
        return vertices.length / 3;
    }

    public boolean hasAttention() {
        return attentionAllLayers.length > 0;
    }

    /** Tokens per attention row (joints + coarse vertices). */
    public int tokenCount() {
        return (joints.length + verticesCoarse.length) / 3;
    }

    /** The last layer's attention (heads×N×N), what the official code returns; empty when off. */
    public float[] attention() {
        return attentionOfLayer(attentionLayers - 1);
    }

    /** One layer's attention (heads×N×N), 0 = the block's first layer; empty when attention is off. */
    public float[] attentionOfLayer(int layer) {
        if (!hasAttention()) {
            return new float[0];
        }
        if (layer < 0 || layer >= attentionLayers) {
            throw new IllegalArgumentException("layer " + layer + " outside 0.." + (attentionLayers - 1));
        }
        int each = attentionAllLayers.length / attentionLayers;
        return Arrays.copyOfRange(attentionAllLayers, layer * each, (layer + 1) * each);
    }
}
