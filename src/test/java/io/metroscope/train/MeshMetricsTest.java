package io.metroscope.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MeshMetricsTest {

    private static double[] randomPoints(int n, long seed) {
        Random r = new Random(seed);
        double[] p = new double[3 * n];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextGaussian() * 0.2;
        }
        return p;
    }

    /** gt = s·R·pred + t with R a rotation of 40° about (1,2,3), s = 1.7, t = (0.1,−0.2,0.3). */
    private static double[] transformed(double[] p, double[][] rot, double s, double[] t) {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length / 3; i++) {
            for (int a = 0; a < 3; a++) {
                double y = 0;
                for (int b = 0; b < 3; b++) {
                    y += rot[a][b] * p[3 * i + b];
                }
                out[3 * i + a] = s * y + t[a];
            }
        }
        return out;
    }

    private static double[][] rotation(double[] axis, double angle) {
        double n = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
        double x = axis[0] / n, y = axis[1] / n, z = axis[2] / n;
        double c = Math.cos(angle), s = Math.sin(angle), k = 1 - c;
        return new double[][] {
            {c + x * x * k, x * y * k - z * s, x * z * k + y * s},
            {y * x * k + z * s, c + y * y * k, y * z * k - x * s},
            {z * x * k - y * s, z * y * k + x * s, c + z * z * k}};
    }

    @Test
    void similarityRecoversKnownRotationScaleTranslation() {
        double[] pred = randomPoints(14, 1);
        double[] gt = transformed(pred, rotation(new double[] {1, 2, 3}, Math.toRadians(40)), 1.7,
                new double[] {0.1, -0.2, 0.3});
        assertArrayEquals(gt, Procrustes.similarity(pred, gt), 1e-12);
        assertEquals(0, MeshMetrics.paMpjpe(pred, gt), 1e-12);
        // FreiHAND adds 1e-8 to both norms, as the official code does: exact up to ~1e-8 relative.
        assertArrayEquals(gt, Procrustes.freihand(gt, pred), 1e-7);
        assertEquals(0, MeshMetrics.freihandAligned(pred, gt), 1e-7);
    }

    @Test
    void hmrRefusesReflectionsFreihandAllowsThem() {
        double[] gt = randomPoints(21, 2);
        double[] mirrored = gt.clone();
        for (int i = 0; i < mirrored.length; i += 3) {
            mirrored[i] = -mirrored[i];
        }
        // HMR's Z = diag(1,1,sign det) forces a proper rotation: a mirror image cannot be matched exactly.
        assertTrue(MeshMetrics.paMpjpe(mirrored, gt) > 1e-3);
        // scipy's orthogonal_procrustes has no such check: the mirror is undone.
        assertEquals(0, MeshMetrics.freihandAligned(mirrored, gt), 1e-7);
    }

    @Test
    void mpjpeRecentresBothAtTheHips() {
        double[] gt = {0, 0, 0, 1, 0, 0, 0, 1, 0, 2, 2, 2};
        double[] pred = {5, 5, 5, 6, 5, 5, 5, 6, 8, 7, 7, 7}; // shifted by 5, joint 2 off by 3 in z
        // roots (joints 0, 1 mid-point) move with the shift: errors 0, 0, 3, 0 → mean 0.75
        assertEquals(0.75, MeshMetrics.mpjpe(pred, gt, 0, 1), 1e-12);
        // without re-centring the shift counts: MPVE sees |(5,5,5)| on three points and |(5,5,8)| on one
        double e = (3 * Math.sqrt(75) + Math.sqrt(25 + 25 + 64)) / 4;
        assertEquals(e, MeshMetrics.mpve(pred, gt), 1e-12);
    }

    @Test
    void fScoreAsFreihandComputesIt() {
        double[] gt = {0, 0, 0, 1, 0, 0};
        double[] pred = {0, 0, 0.004, 0.002, 0, 0, 5, 0, 0};
        // GT→pred: 0.002 ✓, 0.998 ✗ → P = 1/2; pred→GT: 0.004 ✓, 0.002 ✓, 4 ✗ → R = 2/3; F = 4/7
        assertEquals(4.0 / 7, MeshMetrics.fScore(gt, pred, 0.005), 1e-12);
        assertEquals(0, MeshMetrics.fScore(gt, pred, 0.001), 1e-12);
        assertEquals(1, MeshMetrics.fScore(gt, gt, 0.005), 1e-12);
    }

    @Test
    void theGridGivesTheBruteForceAnswerIncludingPointsOnCellBorders() {
        Random r = new Random(7);
        for (double t : new double[] {0.005, 0.015, 0.1}) {
            double[] to = new double[3 * 2000];
            double[] from = new double[3 * 1500];
            for (int i = 0; i < to.length; i++) {
                to[i] = r.nextDouble() * 0.2 - 0.1;
            }
            for (int i = 0; i < from.length; i++) {
                from[i] = r.nextDouble() * 0.2 - 0.1;
            }
            assertEquals(bruteForce(from, to, t), MeshMetrics.fractionWithin(from, to, t), 0);
            assertEquals(bruteForce(to, from, t), MeshMetrics.fractionWithin(to, from, t), 0);
        }
        // on multiples of the radius (cell borders): exactly t away is not within (strict), a hair less is
        double t = 0.005;
        double[] to = {0, 0, 0, 3 * t, -2 * t, t, 1e7, -1e7, 1e7};
        double[] from = {t, 0, 0, 3 * t, -2 * t, t - t * 1e-9, -t * (1 - 1e-12), 0, 0, Double.NaN, 1, 1, 1e7, -1e7,
            1e7 + 1e-3};
        assertEquals(bruteForce(from, to, t), MeshMetrics.fractionWithin(from, to, t), 0);
        assertEquals(3.0 / 5, MeshMetrics.fractionWithin(from, to, t), 1e-15);
        assertEquals(bruteForce(to, from, t), MeshMetrics.fractionWithin(to, from, t), 0);
    }

    /** The definition: for each point, the nearest of the other set by an exhaustive search. */
    private static double bruteForce(double[] from, double[] to, double threshold) {
        int within = 0;
        for (int i = 0; i < from.length / 3; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < to.length / 3; j++) {
                double dx = from[3 * i] - to[3 * j];
                double dy = from[3 * i + 1] - to[3 * j + 1];
                double dz = from[3 * i + 2] - to[3 * j + 2];
                double d = dx * dx + dy * dy + dz * dz;
                best = d < best ? d : best; // a NaN point is nobody's neighbour
            }
            within += best < threshold * threshold ? 1 : 0;
        }
        return (double) within / (from.length / 3);
    }
}
