package io.metroscope.train;

/**
 * Per-sample errors exactly as METRO's {@code run_validate} and FreiHAND's {@code eval.py} compute them, on
 * N×3 row-major arrays in metres (multiply by 1000 for mm).
 */
public final class MeshMetrics {

    private MeshMetrics() {
    }

    /** Mean Euclidean distance between corresponding points. */
    public static double meanDistance(double[] a, double[] b) {
        int n = Procrustes.checkedCount(a, b);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double dx = a[3 * i] - b[3 * i];
            double dy = a[3 * i + 1] - b[3 * i + 1];
            double dz = a[3 * i + 2] - b[3 * i + 2];
            sum += Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
        return sum / n;
    }

    /**
     * MPJPE: both sets re-centred at the mean of joints {@code rootA} and {@code rootB} (METRO body: the hips 2 and 3;
     * pass the same index twice for a single root such as the wrist), then the mean joint distance.
     */
    public static double mpjpe(double[] pred, double[] gt, int rootA, int rootB) {
        return meanDistance(recentre(pred, rootA, rootB), recentre(gt, rootA, rootB));
    }

    /** PA-MPJPE (HMR {@code reconstruction_error}): mean joint distance after {@link Procrustes#similarity}. */
    public static double paMpjpe(double[] pred, double[] gt) {
        return meanDistance(Procrustes.similarity(pred, gt), gt);
    }

    /** MPVE: mean vertex distance of root-centred meshes (no alignment). */
    public static double mpve(double[] pred, double[] gt) {
        return meanDistance(pred, gt);
    }

    /** FreiHAND's aligned error (PA-MPJPE or PA-MPVPE): mean distance after {@link Procrustes#freihand}. */
    public static double freihandAligned(double[] pred, double[] gt) {
        return meanDistance(Procrustes.freihand(gt, pred), gt);
    }

    /**
     * FreiHAND {@code calculate_fscore}: {@code d1} = for every GT point the distance to the nearest predicted point,
     * {@code d2} the reverse; P = fraction of d1 below {@code threshold}, R = fraction of d2 below,
     * F = 2PR/(P+R) (0 when both are 0). Apply to the aligned prediction ({@link Procrustes#freihand}).
     */
    public static double fScore(double[] gt, double[] pred, double threshold) {
        double precision = fractionWithin(gt, pred, threshold);
        double recall = fractionWithin(pred, gt, threshold);
        return precision + recall > 0 ? 2 * recall * precision / (recall + precision) : 0;
    }

    /** Fraction of points of {@code from} whose nearest point of {@code to} is closer than {@code threshold}. */
    static double fractionWithin(double[] from, double[] to, double threshold) {
        int n = from.length / 3;
        if (n == 0) {
            return 0;
        }
        FixedRadiusGrid grid = new FixedRadiusGrid(to, threshold);
        int within = 0;
        for (int i = 0; i < n; i++) {
            if (grid.anyCloserThan(from[3 * i], from[3 * i + 1], from[3 * i + 2])) {
                within++;
            }
        }
        return (double) within / n;
    }

    /** The set minus the mean of joints {@code a} and {@code b}. */
    public static double[] recentre(double[] p, int a, int b) {
        double[] out = p.clone();
        for (int c = 0; c < 3; c++) {
            double root = (p[3 * a + c] + p[3 * b + c]) / 2;
            for (int i = c; i < out.length; i += 3) {
                out[i] -= root;
            }
        }
        return out;
    }
}
