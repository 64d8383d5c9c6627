package io.metroscope.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Pairs each vertex with the vertex nearest its mirror image, and maps a mirrored body back onto the original. */
class MirrorMapTest {

    /** Points in pairs {@code (x, y, z)}, {@code (−x, y, z)} in a shuffled order, plus one point on the plane. */
    private static double[] symmetricCloud(int pairs, long seed, int[] partnerOut) {
        Random r = new Random(seed);
        int n = 2 * pairs + 1;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int k = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[k];
            order[k] = t;
        }
        double[] v = new double[3 * n];
        for (int p = 0; p < pairs; p++) {
            double x = 0.05 + r.nextDouble();
            double y = r.nextDouble();
            double z = r.nextDouble();
            int a = order[2 * p];
            int b = order[2 * p + 1];
            v[3 * a] = x;
            v[3 * a + 1] = y;
            v[3 * a + 2] = z;
            v[3 * b] = -x;
            v[3 * b + 1] = y;
            v[3 * b + 2] = z;
            partnerOut[a] = b;
            partnerOut[b] = a;
        }
        int mid = order[n - 1];
        v[3 * mid + 1] = 0.5;
        partnerOut[mid] = mid;
        return v;
    }

    @Test
    void pairsEachVertexWithItsMirrorImage() {
        int[] expected = new int[41];
        double[] v = symmetricCloud(20, 7, expected);
        MirrorMap map = MirrorMap.of(v);
        assertThat(map.partner()).containsExactly(expected);
        assertThat(map.mismatch()).isZero();
        assertThat(map.size()).isEqualTo(41);
    }

    @Test
    void reflectingTwiceGivesTheBodyBack() {
        int[] partner = new int[41];
        double[] v = symmetricCloud(20, 11, partner);
        MirrorMap map = MirrorMap.of(v);
        // an asymmetric deformation of the cloud, and the same body seen in a mirror (x negated, L/R swapped)
        Random r = new Random(3);
        float[] body = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            body[i] = (float) (v[i] + 0.1 * r.nextGaussian());
        }
        float[] mirrored = new float[body.length];
        for (int i = 0; i < partner.length; i++) {
            int k = partner[i];
            mirrored[3 * k] = -body[3 * i];
            mirrored[3 * k + 1] = body[3 * i + 1];
            mirrored[3 * k + 2] = body[3 * i + 2];
        }
        assertThat(map.reflect(body)).containsExactly(mirrored);
        float[] back = map.reflect(mirrored);
        for (int i = 0; i < body.length; i++) {
            assertThat(back[i]).isCloseTo(body[i], within(1e-7f));
        }
        assertThatThrownBy(() -> map.reflect(new float[6])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theOpenBodyTemplateIsNearlySymmetric() throws Exception {
        MetroTemplate t = OpenTemplates.read(java.nio.file.Path.of("templates", "body.npz")).template();
        MirrorMap map = MirrorMap.of(t.fullVertices());
        // every vertex finds a partner within 1.5 cm, and nearly all partners pair back
        assertThat(map.mismatch()).isLessThan(0.015);
        int mutual = 0;
        for (int i = 0; i < map.size(); i++) {
            mutual += map.partner()[map.partner()[i]] == i ? 1 : 0;
        }
        assertThat(mutual).isGreaterThan(map.size() * 95 / 100);
    }
}
