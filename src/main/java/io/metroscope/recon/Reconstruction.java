package io.metroscope.recon;

import io.metroscope.model.MeshKind;
import io.metroscope.vision.CropTransform;
import java.util.Objects;

/**
 * Everything METRO and the official demo's post-processing give for one image. Coordinates are metres in
 * METRO's camera frame (x right, y down), flat row-major; 2D values are normalised crop coordinates in
 * {@code [-1, 1]} unless a method says pixels. Immutable: arrays are copied in, and every accessor returns a
 * fresh copy (read once and keep the copy in hot loops).
 *
 * @param source           the input's label (image path or {@code tensor.npy[i]})
 * @param crop             where the network's crop lies in the original image
 * @param modelId          which model produced it (checkpoint name, kind, heads)
 * @param kind             body or hand
 * @param camera           {@code [s, tx, ty]} weak-perspective camera
 * @param joints           J×3 transformer joint tokens (14 LSP body / 21 FreiHAND hand)
 * @param verticesCoarse   V×3 coarse vertex tokens (431 / 195), un-centred
 * @param verticesMid      1723×3 body mid-level mesh; empty for the hand
 * @param vertices         full mesh (6890 / 778)×3 as the network outputs it, un-centred
 * @param root             3 values: the root regressed from {@code vertices} (body H36M pelvis, hand wrist)
 * @param verticesCentered {@code vertices − root}
 * @param jointsRegressed  J×3 joints regressed from {@code verticesCentered} (what the demo draws and evaluates)
 * @param joints2d         J×2 {@code s·(xy + [tx, ty])} of {@code jointsRegressed}
 * @param verticesCoarse2d V×2 projection of {@code verticesCoarse} (the demo's attention panel)
 * @param attentionAllLayers layers×heads×N×N softmax of every layer of the last block (first layer first, row =
 *                         query); empty when off
 * @param attentionLayers  layers in {@code attentionAllLayers} (0 when off)
 * @param attentionHeads   heads per layer (0 when off)
 * @param attentionJoint   token row of {@code attentionDemo} (body 7 = R_Elbow, hand 0 = Wrist)
 * @param attentionDemo    N values: head-mean, column-normalised attention row of {@code attentionJoint}, in
 *                         float64 like the official visualisation before its min–max scaling; empty when off
 * @param timings          how long this image's batch and post-processing took
 */
public record Reconstruction(String source, CropTransform crop, String modelId, MeshKind kind, float[] camera,
        float[] joints, float[] verticesCoarse, float[] verticesMid, float[] vertices, float[] root,
        float[] verticesCentered, float[] jointsRegressed, float[] joints2d, float[] verticesCoarse2d,
        float[] attentionAllLayers, int attentionLayers, int attentionHeads, int attentionJoint, double[] attentionDemo, Timings timings) {

    /** Time spent on the batch this image was part of, and on this image's post-processing. */
    public record Timings(double batchForwardMillis, int batchSize, double postProcessMillis) {

        /** The batch's forward time divided by its size. */
        public double forwardMillisPerImage() {
            return batchForwardMillis / batchSize;
        }
    }

    public Reconstruction {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(crop, "crop");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(timings, "timings");
        camera = camera.clone();
        joints = joints.clone();
        verticesCoarse = verticesCoarse.clone();
        verticesMid = verticesMid.clone();
        vertices = vertices.clone();
        root = root.clone();
        verticesCentered = verticesCentered.clone();
        jointsRegressed = jointsRegressed.clone();
        joints2d = joints2d.clone();
        verticesCoarse2d = verticesCoarse2d.clone();
        attentionAllLayers = attentionAllLayers.clone();
        attentionDemo = attentionDemo.clone();
        if (camera.length != 3 || root.length != 3) {
            throw new IllegalArgumentException("camera and root need 3 values");
        }
        if (joints.length % 3 != 0 || verticesCoarse.length % 3 != 0 || vertices.length % 3 != 0
                || verticesMid.length % 3 != 0) {
            throw new IllegalArgumentException("3D arrays must be N×3");
        }
        if (verticesCentered.length != vertices.length || jointsRegressed.length != joints.length
                || joints2d.length / 2 != joints.length / 3 || verticesCoarse2d.length / 2 != verticesCoarse.length / 3) {
            throw new IllegalArgumentException("derived arrays do not match the network's outputs");
        }
        int tokens = joints.length / 3 + verticesCoarse.length / 3;
        if (attentionAllLayers.length != (long) attentionLayers * attentionHeads * tokens * tokens
                || (attentionLayers == 0) != (attentionHeads == 0)
                || (attentionDemo.length != 0 && attentionDemo.length != tokens)) {
            throw new IllegalArgumentException("attention must be " + attentionLayers + "×" + attentionHeads + "×"
                    + tokens + "×" + tokens + " and its demo row " + tokens + " values");
        }
    }

    public int jointCount() {
        return joints.length / 3;
    }

    public int coarseVertexCount() {
        return verticesCoarse.length / 3;
    }

    public int vertexCount() {
        return vertices.length / 3;
    }

    /** Transformer tokens: joints + coarse vertices. */
    public int tokenCount() {
        return jointCount() + coarseVertexCount();
    }

    public boolean hasAttention() {
        return attentionHeads > 0;
    }

    /** {@link #joints2d} in crop pixels: {@code (p + 1)·size/2} (continuous coordinates, pixel corners at integers). */
    public float[] joints2dCropPixels() {
        return PostProcessor.cropPixels(joints2d, crop);
    }

    /** {@link #joints2d} in original-image pixels, through {@link #crop}. */
    public float[] joints2dImagePixels() {
        return PostProcessor.imagePixels(joints2d, crop);
    }

    /** The centred full mesh projected through the camera, in original-image pixels (for overlays). */
    public float[] verticesImagePixels() {
        return PostProcessor.imagePixels(PostProcessor.project(verticesCentered, camera), crop);
    }

    /** {@link #verticesCoarse2d} in original-image pixels, through {@link #crop}. */
    public float[] verticesCoarse2dImagePixels() {
        return PostProcessor.imagePixels(verticesCoarse2d, crop);
    }

    @Override
    public float[] camera() {
        return camera.clone();
    }

    @Override
    public float[] joints() {
        return joints.clone();
    }

    @Override
    public float[] verticesCoarse() {
        return verticesCoarse.clone();
    }

    @Override
    public float[] verticesMid() {
        return verticesMid.clone();
    }

    @Override
    public float[] vertices() {
        return vertices.clone();
    }

    @Override
    public float[] root() {
        return root.clone();
    }

    @Override
    public float[] verticesCentered() {
        return verticesCentered.clone();
    }

    @Override
    public float[] jointsRegressed() {
        return jointsRegressed.clone();
    }

    @Override
    public float[] joints2d() {
        return joints2d.clone();
    }

    @Override
    public float[] verticesCoarse2d() {
        return verticesCoarse2d.clone();
    }

    @Override
    public float[] attentionAllLayers() {
        return attentionAllLayers.clone();
    }

    /** The last layer's attention (heads×N×N), what the official demo draws; empty when off. */
    public float[] attention() {
        return hasAttention() ? attentionOfLayer(attentionLayers - 1) : new float[0];
    }

    /** One layer of the last block (heads×N×N), 0 = its first layer. */
    public float[] attentionOfLayer(int layer) {
        if (layer < 0 || layer >= attentionLayers) {
            throw new IllegalArgumentException("layer " + layer + " outside 0.." + (attentionLayers - 1));
        }
        int each = attentionAllLayers.length / attentionLayers;
        return java.util.Arrays.copyOfRange(attentionAllLayers, layer * each, (layer + 1) * each);
    }

    @Override
    public double[] attentionDemo() {
        return attentionDemo.clone();
    }

    @Override
    public String toString() {
        return "Reconstruction[" + source + ", " + kind + ", " + vertexCount() + " vertices, cam s="
                + camera[0] + (hasAttention() ? ", attention " + attentionLayers + " layers × " + attentionHeads + " heads" : "") + "]";
    }
}
