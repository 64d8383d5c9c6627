package io.metroscope.recon;

import io.metroscope.body.MetroTemplate;
import io.metroscope.format.SparseMatrix;
import java.util.List;

/**
 * Turns a layer's attention probabilities (heads×N×N, row = query token, joints first, then coarse vertices)
 * into what the Attention workspace draws: one joint's row, the joints × tokens matrix, and a value per vertex
 * of the full mesh.
 */
public final class AttentionMaps {

    private AttentionMaps() {
    }

    /**
     * The N×N matrix of the combined heads; with {@code columnNormalise} each key column is divided by its sum over
     * the queries (the official demo's normalisation). In float64, in the demo's order of operations.
     *
     * @param head the head for {@link HeadMode#SINGLE}, ignored otherwise
     */
    public static double[] combine(float[] attention, int heads, int tokens, HeadMode mode, int head,
            boolean columnNormalise) {
        if (heads <= 0 || attention.length != (long) heads * tokens * tokens) {
            throw new IllegalArgumentException("attention has " + attention.length + " values, not " + heads + "×"
                    + tokens + "×" + tokens);
        }
        if (mode == HeadMode.SINGLE && (head < 0 || head >= heads)) {
            throw new IllegalArgumentException("head " + head + " outside 0.." + (heads - 1));
        }
        int plane = tokens * tokens;
        double[] m = new double[plane];
        for (int k = 0; k < plane; k++) {
            m[k] = switch (mode) {
                case SINGLE -> attention[head * plane + k];
                case MAX -> {
                    double max = attention[k];
                    for (int h = 1; h < heads; h++) {
                        max = Math.max(max, attention[h * plane + k]);
                    }
                    yield max;
                }
                case MEAN -> {
                    double sum = 0;
                    for (int h = 0; h < heads; h++) {
                        sum += attention[h * plane + k];
                    }
                    yield sum / heads;
                }
            };
        }
        if (columnNormalise) {
            double[] columnSums = new double[tokens];
            for (int i = 0; i < tokens; i++) {
                for (int j = 0; j < tokens; j++) {
                    columnSums[j] += m[i * tokens + j];
                }
            }
            for (int i = 0; i < tokens; i++) {
                for (int j = 0; j < tokens; j++) {
                    m[i * tokens + j] /= columnSums[j];
                }
            }
        }
        return m;
    }

    /** Row {@code query} of a combined N×N matrix. */
    public static double[] row(double[] combined, int tokens, int query) {
        if (query < 0 || query >= tokens) {
            throw new IllegalArgumentException("row " + query + " outside 0.." + (tokens - 1));
        }
        double[] out = new double[tokens];
        System.arraycopy(combined, query * tokens, out, 0, tokens);
        return out;
    }

    /** The first {@code joints} rows (joints × all tokens, paper Fig. 4). */
    public static double[] jointRows(double[] combined, int tokens, int joints) {
        double[] out = new double[joints * tokens];
        System.arraycopy(combined, 0, out, 0, out.length);
        return out;
    }

    /** The vertex part of a row ({@code row[joints:]}), scaled min–max to [0, 1] as the demo does. */
    public static float[] coarseVertexValues(double[] row, int joints) {
        int n = row.length - joints;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = joints; i < row.length; i++) {
            min = Math.min(min, row[i]);
            max = Math.max(max, row[i]);
        }
        float[] out = new float[n];
        double range = max - min;
        for (int i = 0; i < n; i++) {
            out[i] = range > 0 ? (float) ((row[joints + i] - min) / range) : 0f;
        }
        return out;
    }

    /**
     * The template's upsampling chain (coarse → mid → full) composed into one full × coarse matrix: made once per
     * template, it carries coarse values to the full mesh in one sparse product (a few microseconds).
     */
    public static SparseMatrix coarseToFull(MetroTemplate template) {
        List<SparseMatrix> up = template.upsampling();
        if (up.isEmpty()) {
            throw new IllegalArgumentException("the template has no upsampling matrices");
        }
        SparseMatrix m = up.get(up.size() - 1);
        for (int i = up.size() - 2; i >= 0; i--) {
            m = up.get(i).times(m);
        }
        return m;
    }

    /**
     * Carries coarse-vertex values to every vertex of the full mesh through the template's upsampling matrices
     * (coarse → mid → full), so the whole mesh can be painted.
     */
    public static float[] onFullMesh(float[] coarseValues, MetroTemplate template) {
        List<SparseMatrix> up = template.upsampling();
        float[] values = coarseValues;
        for (int i = up.size() - 1; i >= 0; i--) {
            SparseMatrix u = up.get(i);
            if (u.cols() != values.length) {
                throw new IllegalArgumentException("upsampling matrix " + i + " takes " + u.cols() + " values, not "
                        + values.length);
            }
            values = u.multiply(values, 1);
        }
        return values;
    }
}
