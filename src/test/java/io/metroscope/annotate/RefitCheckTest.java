package io.metroscope.annotate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.metroscope.body.MeshOps;
import org.junit.jupiter.api.Test;

class RefitCheckTest {

    /** A 3×3 grid of vertices 1 cm apart in the z = 0 plane, two triangles per square. */
    private static final int[] GRID_FACES = gridFaces();

    private static float[] grid() {
        float[] v = new float[27];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                v[3 * (3 * r + c)] = 0.01f * c;
                v[3 * (3 * r + c) + 1] = 0.01f * r;
            }
        }
        return v;
    }

    private static int[] gridFaces() {
        int[] f = new int[24];
        int k = 0;
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                int a = 3 * r + c;
                int[] two = {a, a + 1, a + 4, a, a + 4, a + 3};
                System.arraycopy(two, 0, f, k, 6);
                k += 6;
            }
        }
        return f;
    }

    @Test
    void aSpikeRaisesTheRoughnessByWhatItStandsOut() {
        int[][] neighbours = MeshOps.neighbours(GRID_FACES, 9);
        float[] flat = grid();
        // The centre's six neighbours (the diagonal split) have their centroid on it: the centre counts 0.
        double flatRough = RefitCheck.roughnessMm(flat, neighbours);
        float[] spiked = grid();
        spiked[3 * 4 + 2] = 0.006f; // the centre 6 mm out of the plane
        double spikedRough = RefitCheck.roughnessMm(spiked, neighbours);
        // The centre now stands 6 mm off its neighbours' centroid; each of its six neighbours sees it as one of
        // its own neighbours, so their centroids move by 6 mm / (their neighbour count).
        double expected = 6.0;
        for (int i = 0; i < 9; i++) {
            if (i != 4 && java.util.Arrays.stream(neighbours[i]).anyMatch(n -> n == 4)) {
                double flatOff = offMm(flat, neighbours, i);
                double z = 6.0 / neighbours[i].length;
                expected += Math.sqrt(flatOff * flatOff + z * z) - flatOff;
            }
        }
        assertThat(spikedRough - flatRough).isCloseTo(expected / 9, within(1e-4));
        assertThat(spikedRough).isGreaterThan(flatRough);
    }

    @Test
    void theMeanVertexDistanceIsInMillimetres() {
        float[] a = grid();
        float[] b = grid();
        for (int i = 0; i < b.length; i += 3) {
            b[i + 2] = 0.003f; // every vertex 3 mm away
        }
        b[0] += 0.004f; // the first one 5 mm (3-4-5)
        assertThat(RefitCheck.meanDistanceMm(a, b)).isCloseTo((8 * 3.0 + 5.0) / 9, within(1e-4));
        assertThat(RefitCheck.meanDistanceMm(a, a)).isZero();
    }

    /** Distance in mm of vertex {@code i} from its neighbours' centroid. */
    private static double offMm(float[] v, int[][] neighbours, int i) {
        double[] c = new double[3];
        for (int k : neighbours[i]) {
            for (int d = 0; d < 3; d++) {
                c[d] += v[3 * k + d] / (double) neighbours[i].length;
            }
        }
        return 1000 * Math.sqrt(Math.pow(v[3 * i] - c[0], 2) + Math.pow(v[3 * i + 1] - c[1], 2)
                + Math.pow(v[3 * i + 2] - c[2], 2));
    }
}
