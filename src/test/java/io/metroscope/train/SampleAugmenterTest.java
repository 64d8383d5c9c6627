package io.metroscope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.metroscope.body.JointSet;
import io.metroscope.body.MetroTemplate;
import io.metroscope.body.OpenTemplates;
import io.metroscope.model.MeshKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Augmentation of stored crops: METRO's draws, exact flips, rigid rotations and labels that stay consistent. */
class SampleAugmenterTest {

    private static MetroTemplate template;

    @BeforeAll
    static void readTemplate() throws IOException {
        template = OpenTemplates.read(Path.of("templates/body.npz")).template();
    }

    /** A joints-only LSP item whose 2D joints are the camera's projection of its 3D joints; a spot on joint 6. */
    static TrainingSample sample(boolean withMesh) {
        TrainingSample base;
        try {
            base = TrainerTest.source(template, 2).get(1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        TrainingItem t = base.labels();
        float[] cam = {0.8f, 0.06f, -0.03f};
        float[] j2 = new float[t.joints2d().length];
        float[] px = new float[2 * t.jointCount()];
        for (int k = 0; k < t.jointCount(); k++) {
            j2[3 * k] = cam[0] * (t.joints3d()[3 * k] + cam[1]);
            j2[3 * k + 1] = cam[0] * (t.joints3d()[3 * k + 1] + cam[2]);
            j2[3 * k + 2] = 1;
            px[2 * k] = (j2[3 * k] + 1) * 112;
            px[2 * k + 1] = (j2[3 * k + 1] + 1) * 112;
        }
        float[] image = new float[3 * 224 * 224];
        java.util.Arrays.fill(image, -1.5f);
        int sx = (int) px[12];
        int sy = (int) px[13];
        for (int c = 0; c < 3; c++) {
            for (int y = sy - 2; y <= sy + 2; y++) {
                for (int x = sx - 2; x <= sx + 2; x++) {
                    image[c * 224 * 224 + y * 224 + x] = 2.0f;
                }
            }
        }
        float[] conf = new float[t.jointCount()];
        for (int k = 0; k < conf.length; k++) {
            conf[k] = 0.5f + 0.03f * k;
        }
        return new TrainingSample(image, new TrainingItem(t.index(), t.image(), 224, t.joints3d(), j2, px,
                t.verticesFull(), t.verticesMid(), t.verticesCoarse(), new float[] {0.1f, 0.2f, 3f}, cam,
                new float[] {0.3f, -0.2f, 0.1f}, new float[0], new byte[0], true, true, withMesh, conf));
    }

    @Test
    void flippingTwiceGivesTheSampleBack() {
        TrainingSample s = sample(false);
        AugmentParams flip = new AugmentParams(1, 0, true, new float[] {1, 1, 1});
        TrainingSample once = SampleAugmenter.apply(s, flip);
        TrainingSample twice = SampleAugmenter.apply(once, flip);
        assertThat(once.labels().joints2d()).isNotEqualTo(s.labels().joints2d());
        assertThat(twice.image()).containsExactly(s.image());
        assertThat(twice.labels().joints3d()).containsExactly(s.labels().joints3d());
        assertThat(twice.labels().joints2d()).containsExactly(s.labels().joints2d());
        assertThat(twice.labels().camera()).containsExactly(s.labels().camera());
        assertThat(twice.labels().joints3dConfidence()).containsExactly(s.labels().joints3dConfidence());
        // a flip swaps sides: the left wrist takes the mirrored right wrist
        int left = JointSet.LSP_14.indexOf("L_Wrist");
        int right = JointSet.LSP_14.indexOf("R_Wrist");
        assertThat(once.labels().joints3d()[3 * left]).isEqualTo(-s.labels().joints3d()[3 * right]);
        assertThat(once.labels().joints3dConfidence()[left]).isEqualTo(s.labels().joints3dConfidence()[right]);
    }

    @Test
    void aPlainFlipMirrorsEveryRowExactlyAsTheWarpWouldApproximately() {
        int side = 9;
        float[] image = new float[3 * side * side];
        for (int i = 0; i < image.length; i++) {
            image[i] = (i * 37 % 101) / 50f - 1;
        }
        float[] mirrored = SampleAugmenter.mirrorRows(image, side);
        float[] warped = SampleAugmenter.warp(image, side, 1, 0, true);
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < side; v++) {
                for (int u = 0; u < side; u++) {
                    int at = c * side * side + v * side;
                    assertThat(mirrored[at + u]).isEqualTo(image[at + side - 1 - u]);
                    assertThat(warped[at + u]).isCloseTo(mirrored[at + u], within(1e-5f));
                }
            }
        }
    }

    @Test
    void rotationAndScaleKeepTheSkeletonRigid() {
        TrainingSample s = sample(false);
        TrainingItem a = SampleAugmenter.apply(s, new AugmentParams(1.2, 40, false, new float[] {1, 1, 1})).labels();
        TrainingItem o = s.labels();
        for (int i = 0; i < o.jointCount(); i++) {
            for (int k = i + 1; k < o.jointCount(); k++) {
                assertThat(distance3(a.joints3d(), i, k)).isCloseTo(distance3(o.joints3d(), i, k), within(1e-5));
                assertThat(distance(a.joints2d(), 3, i, k)).isCloseTo(distance(o.joints2d(), 3, i, k) / 1.2,
                        within(1e-5));
            }
        }
        assertThat(a.joints3d()).isNotEqualTo(o.joints3d());
    }

    private static double distance3(float[] p, int i, int k) {
        double dz = p[3 * i + 2] - p[3 * k + 2];
        return Math.sqrt(Math.pow(distance(p, 3, i, k), 2) + dz * dz);
    }

    private static double distance(float[] p, int width, int i, int k) {
        double dx = p[width * i] - p[width * k];
        double dy = p[width * i + 1] - p[width * k + 1];
        return Math.sqrt(dx * dx + dy * dy);
    }

    @Test
    void projectedJointsLandOnTheAugmented2dJointsAndTheImage() {
        TrainingSample s = sample(false);
        Augmentation official = Augmentation.official(MeshKind.BODY);
        int checked = 0;
        for (int index = 0; index < 40; index++) {
            AugmentParams p = official.draw(88, 3, index);
            TrainingSample a = SampleAugmenter.apply(s, p);
            TrainingItem t = a.labels();
            float[] cam = t.camera();
            for (int k = 0; k < t.jointCount(); k++) {
                assertThat((double) t.joints2d()[3 * k]).as("%s joint %d", p, k)
                        .isCloseTo(cam[0] * (t.joints3d()[3 * k] + cam[1]), within(1e-5));
                assertThat((double) t.joints2d()[3 * k + 1]).as("%s joint %d", p, k)
                        .isCloseTo(cam[0] * (t.joints3d()[3 * k + 1] + cam[2]), within(1e-5));
            }
            // the spot drawn on joint 6 (R_Wrist) follows its label, under the flip's renaming too
            int spotJoint = p.flip() ? JointSet.LSP_14.indexOf("L_Wrist") : 6;
            double[] spot = brightCentroid(a.image(), 224);
            float x = t.joints2dPixels()[2 * spotJoint];
            float y = t.joints2dPixels()[2 * spotJoint + 1];
            if (x > 4 && y > 4 && x < 220 && y < 220) {
                assertThat(spot[0]).as("%s spot x", p).isCloseTo(x, within(1.0));
                assertThat(spot[1]).as("%s spot y", p).isCloseTo(y, within(1.0));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(30);
    }

    /** Centre (pixel units, edges at 0 and side) of the pixels brighter than mid-grey in channel 1. */
    static double[] brightCentroid(float[] image, int side) {
        double sx = 0;
        double sy = 0;
        double n = 0;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                float u = image[side * side + y * side + x] * io.metroscope.vision.OfficialTransforms.STD[1] + io.metroscope.vision.OfficialTransforms.MEAN[1];
                if (u > 0.35) {
                    sx += x + 0.5;
                    sy += y + 0.5;
                    n++;
                }
            }
        }
        return new double[] {sx / n, sy / n, n};
    }

    @Test
    void verticesTurnWithTheJoints() {
        TrainingSample s = sample(true);
        TrainingItem a = SampleAugmenter.apply(s, new AugmentParams(1, 25, false, new float[] {1, 1, 1})).labels();
        double[] m = SampleAugmenter.rotation(25);
        float[] v = s.labels().verticesFull();
        for (int i = 0; i < v.length; i += 3 * 97) {
            assertThat((double) a.verticesFull()[i]).isCloseTo(m[0] * v[i] + m[1] * v[i + 1], within(1e-5));
            assertThat((double) a.verticesFull()[i + 1]).isCloseTo(m[2] * v[i] + m[3] * v[i + 1], within(1e-5));
            assertThat(a.verticesFull()[i + 2]).isEqualTo(v[i + 2]);
        }
    }

    @Test
    void samplesWithMeshesAreNotFlippedWithoutAVertexPairing() {
        TrainingSample s = sample(true);
        assertThat(SampleAugmenter.canFlip(s.labels(), null)).isFalse();
        AugmentParams flipAndNoise = new AugmentParams(1, 0, true, new float[] {1.2f, 1, 1});
        TrainingSample a = SampleAugmenter.apply(s, flipAndNoise);
        assertThat(a.labels().joints3d()).containsExactly(s.labels().joints3d());
        assertThat(a.image()).isNotEqualTo(s.image()); // the noise still applies
    }

    /**
     * A body leaning to one side (its joints regressed from its mesh, as synth makes them) flipped with its template's
     * vertex pairing: the mesh is the pairing's reflection, its levels the reflection's down-sampling, and the joints
     * regressed from the flipped mesh are the flipped joints, to within the template's left–right asymmetry.
     */
    @Test
    void meshTargetsFlipThroughTheTemplatesVertexPairing() {
        MeshFlip meshFlip = MeshFlip.of(template);
        TrainingItem t = leaning(sample(true).labels());
        assertThat(SampleAugmenter.canFlip(t, meshFlip)).isTrue();
        AugmentParams flip = new AugmentParams(1, 0, true, new float[] {1, 1, 1});
        TrainingSample s = new TrainingSample(sample(true).image(), t);
        TrainingItem a = SampleAugmenter.apply(s, flip, meshFlip).labels();

        io.metroscope.body.MirrorMap pairing = io.metroscope.body.MirrorMap.of(template.fullVertices());
        assertThat(a.verticesFull()).containsExactly(pairing.reflect(t.verticesFull()));
        double[] mid = template.downsampling().get(0).multiply(toDouble(a.verticesFull()), 3);
        double[] coarse = template.downsampling().get(1).multiply(mid, 3);
        assertThat(a.verticesMid()).hasSize(mid.length);
        assertThat((double) a.verticesMid()[301]).isCloseTo(mid[301], within(1e-6));
        assertThat((double) a.verticesCoarse()[100]).isCloseTo(coarse[100], within(1e-6));

        double[] regressed = template.tokenJointsOf(toDouble(a.verticesFull()));
        double worst = 0;
        double moved = 0;
        for (int k = 0; k < regressed.length; k++) {
            worst = Math.max(worst, Math.abs(regressed[k] - a.joints3d()[k]));
            moved = Math.max(moved, Math.abs(a.joints3d()[k] - t.joints3d()[k]));
        }
        assertThat(worst).as("flipped mesh vs flipped joints (m)").isLessThan(0.005);
        assertThat(moved).as("the flip moved the joints (m)").isGreaterThan(0.1);

        // flipped back: the joints exactly, the mesh to within the pairs that do not pair back
        TrainingItem back = SampleAugmenter.apply(new TrainingSample(s.image(), a), flip, meshFlip).labels();
        assertThat(back.joints3d()).containsExactly(t.joints3d());
        double mean = 0;
        for (int i = 0; i < t.verticesFull().length; i++) {
            mean += Math.abs(back.verticesFull()[i] - t.verticesFull()[i]) / t.verticesFull().length;
        }
        assertThat(mean).isLessThan(0.001);
    }

    /** {@code t} with a mesh leaning to its side (x grows with y) and shifted, and joints regressed from it. */
    private static TrainingItem leaning(TrainingItem t) {
        float[] full = t.verticesFull().clone();
        for (int i = 0; i < full.length; i += 3) {
            full[i] += 0.05f + 0.3f * full[i + 1];
        }
        double[] mid = template.downsampling().get(0).multiply(toDouble(full), 3);
        double[] coarse = template.downsampling().get(1).multiply(mid, 3);
        double[] joints = template.tokenJointsOf(toDouble(full));
        return new TrainingItem(t.index(), t.image(), t.imageSize(), toFloat(joints), t.joints2d(), t.joints2dPixels(),
                full, toFloat(mid), toFloat(coarse), t.root(), t.camera(), t.pose(), t.betas(), t.occluderMask(),
                true, true, true, t.joints3dConfidence());
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    @Test
    void offLeavesEverySampleAsStored() throws IOException {
        TrainingSample s = sample(false);
        AugmentParams p = Augmentation.off().draw(88, 0, 5);
        assertThat(p).isEqualTo(AugmentParams.NONE);
        assertThat(SampleAugmenter.apply(s, p)).isSameAs(s);
        TrainingSource source = TrainerTest.source(template, 3);
        try (PrefetchingLoader loader = new PrefetchingLoader(source, Augmentation.off(), 88, 2, 2)) {
            for (int i = 0; i < 3; i++) {
                assertThat(loader.sample(4, i).image()).containsExactly(source.get(i).image());
                assertThat(loader.sample(4, i).labels()).isEqualTo(source.get(i).labels());
            }
        }
    }

    @Test
    void noiseScalesPixelValuesAndClips() {
        float[] image = new float[3 * 4];
        float[] pixels = {0.1f, 0.5f, 0.9f, 1.0f};
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 4; i++) {
                image[c * 4 + i] = (pixels[i] - io.metroscope.vision.OfficialTransforms.MEAN[c])
                        / io.metroscope.vision.OfficialTransforms.STD[c];
            }
        }
        SampleAugmenter.noise(image, new float[] {1.4f, 1f, 0.6f});
        float[] expect0 = {0.14f, 0.7f, 1f, 1f};
        float[] expect2 = {0.06f, 0.3f, 0.54f, 0.6f};
        for (int i = 0; i < 4; i++) {
            assertThat((double) (image[i] * io.metroscope.vision.OfficialTransforms.STD[0]
                    + io.metroscope.vision.OfficialTransforms.MEAN[0])).isCloseTo(expect0[i], within(1e-5));
            assertThat((double) (image[8 + i] * io.metroscope.vision.OfficialTransforms.STD[2]
                    + io.metroscope.vision.OfficialTransforms.MEAN[2])).isCloseTo(expect2[i], within(1e-5));
        }
    }

    @Test
    void drawsFollowTheOfficialDistributionsAndRepeat() {
        Augmentation body = Augmentation.official(MeshKind.BODY);
        assertThat(body.draw(88, 2, 7)).isEqualTo(body.draw(88, 2, 7));
        assertThat(body.draw(88, 2, 7)).isNotEqualTo(body.draw(88, 2, 8));
        assertThat(body.draw(88, 2, 7)).isNotEqualTo(body.draw(88, 3, 7));
        int n = 4000;
        int flips = 0;
        int unrotated = 0;
        Random r = new Random(1);
        for (int i = 0; i < n; i++) {
            AugmentParams p = body.draw(r);
            assertThat(p.scale()).isBetween(0.75, 1.25);
            assertThat(p.rotation()).isBetween(-60.0, 60.0);
            for (float f : p.noise()) {
                assertThat(f).isBetween(0.6f, 1.4f);
            }
            flips += p.flip() ? 1 : 0;
            unrotated += p.rotation() == 0 ? 1 : 0;
        }
        assertThat(flips / (double) n).isCloseTo(0.5, within(0.04));
        assertThat(unrotated / (double) n).isCloseTo(0.6, within(0.04));
        Augmentation hand = Augmentation.official(MeshKind.HAND);
        for (int i = 0; i < 500; i++) {
            AugmentParams p = hand.draw(r);
            assertThat(p.flip()).isFalse();
            assertThat(p.rotation()).isBetween(-180.0, 180.0);
        }
    }

    @Test
    void lspFlipIsTheOfficialPermutation() {
        assertThat(JointSet.LSP_14.mirrorPermutation()).containsExactly(5, 4, 3, 2, 1, 0, 11, 10, 9, 8, 7, 6, 12, 13);
        assertThat(JointFlips.flippable(21)).isNull();
    }
}
