package io.metroscope.ui.attention;

import io.metroscope.format.SparseMatrix;
import io.metroscope.recon.AttentionMaps;
import io.metroscope.recon.HeadMode;
import io.metroscope.recon.Reconstruction;
import io.metroscope.ui.mesh.VertexColoredMesh;
import java.util.List;
import java.util.Locale;

/**
 * Everything the Attention views show for one choice of result, layer, heads and normalisation, made off the FX
 * thread: the combined joints × tokens matrix, and for every joint its coarse-vertex values (splats), the full
 * mesh's palette coordinates (so a joint change is one texture-coordinate copy) and its legend range; plus the
 * matrix view's numbers. The FX thread only swaps these in.
 */
record AttentionPaint(Key key, double[] combined, float[][] coarse, float[][] meshUv, String[] low, String[] high,
        double[] matrix, int matrixCols) {

    /** What a paint was made for: it is shown only while the workspace's choice is still the same. */
    record Key(Reconstruction result, int layer, HeadMode mode, int head, boolean normalised, boolean jointsOnly,
            boolean averaged) {
    }

    /**
     * Computes the paint for {@code key}; {@code coarseToFull} carries coarse values to the full mesh
     * ({@link AttentionMaps#coarseToFull}); {@code others} are the results averaged when {@code key.averaged()}.
     */
    static AttentionPaint compute(Key key, SparseMatrix coarseToFull, List<Reconstruction> others) {
        Reconstruction r = key.result();
        double[] combined = combine(key, r);
        int joints = r.jointCount();
        int tokens = r.tokenCount();
        float[][] coarse = new float[joints][];
        float[][] uv = new float[joints][];
        String[] low = new String[joints];
        String[] high = new String[joints];
        for (int j = 0; j < joints; j++) {
            double[] row = AttentionMaps.row(combined, tokens, j);
            coarse[j] = AttentionMaps.coarseVertexValues(row, joints);
            uv[j] = VertexColoredMesh.texCoords(coarseToFull.multiply(coarse[j], 1));
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (int i = joints; i < row.length; i++) {
                min = Math.min(min, row[i]);
                max = Math.max(max, row[i]);
            }
            low[j] = String.format(Locale.ROOT, "%.2g", min);
            high[j] = String.format(Locale.ROOT, "%.2g", max);
        }
        int cols = key.jointsOnly() ? joints : tokens;
        return new AttentionPaint(key, combined, coarse, uv, low, high, matrix(key, combined, others), cols);
    }

    /** The layer's attention with the key's head combination and normalisation (joints and vertices as queries). */
    static double[] combine(Key key, Reconstruction r) {
        return AttentionMaps.combine(r.attentionOfLayer(key.layer()), r.attentionHeads(), r.tokenCount(), key.mode(),
                key.head(), key.normalised());
    }

    /**
     * Joints × tokens (or joints × joints) of {@code combined}, or averaged over {@code others} (the results with
     * the same token and layer counts) when the key asks.
     */
    static double[] matrix(Key key, double[] combined, List<Reconstruction> others) {
        Reconstruction result = key.result();
        List<Reconstruction> over = key.averaged()
                ? others.stream().filter(o -> o.hasAttention() && o.tokenCount() == result.tokenCount()
                        && o.attentionLayers() == result.attentionLayers()).toList()
                : List.of(result);
        if (over.isEmpty()) {
            over = List.of(result);
        }
        int j = result.jointCount();
        int n = result.tokenCount();
        int cols = key.jointsOnly() ? j : n;
        double[] sum = new double[j * cols];
        for (Reconstruction o : over) {
            double[] m = o == result ? combined : combine(key, o);
            for (int row = 0; row < j; row++) {
                for (int c = 0; c < cols; c++) {
                    sum[row * cols + c] += m[row * n + c] / over.size();
                }
            }
        }
        return sum;
    }
}
