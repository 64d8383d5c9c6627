package io.metroscope.recon;

import io.metroscope.body.MetroTemplate;
import io.metroscope.format.SparseMatrix;
import io.metroscope.model.MeshKind;
import io.metroscope.model.MetroOutput;
import io.metroscope.vision.CropTransform;

/**
 * The official demo's post-processing (METRO.md §5.3, §2.2) for one template: root from row 0 of the template's
 * joint regressor (body: {@code J_regressor_h36m_correct} pelvis; hand: the 21-joint regressor's wrist), the
 * root-centred mesh, joints re-regressed from it (body: H36M-17 → LSP-14 by {@code H36M_J17_TO_J14}; hand: the
 * 21 rows as they are), the weak-perspective projection {@code s·(xy + [tx, ty])}, and the attention row the
 * demo draws. Stateless apart from the template's regressor; thread-safe.
 */
public final class PostProcessor {

    /** Token row of the demo's attention panel: body 7 = R_Elbow (LSP-14), hand 0 = Wrist. */
    public static final int BODY_ATTENTION_JOINT = 7;
    public static final int HAND_ATTENTION_JOINT = 0;

    private final MeshKind kind;
    private final SparseMatrix regressor;
    private final int[] regressorToTokens;
    private final int attentionJoint;

    public PostProcessor(MetroTemplate template) {
        this.kind = MeshKind.of(template.kind());
        this.regressor = template.jointRegressor();
        this.regressorToTokens = template.regressorToTokens().sourceIndex();
        for (int index : regressorToTokens) {
            if (index < 0) {
                throw new IllegalArgumentException("the template's regressor (" + template.regressorJoints()
                        + ") does not give every token joint (" + template.tokenJoints() + ")");
            }
        }
        this.attentionJoint = kind == MeshKind.BODY ? BODY_ATTENTION_JOINT : HAND_ATTENTION_JOINT;
    }

    public MeshKind kind() {
        return kind;
    }

    /** The token row whose attention the demo draws. */
    public int attentionJoint() {
        return attentionJoint;
    }

    /** Vertices the regressor expects. */
    public int vertexCount() {
        return regressor.cols();
    }

    /** Joints {@link #regressJoints} returns. */
    public int jointCount() {
        return regressorToTokens.length;
    }

    /** Root of a V×3 mesh: row 0 of the joint regressor (accumulated in double, rounded to float32). */
    public float[] root(float[] vertices) {
        checkMesh(vertices);
        double[] r = new double[3];
        for (int k = regressor.rowPointers()[0]; k < regressor.rowPointers()[1]; k++) {
            double w = regressor.values()[k];
            int v = 3 * regressor.columnIndices()[k];
            for (int j = 0; j < 3; j++) {
                r[j] += w * vertices[v + j];
            }
        }
        return new float[] {(float) r[0], (float) r[1], (float) r[2]};
    }

    /** {@code points − root} for N×3 points, in float32 like the official code. */
    public static float[] centre(float[] points, float[] root) {
        float[] out = new float[points.length];
        for (int i = 0; i < points.length; i++) {
            out[i] = points[i] - root[i % 3];
        }
        return out;
    }

    /** Joints regressed from a V×3 mesh, mapped to the token joint order (J×3). */
    public float[] regressJoints(float[] vertices) {
        checkMesh(vertices);
        float[] all = regressor.multiply(vertices, 3);
        float[] out = new float[3 * regressorToTokens.length];
        for (int j = 0; j < regressorToTokens.length; j++) {
            System.arraycopy(all, 3 * regressorToTokens[j], out, 3 * j, 3);
        }
        return out;
    }

    /**
     * METRO's {@code orthographic_projection}: N×3 points → N×2 {@code s·(xy + [tx, ty])} with
     * {@code camera = [s, tx, ty]}, in float32 like the official code; normalised crop coordinates in [-1, 1].
     */
    public static float[] project(float[] points, float[] camera) {
        if (points.length % 3 != 0 || camera.length != 3) {
            throw new IllegalArgumentException("points must be N×3 and camera [s, tx, ty]");
        }
        int n = points.length / 3;
        float s = camera[0];
        float[] out = new float[2 * n];
        for (int i = 0; i < n; i++) {
            out[2 * i] = s * (points[3 * i] + camera[1]);
            out[2 * i + 1] = s * (points[3 * i + 1] + camera[2]);
        }
        return out;
    }

    /** N×2 normalised crop coordinates → crop pixels {@code (p + 1)·size/2} (112·(p + 1) for 224). */
    public static float[] cropPixels(float[] normalised, CropTransform crop) {
        if (normalised.length % 2 != 0) {
            throw new IllegalArgumentException("2D points must be N×2");
        }
        float[] out = new float[normalised.length];
        for (int i = 0; i < out.length; i += 2) {
            out[i] = (float) ((normalised[i] + 1) * 0.5 * crop.cropWidth());
            out[i + 1] = (float) ((normalised[i + 1] + 1) * 0.5 * crop.cropHeight());
        }
        return out;
    }

    /** N×2 normalised crop coordinates → original-image pixels through the crop transform. */
    public static float[] imagePixels(float[] normalised, CropTransform crop) {
        if (normalised.length % 2 != 0) {
            throw new IllegalArgumentException("2D points must be N×2");
        }
        float[] out = new float[normalised.length];
        for (int i = 0; i < out.length; i += 2) {
            double[] p = crop.normalizedToImage(normalised[i], normalised[i + 1]);
            out[i] = (float) p[0];
            out[i + 1] = (float) p[1];
        }
        return out;
    }

    /**
     * The demo's attention row ({@code renderer.visualize_reconstruction_and_att_local} before min–max scaling),
     * in float64: mean over heads, each key column divided by its sum over queries, then row {@code row}.
     * The demo then shows the columns from 14 on (for the hand that is off by 7; see METRO.md §2.2).
     *
     * @param attention heads×N×N softmax probabilities, row = query
     */
    public static double[] attentionRow(float[] attention, int heads, int tokens, int row) {
        return AttentionMaps.row(AttentionMaps.combine(attention, heads, tokens, HeadMode.MEAN, -1, true), tokens, row);
    }

    /** Post-processes one network output into a {@link Reconstruction}. */
    public Reconstruction apply(MetroOutput output, InputItem item, String modelId, double batchForwardMillis,
            int batchSize) {
        long t0 = System.nanoTime();
        float[] vertices = output.vertices();
        float[] camera = output.camera();
        float[] root = root(vertices);
        float[] centred = centre(vertices, root);
        float[] joints = regressJoints(centred);
        float[] joints2d = project(joints, camera);
        float[] coarse2d = project(output.verticesCoarse(), camera);
        int heads = output.hasAttention() ? output.attentionHeads() : 0;
        int layers = output.hasAttention() ? output.attentionLayers() : 0;
        double[] demo = heads > 0 ? attentionRow(output.attention(), heads, output.tokenCount(), attentionJoint)
                : new double[0];
        double post = (System.nanoTime() - t0) / 1e6;
        return new Reconstruction(item.source(), item.crop(), modelId, kind, camera, output.joints(),
                output.verticesCoarse(), output.verticesMid(), vertices, root, centred, joints, joints2d, coarse2d,
                output.attentionAllLayers(), layers, heads, attentionJoint, demo,
                new Reconstruction.Timings(batchForwardMillis, batchSize, post));
    }

    private void checkMesh(float[] vertices) {
        if (vertices.length != 3 * regressor.cols()) {
            throw new IllegalArgumentException("mesh has " + vertices.length / 3.0 + " vertices, the regressor expects "
                    + regressor.cols());
        }
    }
}
