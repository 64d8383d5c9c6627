package io.metroscope.annotate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.metroscope.body.OpenTemplate;
import io.metroscope.body.Rodrigues;
import io.metroscope.body.SmplModel;
import io.metroscope.body.TemplateKind;
import io.metroscope.format.NdArray;
import io.metroscope.format.Npz;
import io.metroscope.train.MetroTsvDataset;
import io.metroscope.train.MetroTsvLabel;
import io.metroscope.train.PngWriter;
import io.metroscope.train.TrainingItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SMPL parameter files (EFT, NeuralAnnot and plain NPZ) import into items posed by the SMPL model (the open body
 * template's rig stands in for SMPL: it has SMPL's 24 joints and 6890 vertices), and the METRO TSV export reads back
 * with {@link MetroTsvDataset}: joints, box, and the SMPL parameters of items still unedited in 3D.
 */
class TsvExportTest {

    @TempDir
    Path temp;

    @Test
    void smplParametersImportAndTheTsvExportReadsBack() throws Exception {
        OpenTemplate t = AnnotateFixtures.template(TemplateKind.BODY);
        SmplModel smpl = t.model();
        Path in = Files.createDirectories(temp.resolve("in"));
        Random random = new Random(7);
        double[][] poses = new double[3][];
        double[][] betas = new double[3][];
        for (int i = 0; i < 3; i++) {
            poses[i] = new double[72];
            poses[i][0] = Math.PI; // SMPL's y-up body turned into the camera's y-down frame
            for (int k = 3; k < 72; k++) {
                poses[i][k] = 0.2 * random.nextGaussian();
            }
            betas[i] = new double[10];
            for (int k = 0; k < 10; k++) {
                betas[i][k] = random.nextGaussian();
            }
            Files.write(in.resolve("p" + i + ".png"), PngWriter.encode(new byte[320 * 240 * 3], 320, 240));
        }
        // EFT: rotation matrices, weak-perspective camera on a bbox.
        StringBuilder mats = new StringBuilder();
        for (int j = 0; j < 24; j++) {
            double[] r = Rodrigues.toMatrix(poses[0], j);
            mats.append(j == 0 ? "" : ",").append("[[").append(r[0]).append(',').append(r[1]).append(',')
                    .append(r[2]).append("],[").append(r[3]).append(',').append(r[4]).append(',').append(r[5])
                    .append("],[").append(r[6]).append(',').append(r[7]).append(',').append(r[8]).append("]]");
        }
        Files.writeString(in.resolve("p0.json"), String.format(Locale.ROOT, "{\"imageName\": \"p0.png\", "
                + "\"parm_pose\": [%s], \"parm_shape\": %s, \"parm_cam\": [0.9, 0.05, 0.1], "
                + "\"bbox_center\": [160, 120], \"bbox_scale\": 1.1}", mats, json(betas[0])));
        // NeuralAnnot: axis-angle, translation and a pinhole camera.
        Files.writeString(in.resolve("p1.json"), String.format(Locale.ROOT, "{\"smpl_param\": {\"pose\": %s, "
                + "\"shape\": %s, \"trans\": [0.1, 0.2, 12.0]}, \"cam_param\": {\"focal\": [1500, 1500], "
                + "\"princpt\": [160, 120]}}", json(poses[1]), json(betas[1])));
        // Plain NPZ without a camera: framed in the centre crop.
        Map<String, NdArray> npz = new LinkedHashMap<>();
        npz.put("pose", NdArray.ofDoubles(poses[2], 72));
        npz.put("betas", NdArray.ofDoubles(betas[2], 10));
        Npz.write(in.resolve("p2.npz"), npz, false);
        Files.writeString(in.resolve("broken.json"), "{\"betas\": [1, 2]}");

        try (AnnotationProject p = AnnotationProject.create(temp.resolve("b" + ProjectFiles.EXTENSION),
                TemplateKind.BODY)) {
            ImportReport report = new ProjectImporter(p).importSmplParameters(List.of(in.resolve("p0.json"),
                    in.resolve("p1.json"), in.resolve("p2.npz"), in.resolve("broken.json")), smpl);
            assertThat(report.imported()).hasSize(3);
            assertThat(report.problems()).singleElement().asString().contains("broken.json").contains("no SMPL pose");
            ItemEditor editor = p.editor();
            for (int i = 0; i < 3; i++) {
                ItemSnapshot s = editor.snapshot(report.imported().get(i));
                float[] expected = centred(t, t.pose(poses[i], betas[i]).vertices());
                float[] got = s.mesh().currentVertices();
                for (int k = 0; k < got.length; k++) {
                    assertThat(got[k]).as("item %d coordinate %d", i, k).isCloseTo(expected[k], within(2e-5f));
                }
            }
            ItemSnapshot eft = editor.snapshot(report.imported().get(0));
            assertThat(eft.mesh().camera()).containsExactly(0.9f, 0.05f, 0.1f);
            assertThat(eft.item().crop().originX()).isCloseTo(160 - 110, within(1e-9));
            assertThat(eft.item().crop().scaleX()).isCloseTo(220 / 224.0, within(1e-9));
            // NeuralAnnot: the fitted weak-perspective camera reproduces the pinhole projection of the joints (up to
            // the depth spread of the body, ±0.2 m at 12 m: about 1 % of its 230 px height).
            ItemSnapshot na = editor.snapshot(report.imported().get(1));
            double[] joints = t.template().tokenJointsOf(t.pose(poses[1], betas[1]).vertices());
            for (int j = 0; j < na.joints().count(); j++) {
                double z = joints[3 * j + 2] + 12.0;
                double u = 1500 * (joints[3 * j] + 0.1) / z + 160;
                double v = 1500 * (joints[3 * j + 1] + 0.2) / z + 120;
                assertThat((double) na.joints().x(j)).as("joint %d x", j).isCloseTo(u, within(3.0));
                assertThat((double) na.joints().y(j)).as("joint %d y", j).isCloseTo(v, within(3.0));
            }

            // Item 0 is edited in 3D, so its SMPL parameters no longer describe it.
            editor.rotateJoint(report.imported().get(0), 18, new double[] {0, 0, 0.5});
            editor.moveJoint2d(report.imported().get(1), 3, 100.5f, 90.25f);
            editor.setVisibility(report.imported().get(1), 5, false);
            for (long id : report.imported()) {
                editor.setStatus(id, ItemStatus.ACCEPTED);
            }
            Path out = temp.resolve("tsv");
            assertThat(new TsvExport(p).write(out, EnumSet.of(ItemStatus.ACCEPTED), ImportExportTest.QUIET))
                    .isEqualTo(3);
            assertThat(Files.list(temp).filter(f -> f.getFileName().toString().startsWith(".tsv"))).isEmpty();
            assertThat(out.resolve("sources.json")).exists();
            assertThatThrownBy(() -> new TsvExport(p).write(out, EnumSet.of(ItemStatus.ACCEPTED),
                    ImportExportTest.QUIET)).hasMessageContaining("already exists");

            try (MetroTsvDataset tsv = MetroTsvDataset.open(out, t.template(), smpl)) {
                assertThat(tsv.size()).isEqualTo(3);
                for (int i = 0; i < 3; i++) {
                    ItemSnapshot s = editor.snapshot(report.imported().get(i));
                    MetroTsvLabel label = tsv.label(i);
                    assertThat(label.hasSmpl()).as("row %d keeps SMPL parameters", i).isEqualTo(i != 0);
                    TrainingItem item = tsv.get(i).labels();
                    float[] j3 = s.mesh().joints3d();
                    for (int j = 0; j < s.joints().count(); j++) {
                        double[] n = Refitter.toNormalized(s.item().crop(), s.joints().x(j), s.joints().y(j));
                        assertThat((double) item.joints2d()[3 * j]).isCloseTo(n[0], within(1e-5));
                        assertThat((double) item.joints2d()[3 * j + 1]).isCloseTo(n[1], within(1e-5));
                        assertThat(item.visible(j)).isEqualTo(s.joints().visible(j));
                        for (int c = 0; c < 3; c++) {
                            assertThat(item.joints3d()[3 * j + c]).isCloseTo(j3[3 * j + c], within(1e-6f));
                        }
                    }
                    if (i != 0) {
                        float[] v = s.mesh().currentVertices();
                        for (int k = 0; k < v.length; k += 97) {
                            assertThat(item.verticesFull()[k]).isCloseTo(v[k], within(1e-4f));
                        }
                    }
                }
            }
        }
    }

    private static String json(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(v[i]);
        }
        return sb.append(']').toString();
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
}
