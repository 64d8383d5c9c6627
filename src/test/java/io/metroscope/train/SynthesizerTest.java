package io.metroscope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.metroscope.body.MetroTemplate;
import io.metroscope.body.OpenTemplate;
import io.metroscope.body.OpenTemplates;
import io.metroscope.body.TemplateKind;
import io.metroscope.format.SparseMatrix;

class SynthesizerTest {

    static OpenTemplate template(TemplateKind kind) {
        try {
            return OpenTemplates.read(Path.of("templates", kind.id() + ".npz"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void skinnerMatchesTheReferenceSkinning() {
        for (TemplateKind kind : TemplateKind.values()) {
            OpenTemplate t = template(kind);
            Skinner s = new Skinner(t.template().fullVertices(), t.rig());
            SplittableRandom r = new SplittableRandom(2);
            double[] pose = new PoseSampler(PoseLimits.of(kind)).sample(r);
            double[] betas = ShapeSampler.standard(t.rig().shapeCount()).sample(r);
            double[] expected = t.pose(pose, betas).vertices();
            double[] actual = s.pose(pose, betas);
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).as(kind + " " + i).isCloseTo(expected[i], within(1e-9));
            }
        }
    }

    @Test
    void labelsAreConsistent() throws Exception {
        for (TemplateKind kind : TemplateKind.values()) {
            OpenTemplate t = template(kind);
            MetroTemplate m = t.template();
            Synthesizer s = new Synthesizer(new SynthConfig(t, 224, 0.3, Backgrounds.procedural(), List.of(), 11));
            for (int index = 0; index < 6; index++) {
                TrainingItem item = s.generate(index).labels();
                float[] cam = item.camera();
                int j = item.jointCount();
                assertThat(j).isEqualTo(m.tokenJoints().size());
                for (int i = 0; i < j; i++) {
                    double x = cam[0] * (item.joints3d()[3 * i] + cam[1]);
                    double y = cam[0] * (item.joints3d()[3 * i + 1] + cam[2]);
                    assertThat((double) item.joints2d()[3 * i]).isCloseTo(x, within(1e-4));
                    assertThat((double) item.joints2d()[3 * i + 1]).isCloseTo(y, within(1e-4));
                    assertThat((double) item.joints2dPixels()[2 * i]).isCloseTo((x + 1) * 112, within(1e-3));
                    assertThat((double) item.joints2dPixels()[2 * i + 1]).isCloseTo((y + 1) * 112, within(1e-3));
                }
                double[] full = toDoubles(item.verticesFull());
                assertThat(full).hasSize(3 * m.fullVertexCount());
                // Joints are the template's token joints of the stored mesh, and the mesh is root-centred.
                assertClose(toDoubles(item.joints3d()), m.tokenJointsOf(full), 1e-5);
                double[] regressed = m.jointRegressor().multiply(full, 3);
                int root = m.regressorJoints().root();
                for (int a = 0; a < 3; a++) {
                    assertThat(regressed[3 * root + a]).isCloseTo(0, within(1e-5));
                }
                List<SparseMatrix> down = m.downsampling();
                double[] level = down.get(0).multiply(full, 3);
                if (kind == TemplateKind.BODY) {
                    assertClose(toDoubles(item.verticesMid()), level, 1e-5);
                    level = down.get(1).multiply(level, 3);
                } else {
                    assertThat(item.verticesMid()).isEmpty();
                }
                assertClose(toDoubles(item.verticesCoarse()), level, 1e-5);
                assertThat(item.verticesCoarse()).hasSize(3 * m.coarseVertexCount());
                assertThat(item.hasJoints3d()).isTrue();
                assertThat(item.hasJoints2d()).isTrue();
                assertThat(item.hasMesh()).isTrue();
                assertThat(PoseLimits.of(kind).contains(toDoubles(item.pose()), 1e-6)).isTrue();
                // The person fills 70-90% of the crop along its larger side and stays inside it.
                double minX = 1e9, maxX = -1e9, minY = 1e9, maxY = -1e9;
                for (int v = 0; v < full.length; v += 3) {
                    double x = cam[0] * (full[v] + cam[1]);
                    double y = cam[0] * (full[v + 1] + cam[2]);
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
                double extent = Math.max(maxX - minX, maxY - minY) / 2;
                assertThat(extent).isBetween(0.7 - 1e-4, 0.9 + 1e-4);
                assertThat(minX).isGreaterThanOrEqualTo(-1 - 1e-4);
                assertThat(maxX).isLessThanOrEqualTo(1 + 1e-4);
                assertThat(minY).isGreaterThanOrEqualTo(-1 - 1e-4);
                assertThat(maxY).isLessThanOrEqualTo(1 + 1e-4);
            }
        }
    }

    @Test
    void visibilityFlagsMatchTheOccluderMask() throws Exception {
        OpenTemplate t = template(TemplateKind.BODY);
        Synthesizer s = new Synthesizer(new SynthConfig(t, 224, 0.6, Backgrounds.procedural(), List.of(), 3));
        int occluded = 0;
        int masks = 0;
        for (int index = 0; index < 24; index++) {
            Synthesized out = s.generate(index);
            TrainingItem item = out.labels();
            byte[] mask = item.occluderMask();
            assertThat(mask).hasSize(224 * 224);
            boolean any = false;
            for (byte b : mask) {
                any |= b != 0;
            }
            masks += any ? 1 : 0;
            for (int j = 0; j < item.jointCount(); j++) {
                float x = item.joints2dPixels()[2 * j];
                float y = item.joints2dPixels()[2 * j + 1];
                boolean inside = x >= 0 && y >= 0 && x < 224 && y < 224;
                boolean expected = inside && mask[(int) y * 224 + (int) x] == 0;
                assertThat(item.visible(j)).as("item %d joint %d", index, j).isEqualTo(expected);
                occluded += expected ? 0 : 1;
            }
        }
        assertThat(masks).isGreaterThan(10);
        assertThat(occluded).isPositive();

        Synthesizer none = new Synthesizer(new SynthConfig(t, 224, 0, Backgrounds.procedural(), List.of(), 3));
        TrainingItem clear = none.generate(0).labels();
        for (byte b : clear.occluderMask()) {
            assertThat(b).isZero();
        }
    }

    @Test
    void occludersCoverAtMostTheirShareOfThePerson() {
        SplittableRandom r = new SplittableRandom(9);
        int w = 64;
        byte[] silhouette = new byte[w * w];
        for (int y = 16; y < 48; y++) {
            for (int x = 24; x < 40; x++) {
                silhouette[y * w + x] = (byte) 255;
            }
        }
        for (int n = 0; n < 200; n++) {
            byte[] mask = Occluders.paint(new byte[3 * w * w], silhouette, w, w, 0.25, r);
            int covered = 0;
            for (int i = 0; i < mask.length; i++) {
                covered += mask[i] != 0 && silhouette[i] != 0 ? 1 : 0;
            }
            assertThat(covered).isLessThanOrEqualTo((int) (0.25 * 32 * 16));
        }
    }

    @Test
    void itemsDependOnlyOnSeedAndIndex() throws Exception {
        OpenTemplate t = template(TemplateKind.HAND);
        Synthesizer a = new Synthesizer(new SynthConfig(t, 64, 0.3, Backgrounds.procedural(), List.of(), 5));
        Synthesizer b = new Synthesizer(new SynthConfig(t, 64, 0.3, Backgrounds.procedural(), List.of(), 5));
        Synthesized late = a.generate(3);
        b.generate(0);
        assertThat(b.generate(3).rgb()).isEqualTo(late.rgb());
        assertThat(b.generate(3).labels()).isEqualTo(late.labels());
        assertThat(b.generate(4).rgb()).isNotEqualTo(late.rgb());
    }

    static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static void assertClose(double[] actual, double[] expected, double tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(tolerance));
        }
    }
}
