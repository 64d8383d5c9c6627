package io.metroscope.body;

/**
 * The left–right vertex correspondence of a mesh that is symmetric about the plane x = 0: {@code partner[i]} is the
 * vertex nearest to vertex {@code i} mirrored ({@code x → −x}), and {@code mismatch} the largest such distance
 * (metres), which says how far the mesh is from exactly symmetric.
 */
public record MirrorMap(int[] partner, double mismatch) {

    /** The correspondence of {@code vertices} (V×3, row-major) found by nearest neighbour. */
    public static MirrorMap of(double[] vertices) {
        int n = vertices.length / 3;
        int[] partner = new int[n];
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double mx = -vertices[3 * i];
            double my = vertices[3 * i + 1];
            double mz = vertices[3 * i + 2];
            int best = i;
            double bestSq = Double.POSITIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                double dx = vertices[3 * k] - mx;
                double dy = vertices[3 * k + 1] - my;
                double dz = vertices[3 * k + 2] - mz;
                double sq = dx * dx + dy * dy + dz * dz;
                if (sq < bestSq) {
                    bestSq = sq;
                    best = k;
                }
            }
            partner[i] = best;
            worst = Math.max(worst, bestSq);
        }
        return new MirrorMap(partner, Math.sqrt(worst));
    }

    /** The number of vertices. */
    public int size() {
        return partner.length;
    }

    /**
     * {@code points} (V×3) reflected in the plane x = 0 and re-indexed so that vertex {@code i} is again the
     * template's vertex {@code i}: each vertex takes its partner's position with x negated. This turns a body into its
     * mirror image (a flipped training label) and a prediction for a mirrored image back (flip averaging).
     */
    public float[] reflect(float[] points) {
        float[] out = partnersOf(points);
        for (int i = 0; i < out.length; i += 3) {
            out[i] = -out[i];
        }
        return out;
    }

    /** {@code points} (V×3) re-indexed: vertex {@code i} takes its partner's position, unchanged. */
    public float[] partnersOf(float[] points) {
        if (points.length != 3 * partner.length) {
            throw new IllegalArgumentException("expected " + partner.length + "×3 points, got " + points.length
                    + " values");
        }
        float[] out = new float[points.length];
        for (int i = 0; i < partner.length; i++) {
            System.arraycopy(points, 3 * partner[i], out, 3 * i, 3);
        }
        return out;
    }
}
