package io.metroscope.train;

import org.ejml.simple.SimpleMatrix;
import org.ejml.simple.SimpleSVD;

/**
 * The two similarity alignments the METRO evaluations use, on N×3 row-major point sets: HMR's
 * {@code compute_similarity_transform} (METRO's PA-MPJPE) and FreiHAND's {@code align_w_scale}.
 */
public final class Procrustes {

    private Procrustes() {
    }

    /**
     * HMR {@code compute_similarity_transform(S1=pred, S2=gt)}: centre both, {@code K = X1·X2ᵀ},
     * {@code U,Σ,Vᵀ = svd(K)}, {@code Z = diag(1,1,sign(det(U·Vᵀ)))}, {@code R = V·Z·Uᵀ},
     * {@code s = tr(R·K)/‖X1‖²}, {@code t = μ2 − s·R·μ1}; returns {@code s·R·pred + t} (N×3).
     */
    public static double[] similarity(double[] pred, double[] gt) {
        int n = checkedCount(pred, gt);
        if (!finite(pred) || !finite(gt)) {
            return nan(pred.length); // a diverged prediction scores NaN instead of failing the SVD
        }
        double[] mu1 = mean(pred, n);
        double[] mu2 = mean(gt, n);
        SimpleMatrix x1 = centredColumns(pred, mu1, n);
        SimpleMatrix x2 = centredColumns(gt, mu2, n);
        double var1 = x1.elementMult(x1).elementSum();
        SimpleMatrix k = x1.mult(x2.transpose());
        SimpleSVD<SimpleMatrix> svd = k.svd();
        SimpleMatrix u = svd.getU();
        SimpleMatrix v = svd.getV();
        SimpleMatrix z = SimpleMatrix.identity(3);
        z.set(2, 2, Math.signum(u.mult(v.transpose()).determinant()));
        SimpleMatrix r = v.mult(z).mult(u.transpose());
        double scale = r.mult(k).trace() / var1;
        double[] out = new double[3 * n];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                double y = 0;
                for (int b = 0; b < 3; b++) {
                    y += r.get(a, b) * pred[3 * i + b];
                }
                double t = mu2[a];
                for (int b = 0; b < 3; b++) {
                    t -= scale * r.get(a, b) * mu1[b];
                }
                out[3 * i + a] = scale * y + t;
            }
        }
        return out;
    }

    /**
     * FreiHAND {@code align_w_scale(mtx1=gt, mtx2=pred)}: centre both, divide each by its Frobenius norm (+1e-8),
     * {@code R, s = orthogonal_procrustes(gt_n, pred_n)} (no reflection check, s = Σ singular values), and returns
     * {@code pred_n·Rᵀ·s·‖gt‖ + mean(gt)} (N×3).
     */
    public static double[] freihand(double[] gt, double[] pred) {
        int n = checkedCount(pred, gt);
        if (!finite(pred) || !finite(gt)) {
            return nan(pred.length);
        }
        double[] t1 = mean(gt, n);
        double[] t2 = mean(pred, n);
        SimpleMatrix a = centredRows(gt, t1, n);
        SimpleMatrix b = centredRows(pred, t2, n);
        double s1 = a.normF() + 1e-8;
        double s2 = b.normF() + 1e-8;
        a = a.divide(s1);
        b = b.divide(s2);
        // scipy: u, w, vt = svd((B.T @ A).T); R = u @ vt; scale = w.sum()
        SimpleSVD<SimpleMatrix> svd = b.transpose().mult(a).transpose().svd();
        SimpleMatrix r = svd.getU().mult(svd.getV().transpose());
        double scale = svd.getW().diag().elementSum();
        SimpleMatrix aligned = b.mult(r.transpose()).scale(scale * s1);
        double[] out = new double[3 * n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                out[3 * i + c] = aligned.get(i, c) + t1[c];
            }
        }
        return out;
    }

    private static boolean finite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static double[] nan(int length) {
        double[] out = new double[length];
        java.util.Arrays.fill(out, Double.NaN);
        return out;
    }

    static int checkedCount(double[] pred, double[] gt) {
        if (pred.length != gt.length || pred.length % 3 != 0 || pred.length == 0) {
            throw new IllegalArgumentException("point sets must be N×3 of equal size: " + pred.length + " vs "
                    + gt.length);
        }
        return pred.length / 3;
    }

    static double[] mean(double[] p, int n) {
        double[] m = new double[3];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                m[c] += p[3 * i + c];
            }
        }
        for (int c = 0; c < 3; c++) {
            m[c] /= n;
        }
        return m;
    }

    private static SimpleMatrix centredColumns(double[] p, double[] mu, int n) {
        SimpleMatrix m = new SimpleMatrix(3, n);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                m.set(c, i, p[3 * i + c] - mu[c]);
            }
        }
        return m;
    }

    private static SimpleMatrix centredRows(double[] p, double[] mu, int n) {
        SimpleMatrix m = new SimpleMatrix(n, 3);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                m.set(i, c, p[3 * i + c] - mu[c]);
            }
        }
        return m;
    }
}
