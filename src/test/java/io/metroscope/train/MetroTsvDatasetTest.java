package io.metroscope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.metroscope.body.JointSet;
import io.metroscope.body.MetroTemplate;
import io.metroscope.body.OpenTemplates;
import io.metroscope.format.FormatException;
import io.metroscope.vision.RgbImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** METRO's TSV layout: writing, streaming reads, label mapping, augmentation consistency and bad files. */
class MetroTsvDatasetTest {

    static final int W = 400;
    static final int H = 300;
    static final double[] CENTER = {200, 150};
    static final double SCALE = 1.0;
    static final double S = 0.9;
    static final double[] T = {0.05, -0.02};
    static final int MARKED = MetroTsvDataset.J24.indexOf("L_Wrist");

    private static MetroTemplate template;

    @TempDir
    Path dir;

    @BeforeAll
    static void readTemplate() throws IOException {
        template = OpenTemplates.read(Path.of("templates/body.npz")).template();
    }

    /** Camera-frame J24 joints of item i: the template's rest J24 ({@link TinyTsvDatasets#restJ24}) moved a little. */
    static double[] joints3d(int i) {
        double[][] rest = TinyTsvDatasets.restJ24(template);
        double[] out = new double[24 * 4];
        for (int k = 0; k < 24; k++) {
            double[] p = rest[k];
            out[4 * k] = p[0] * (1 + 0.02 * i) + 0.1;
            out[4 * k + 1] = p[1] * (1 + 0.02 * i) - 0.05;
            out[4 * k + 2] = p[2] + 3;
            out[4 * k + 3] = k == 13 ? 0 : 1;
        }
        return out;
    }

    /** 2D joints: the weak-perspective projection s·(X + t) of the box's crop, in frame pixels. */
    static double[] joints2d(double[] j3) {
        double[] out = new double[24 * 3];
        for (int k = 0; k < 24; k++) {
            out[3 * k] = CENTER[0] + S * (j3[4 * k] + T[0]) * 200 * SCALE / 2;
            out[3 * k + 1] = CENTER[1] + S * (j3[4 * k + 1] + T[1]) * 200 * SCALE / 2;
            out[3 * k + 2] = 1;
        }
        return out;
    }

    static MetroTsvLabel label(int i) {
        double[] j3 = joints3d(i);
        return new MetroTsvLabel(CENTER.clone(), SCALE, joints2d(j3), true, j3, true, new double[72],
                new double[10], false, i % 2 == 0 ? "neutral" : null);
    }

    /** A dim gradient frame with a white 5×5 square on the marked joint. */
    static RgbImage frame(double[] j2) {
        byte[] rgb = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb[3 * (y * W + x) + c] = (byte) (10 + (x + y + 7 * c) % 20);
                }
            }
        }
        int cx = (int) Math.floor(j2[3 * MARKED]);
        int cy = (int) Math.floor(j2[3 * MARKED + 1]);
        for (int y = cy - 2; y <= cy + 2; y++) {
            for (int x = cx - 2; x <= cx + 2; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb[3 * (y * W + x) + c] = (byte) 255;
                }
            }
        }
        return new RgbImage(W, H, rgb);
    }

    Path write(int count) throws IOException {
        try (MetroTsvWriter w = MetroTsvWriter.create(dir, "train")) {
            for (int i = 0; i < count; i++) {
                MetroTsvLabel l = label(i);
                RgbImage f = frame(l.joints2d());
                w.add("img_" + i, PngWriter.encode(f.rgb(), W, H), W, H, l);
            }
            return w.yaml();
        }
    }

    @Test
    void writtenDatasetsReadBackRowForRow() throws Exception {
        Path yaml = write(3);
        assertThat(Files.readString(yaml)).contains("img: train.img.tsv", "label: train.label.tsv",
                "hw: train.hw.tsv", "linelist: train.linelist.tsv");
        for (String f : List.of("img", "label", "hw", "linelist")) {
            assertThat(dir.resolve("train." + f + ".lineidx")).exists();
        }
        assertThat(Files.readString(dir.resolve("train.hw.tsv")).lines().findFirst().orElseThrow())
                .isEqualTo("img_0\t[{\"height\": 300, \"width\": 400}]");
        MetroTsvLayout fromFolder = MetroTsvLayout.locate(dir);
        assertThat(fromFolder.img()).isEqualTo(MetroTsvLayout.locate(yaml).img());
        try (MetroTsvDataset d = MetroTsvDataset.open(yaml, template, null)) {
            assertThat(d.size()).isEqualTo(3);
            for (int i = 2; i >= 0; i--) { // out of order: every row is a seek
                assertThat(d.label(i)).isEqualTo(label(i));
                assertThat(d.image(i).samePixels(frame(label(i).joints2d()))).isTrue();
            }
            assertThat(d.notes()).singleElement().asString().contains("no SMPL model", "joints only");
        }
        try (TsvFile img = TsvFile.open(dir.resolve("train.img.tsv"))) {
            assertThat(img.rows()).isEqualTo(3);
            assertThat(img.key(1)).isEqualTo("img_1");
        }
    }

    @Test
    void aRowWithoutItsIndexIsFoundByScanning() throws Exception {
        write(3);
        Files.delete(dir.resolve("train.label.lineidx"));
        try (TsvFile labels = TsvFile.open(dir.resolve("train.label.tsv"))) {
            assertThat(labels.rows()).isEqualTo(3);
            assertThat(MetroTsvLabel.parse(labels.row(2)[1], labels.file(), 2)).isEqualTo(label(2));
        }
    }

    @Test
    void samplesMapJ24ToTheTokenJointsAroundThePelvis() throws Exception {
        try (MetroTsvDataset d = MetroTsvDataset.open(write(2), template, null)) {
            TrainingItem item = d.get(1).labels();
            double[] j3 = joints3d(1);
            int pelvis = MetroTsvDataset.J24.indexOf("Pelvis");
            assertThat(item.jointCount()).isEqualTo(14);
            for (int k = 0; k < 14; k++) {
                int src = MetroTsvDataset.J24.indexOf(JointSet.LSP_14.names().get(k));
                for (int c = 0; c < 3; c++) {
                    assertThat((double) item.joints3d()[3 * k + c]).isCloseTo(j3[4 * src + c] - j3[4 * pelvis + c],
                            within(1e-6));
                }
                assertThat((double) item.joints2d()[3 * k]).isCloseTo(S * (j3[4 * src] + T[0]), within(1e-5));
                assertThat(item.confidence3d(k)).isEqualTo(1f);
            }
            assertThat(item.hasMesh()).isFalse();
            assertThat(item.verticesFull()).hasSize(3 * template.fullVertexCount());
        }
    }

    @Test
    void augmentedSamplesStayConsistent() throws Exception {
        try (MetroTsvDataset d = MetroTsvDataset.open(write(1), template, null)) {
            double[] j3 = joints3d(0);
            int pelvis = MetroTsvDataset.J24.indexOf("Pelvis");
            double[] tRel = {j3[4 * pelvis] + T[0], j3[4 * pelvis + 1] + T[1]};
            for (AugmentParams p : List.of(AugmentParams.NONE,
                    new AugmentParams(1.2, 35, false, new float[] {1, 1, 1}),
                    new AugmentParams(1.15, -50, true, new float[] {1.3f, 0.7f, 1f}),
                    new AugmentParams(1, 0, true, new float[] {1, 1, 1}))) {
                TrainingSample s = d.get(0, p);
                TrainingItem item = s.labels();
                double[] m = SampleAugmenter.rotation(p.rotation());
                double tx = (m[0] * tRel[0] + m[1] * tRel[1]) * (p.flip() ? -1 : 1);
                double ty = m[2] * tRel[0] + m[3] * tRel[1];
                for (int k = 0; k < 14; k++) {
                    double px = S / p.scale() * (item.joints3d()[3 * k] + tx);
                    double py = S / p.scale() * (item.joints3d()[3 * k + 1] + ty);
                    assertThat((double) item.joints2d()[3 * k]).as("%s joint %d x", p, k).isCloseTo(px, within(1e-5));
                    assertThat((double) item.joints2d()[3 * k + 1]).as("%s joint %d y", p, k)
                            .isCloseTo(py, within(1e-5));
                }
                // the white square drawn on the wrist is where the wrist's 2D label says
                int wrist = JointSet.LSP_14.indexOf(p.flip() ? "R_Wrist" : "L_Wrist");
                double[] spot = SampleAugmenterTest.brightCentroid(s.image(), MetroTsvDataset.SIZE);
                assertThat(spot[2]).as("%s: bright pixels near (%.1f, %.1f)", p, item.joints2dPixels()[2 * wrist],
                        item.joints2dPixels()[2 * wrist + 1]).isGreaterThan(0);
                assertThat(spot[0]).as("%s spot x", p).isCloseTo(item.joints2dPixels()[2 * wrist], within(1.0));
                assertThat(spot[1]).as("%s spot y", p).isCloseTo(item.joints2dPixels()[2 * wrist + 1], within(1.0));
            }
        }
    }

    /**
     * The open body template's rig has SMPL's 24 joints and the template's 6890 vertices, so it stands in for a
     * licensed SMPL model: labels with has_smpl become meshes centred on their H36M pelvis, turned with the image.
     */
    @Test
    void anSmplModelTurnsPoseLabelsIntoMeshTargets() throws Exception {
        io.metroscope.body.SmplModel smpl = OpenTemplates.read(Path.of("templates/body.npz")).model();
        double[] pose = new double[72];
        pose[0] = 0.3;
        pose[1] = -0.2;
        pose[2] = 0.1;
        pose[3 * 18 + 2] = 0.5;
        MetroTsvLabel base = label(0);
        MetroTsvLabel withSmpl = new MetroTsvLabel(base.center(), base.scale(), base.joints2d(), true,
                base.joints3d(), true, pose, new double[10], true, "neutral");
        try (MetroTsvWriter w = MetroTsvWriter.create(dir, "smpl")) {
            w.add("a", PngWriter.encode(frame(base.joints2d()).rgb(), W, H), W, H, withSmpl);
        }
        try (MetroTsvDataset d = MetroTsvDataset.open(dir.resolve("smpl.yaml"), template, smpl)) {
            assertThat(d.notes()).isEmpty();
            TrainingItem plain = d.get(0).labels();
            assertThat(plain.hasMesh()).isTrue();
            assertThat(plain.verticesMid()).hasSize(template.midVertices().length);
            assertThat(plain.verticesCoarse()).hasSize(3 * template.coarseVertexCount());
            double[] full = new double[plain.verticesFull().length];
            for (int i = 0; i < full.length; i++) {
                full[i] = plain.verticesFull()[i];
            }
            double[] regressed = template.jointRegressor().multiply(full, 3);
            int pelvis = template.regressorJoints().root();
            for (int c = 0; c < 3; c++) {
                assertThat(regressed[3 * pelvis + c]).isCloseTo(0, within(1e-5));
            }
            TrainingItem turned = d.get(0, new AugmentParams(1, 30, false, new float[] {1, 1, 1})).labels();
            double[] m = SampleAugmenter.rotation(30);
            float[] v = plain.verticesFull();
            for (int i = 0; i < v.length; i += 3 * 53) {
                assertThat((double) turned.verticesFull()[i]).isCloseTo(m[0] * v[i] + m[1] * v[i + 1], within(1e-4));
                assertThat((double) turned.verticesFull()[i + 1]).isCloseTo(m[2] * v[i] + m[3] * v[i + 1],
                        within(1e-4));
                assertThat((double) turned.verticesFull()[i + 2]).isCloseTo(v[i + 2], within(1e-4));
            }
        }
    }

    @Test
    void damagedFilesNameTheFileAndTheFix() throws Exception {
        Path yaml = write(2);
        Path lineidx = dir.resolve("train.label.lineidx");
        Files.writeString(lineidx, "0\nabc\n");
        assertThatThrownBy(() -> MetroTsvDataset.open(yaml, template, null)).isInstanceOf(FormatException.class)
                .satisfies(e -> assertThat(((FormatException) e).file()).isEqualTo(lineidx))
                .hasMessageContaining("not a byte offset");
        Files.writeString(lineidx, "0\n5\n");
        try (MetroTsvDataset d = MetroTsvDataset.open(yaml, template, null)) {
            assertThatThrownBy(() -> d.label(1)).isInstanceOf(FormatException.class)
                    .hasMessageContaining("does not start after a line break");
        }
        Files.delete(lineidx);
        Path label = dir.resolve("train.label.tsv");
        Files.writeString(label, "img_0\t[{\"center\": [1, 2]\nimg_1\tnot json\n");
        try (MetroTsvDataset d = MetroTsvDataset.open(yaml, template, null)) {
            assertThatThrownBy(() -> d.label(1)).isInstanceOf(FormatException.class)
                    .satisfies(e -> assertThat(((FormatException) e).file()).isEqualTo(label))
                    .hasMessageContaining("row 1").hasMessageContaining("not JSON");
        }
        Files.writeString(yaml, "label: train.label.tsv\n");
        assertThatThrownBy(() -> MetroTsvLayout.locate(yaml)).isInstanceOf(FormatException.class)
                .hasMessageContaining("no 'img' entry");
        Files.writeString(yaml, "img: missing.img.tsv\n");
        assertThatThrownBy(() -> MetroTsvLayout.locate(yaml)).isInstanceOf(FormatException.class)
                .hasMessageContaining("missing.img.tsv").hasMessageContaining("does not exist");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> TrainingData.open(empty, template, null)).isInstanceOf(FormatException.class)
                .hasMessageContaining("neither dataset.json");
    }

    @Test
    void anImageCellThatIsNotBase64IsReported() throws Exception {
        Path yaml = write(1);
        Files.writeString(dir.resolve("train.img.tsv"), "img_0\t%%%not base64%%%\n", StandardCharsets.UTF_8);
        Files.delete(dir.resolve("train.img.lineidx"));
        try (MetroTsvDataset d = MetroTsvDataset.open(yaml, template, null)) {
            assertThatThrownBy(() -> d.get(0)).isInstanceOf(FormatException.class);
        }
    }

    @Test
    void trainingDataTellsFoldersFromTsvDatasets() throws Exception {
        Path yaml = write(2);
        try (TrainingData data = TrainingData.open(yaml, template, null)) {
            assertThat(data.source()).isInstanceOf(MetroTsvDataset.class);
            assertThat(data.size()).isEqualTo(2);
            assertThat(data.notes()).isNotEmpty();
        }
        try (TrainingData data = TrainingData.open(dir, template, null)) {
            assertThat(data.size()).isEqualTo(2);
        }
    }
}
