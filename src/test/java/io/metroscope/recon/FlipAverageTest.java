package io.metroscope.recon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.metroscope.body.MetroTemplate;
import io.metroscope.body.OpenTemplates;
import io.metroscope.model.MetroOutput;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Flip test-time averaging: the mirrored batch, and averaging a mirrored prediction back onto the plain one. */
class FlipAverageTest {

    private static MetroTemplate body;

    @BeforeAll
    static void readTemplate() throws Exception {
        body = OpenTemplates.read(Path.of("templates", "body.npz")).template();
    }

    @Test
    void mirrorsEveryRowOfEveryChannel() {
        // two 3×2×2 images: values 0..23
        float[] images = new float[24];
        for (int i = 0; i < images.length; i++) {
            images[i] = i;
        }
        float[] both = FlipAverage.withMirrors(images, 2);
        assertThat(both).hasSize(48);
        assertThat(java.util.Arrays.copyOf(both, 24)).containsExactly(images);
        // first row of the first image's first channel: 0 1 → 1 0; the second image's last row: 22 23 → 23 22
        assertThat(both[24]).isEqualTo(1);
        assertThat(both[25]).isEqualTo(0);
        assertThat(both[46]).isEqualTo(23);
        assertThat(both[47]).isEqualTo(22);
        assertThatThrownBy(() -> FlipAverage.withMirrors(new float[10], 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A body shifted to its left and leaning, as the mirrored crop shows it (x negated, left and right swapped):
     * averaging gives the first body back, to within the template's asymmetry; the camera's {@code tx} changes sign.
     */
    @Test
    void aConsistentMirroredPredictionAveragesToThePlainOne() {
        FlipAverage flip = FlipAverage.of(body);
        float[] full = shifted(body.fullVertices(), 0.12, 0.3);
        float[] joints = shifted(body.refJoints(), 0.12, 0.3);
        float[] mirroredFull = new float[full.length];
        for (int i = 0; i < full.length; i += 3) {
            mirroredFull[i] = -full[i];
            mirroredFull[i + 1] = full[i + 1];
            mirroredFull[i + 2] = full[i + 2];
        }
        // the mirrored body's vertex i sits where the plain body's partner of i sits, mirrored: re-index through the
        // template's own mirror map by predicting the mirrored body from the mirrored (re-paired) template
        float[] mirroredPaired = flipPairs(mirroredFull, io.metroscope.body.MirrorMap.of(body.fullVertices()));
        int[] perm = body.tokenJoints().mirrorPermutation();
        float[] mirroredJoints = new float[joints.length];
        for (int j = 0; j < perm.length; j++) {
            mirroredJoints[3 * perm[j]] = -joints[3 * j];
            mirroredJoints[3 * perm[j] + 1] = joints[3 * j + 1];
            mirroredJoints[3 * perm[j] + 2] = joints[3 * j + 2];
        }
        MetroOutput plain = output(new float[] {0.9f, 0.05f, -0.1f}, joints, full);
        MetroOutput mirrored = output(new float[] {0.8f, -0.07f, -0.12f}, mirroredJoints, mirroredPaired);

        MetroOutput mean = flip.combine(List.of(plain, mirrored)).get(0);

        assertThat(mean.camera()).containsExactly(new float[] {0.85f, 0.06f, -0.11f}, within(1e-6f));
        assertThat(mean.joints()).containsExactly(joints, within(1e-6f));
        double sum = 0;
        for (int i = 0; i < full.length; i++) {
            sum += Math.abs(mean.vertices()[i] - full[i]);
        }
        // mean |error| per coordinate: the template's L/R asymmetry (mean ~0.6 mm per vertex), not the 12 cm shift
        assertThat(sum / full.length).isLessThan(0.001);
        // the coarser levels are the averaged mesh's down-sampling; the attention is the plain crop's
        assertThat(mean.verticesMid()).hasSize(body.midVertices().length);
        assertThat(mean.verticesCoarse()).hasSize(body.coarseVertices().length);
        double[] mid = body.downsampling().get(0).multiply(toDouble(mean.vertices()), 3);
        assertThat(mean.verticesMid()[10]).isCloseTo((float) mid[10], within(1e-5f));
        assertThat(mean.attentionAllLayers()).isSameAs(plain.attentionAllLayers());
    }

    @Test
    void handModelsHaveNone() throws Exception {
        MetroTemplate hand = OpenTemplates.read(Path.of("templates", "hand.npz")).template();
        assertThatThrownBy(() -> FlipAverage.of(hand)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("body models only");
    }

    /** Vertex i takes the value of its partner: how a network trained on the template orders a mirrored body. */
    private static float[] flipPairs(float[] points, io.metroscope.body.MirrorMap map) {
        float[] out = new float[points.length];
        for (int i = 0; i < map.size(); i++) {
            System.arraycopy(points, 3 * map.partner()[i], out, 3 * i, 3);
        }
        return out;
    }

    /** Points moved {@code dx} along x and leaned: x grows with height ({@code lean}·y). */
    private static float[] shifted(double[] points, double dx, double lean) {
        float[] out = new float[points.length];
        for (int i = 0; i < points.length; i += 3) {
            out[i] = (float) (points[i] + dx + lean * points[i + 1]);
            out[i + 1] = (float) points[i + 1];
            out[i + 2] = (float) points[i + 2];
        }
        return out;
    }

    private static MetroOutput output(float[] camera, float[] joints, float[] full) {
        return new MetroOutput(camera, joints, new float[0], new float[0], full, new float[] {0.5f}, 1, 1);
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
