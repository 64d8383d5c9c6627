package io.metroscope.annotate;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.body.OpenTemplate;
import io.metroscope.body.TemplateKind;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Shape edits of a posed mesh follow its pose: they match posing the reshaped template. */
class MeshShaperTest {

    @Test
    void reshapingAPosedMeshMatchesPosingTheReshapedTemplate() throws Exception {
        OpenTemplate t = AnnotateFixtures.template(TemplateKind.BODY);
        MeshShaper shaper = new MeshShaper(t);
        assertThat(shaper.shapeCount()).isEqualTo(10);
        Random random = new Random(3);
        double[] pose = new double[3 * t.rig().jointCount()];
        for (int i = 0; i < pose.length; i++) {
            pose[i] = random.nextGaussian() * (i < 3 ? 1.0 : 0.3);
        }
        double[] delta = new double[10];
        delta[0] = 1.5; // taller
        delta[4] = -1.0; // shorter arms
        delta[1] = 0.8; // girth
        float[] posed = centred(t, t.pose(pose, new double[10]).vertices());
        float[] truth = centred(t, t.pose(pose, delta).vertices());
        float[] reshaped = shaper.reshape(posed, delta);

        double change = meanDistance(posed, truth);
        double residual = meanDistance(reshaped, truth);
        System.out.printf(java.util.Locale.ROOT, "shape change %.1f mm, reshape residual %.2f mm%n", 1000 * change,
                1000 * residual);
        assertThat(change).as("the shape change is visible").isGreaterThan(0.01);
        assertThat(residual).isLessThan(0.1 * change);
        assertThat(shaper.reshape(posed, new double[10])).containsExactly(posed);
    }

    private static float[] centred(OpenTemplate t, double[] v) {
        double[] joints = t.template().jointRegressor().multiply(v, 3);
        int r = t.template().regressorJoints().root();
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] - joints[3 * r + i % 3]);
        }
        return out;
    }

    private static double meanDistance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i += 3) {
            sum += Math.sqrt(Math.pow(a[i] - b[i], 2) + Math.pow(a[i + 1] - b[i + 1], 2) + Math.pow(a[i + 2] - b[i + 2],
                    2));
        }
        return sum / (a.length / 3);
    }
}
