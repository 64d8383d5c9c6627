package io.metroscope.annotate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metroscope.body.MetroTemplate;
import io.metroscope.body.TemplateKind;
import io.metroscope.format.MeshData;
import io.metroscope.format.MeshFiles;
import io.metroscope.jobs.JobContext;
import io.metroscope.model.MeshKind;
import io.metroscope.recon.Reconstruction;
import io.metroscope.recon.ReconstructionExport;
import io.metroscope.train.Backgrounds;
import io.metroscope.train.PngWriter;
import io.metroscope.train.SynthConfig;
import io.metroscope.train.Synthesized;
import io.metroscope.train.Synthesizer;
import io.metroscope.train.TrainingFolder;
import io.metroscope.train.TrainingItem;
import io.metroscope.train.TrainingSource;
import io.metroscope.vision.CropTransform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports (reconstruction JSON/NPZ, meshes, wrong topology) and exports (training folder, OBJ + JSON per item). */
class ImportExportTest {

    static final JobContext QUIET = new JobContext() {
        @Override
        public void progress(double fraction) {
        }

        @Override
        public void message(String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    @TempDir
    Path temp;

    @Test
    void aMeshOfAnotherTopologyIsRefusedNamingTheFileAndTheVertexCount() throws Exception {
        try (AnnotationProject p = AnnotateFixtures.handProject(temp, 1)) {
            long item = new ReviewQueue(p, p.editor()).refresh().get(0).id();
            p.editor().moveJoint2d(item, 1, 5, 6);
            ItemSnapshot before = p.editor().snapshot(item);
            Path dir = temp.resolve("bad");
            List<Path> body = AnnotateFixtures.synthMeshes(dir, TemplateKind.BODY, 1, 64, 3);
            Path small = dir.resolve("small.obj");
            MeshFiles.write(small, MeshData.of(new float[30], new int[] {0, 1, 2}));
            Files.copy(dir.resolve("item-00.png"), dir.resolve("small.png"));
            Path lonely = dir.resolve("lonely.obj");
            Files.copy(AnnotateFixtures.synthMeshes(temp.resolve("hand2"), TemplateKind.HAND, 1, 64, 4).get(0),
                    lonely);

            ImportReport r = new ProjectImporter(p).importMeshes(List.of(body.get(0), small, lonely));
            assertThat(r.imported()).isEmpty();
            assertThat(r.problems()).hasSize(3);
            assertThat(r.problems().get(0)).contains("item-00.obj", "6890 vertices", "778 vertices", "Fix:");
            assertThat(r.problems().get(1)).contains("small.obj", "10 vertices", "778");
            assertThat(r.problems().get(2)).contains("lonely.obj", "no image named lonely.png");
            Files.writeString(dir.resolve("small.json"), "{\"format\": \"something else\"}");
            MeshFiles.write(small, MeshData.of(new float[778 * 3], new int[0]));
            assertThat(new ProjectImporter(p).importMeshes(List.of(small)).problems()).singleElement().asString()
                    .contains("small.json", "not a per-item annotation JSON");
            assertThat(r.summary()).isEqualTo("0 items imported, 3 skipped");

            ItemSnapshot after = p.editor().snapshot(item);
            assertThat(after.mesh().currentVertices()).containsExactly(before.mesh().currentVertices());
            assertThat(after.joints()).isEqualTo(before.joints());
            assertThat(new ReviewQueue(p, p.editor()).refresh()).hasSize(1);
        }
    }

    @Test
    void reconstructionsWrittenByTheExportAreImported() throws Exception {
        MetroTemplate t = AnnotateFixtures.template(TemplateKind.HAND).template();
        Path dir = Files.createDirectories(temp.resolve("recon"));
        Synthesizer synth = new Synthesizer(new SynthConfig(AnnotateFixtures.template(TemplateKind.HAND), 96, 0,
                Backgrounds.procedural(), List.of(), 9));
        List<Reconstruction> results = new ArrayList<>();
        List<Path> images = new ArrayList<>();
        List<TrainingItem> truth = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Synthesized s = synth.generate(i);
            Path png = dir.resolve("photo-" + i + ".png");
            Files.write(png, PngWriter.encode(s.rgb(), 96, 96));
            images.add(png);
            truth.add(s.labels());
            results.add(reconstruction(png.toString(), s.labels()));
        }
        Path json = dir.resolve("photo-0.json");
        ReconstructionExport.writeJson(json, results.get(0));
        Path npz = dir.resolve("both.npz");
        ReconstructionExport.writeNpz(npz, ReconstructionExport.arrays(results, new float[3 * t.tokenCount()],
                false));

        try (AnnotationProject p = AnnotationProject.create(temp.resolve("r" + ProjectFiles.EXTENSION),
                TemplateKind.HAND)) {
            ProjectImporter importer = new ProjectImporter(p);
            ImportReport fromJson = importer.importReconstructionJson(List.of(json));
            assertThat(fromJson.problems()).isEmpty();
            ImportReport fromNpz = importer.importReconstructionNpz(npz, images);
            assertThat(fromNpz.problems()).isEmpty();
            assertThat(fromNpz.imported()).hasSize(2);

            ItemSnapshot a = p.editor().snapshot(fromJson.imported().get(0));
            assertThat(a.item().summary().imagePath()).isEqualTo("recon/photo-0.png");
            assertThat(a.item().imageWidth()).isEqualTo(96);
            assertThat(a.item().crop()).isEqualTo(results.get(0).crop());
            assertThat(a.item().source()).contains("photo-0.json", "synthetic-model");
            assertThat(a.item().summary().estimatedError()).as("tokens agree with the mesh").isCloseTo(0.0,
                    within(0.01));
            assertThat(a.mesh().currentVertices()).containsExactly(truth.get(0).verticesFull());
            assertThat(a.mesh().camera()).containsExactly(truth.get(0).camera());
            float[] px = truth.get(0).joints2dPixels();
            for (int j = 0; j < a.joints().count(); j++) {
                assertThat(a.joints().x(j)).isCloseTo(px[2 * j], within(1e-3f));
                assertThat(a.joints().y(j)).isCloseTo(px[2 * j + 1], within(1e-3f));
            }
            ItemSnapshot b = p.editor().snapshot(fromNpz.imported().get(1));
            assertThat(b.item().source()).isEqualTo("reconstruction both.npz[1]");
            assertThat(b.mesh().currentVertices()).containsExactly(truth.get(1).verticesFull());
            assertThat(b.item().crop().scaleX()).isEqualTo(96 / 224.0);

            assertThatThrownBy(() -> importer.importReconstructionNpz(npz, images.subList(0, 1)))
                    .hasMessageContaining("both.npz").hasMessageContaining("2 reconstructions but 1 images");
            Path notJson = Files.writeString(dir.resolve("notes.json"), "{\"hello\": 1}");
            assertThat(importer.importReconstructionJson(List.of(notJson)).problems().get(0))
                    .contains("notes.json", "not a reconstruction written by Metroscope");
        }
    }

    @Test
    void anExportIntoAReadOnlyFolderIsRefusedAndWritesNothing() throws Exception {
        try (AnnotationProject p = AnnotateFixtures.handProject(temp, 2)) {
            ReviewQueue q = new ReviewQueue(p, p.editor());
            for (ItemSummary row : q.refresh()) {
                p.editor().setStatus(row.id(), ItemStatus.ACCEPTED);
            }
            Path locked = Files.createDirectory(temp.resolve("locked"));
            try (ReadOnlyPlaces ro = ReadOnlyPlaces.of(locked)) {
                assertThatThrownBy(() -> new TrainingExport(p).write(locked.resolve("out"),
                        EnumSet.of(ItemStatus.ACCEPTED), 64, QUIET)).hasMessageContaining("read-only")
                        .hasMessageContaining(locked.toString());
                assertThatThrownBy(() -> new TsvExport(p).write(locked.resolve("tsv"), EnumSet.of(ItemStatus.ACCEPTED),
                        QUIET)).hasMessageContaining("read-only");
                assertThatThrownBy(() -> new ItemFileExport(p).write(locked.resolve("items"),
                        EnumSet.of(ItemStatus.ACCEPTED), QUIET)).hasMessageContaining("read-only");
            }
            try (Stream<Path> left = Files.list(locked)) {
                assertThat(left).as("nothing written, no temporary folder left").isEmpty();
            }
        }
    }

    @Test
    void acceptedItemsExportAsATrainingFolderTheTrainerReads() throws Exception {
        try (AnnotationProject p = AnnotateFixtures.handProject(temp, 3)) {
            ItemEditor e = p.editor();
            List<ItemSummary> rows = new ReviewQueue(p, e).refresh();
            long first = rows.get(0).id();
            long last = rows.get(2).id();
            ItemSnapshot s = e.snapshot(first);
            CropTransform crop = s.item().crop();
            double[] target = crop.normalizedToImage(0.25, -0.5);
            e.moveJoint2d(first, 4, (float) target[0], (float) target[1]);
            e.setVisibility(first, 5, false);
            e.rotateJoint(first, 3, new double[] {0, 0, 0.4});
            e.setStatus(first, ItemStatus.ACCEPTED);
            e.setStatus(last, ItemStatus.ACCEPTED);
            e.setStatus(rows.get(1).id(), ItemStatus.REJECTED);

            Path out = temp.resolve("export");
            int n = new TrainingExport(p).write(out, EnumSet.of(ItemStatus.ACCEPTED), TrainingExport.DEFAULT_SIZE,
                    QUIET);
            assertThat(n).isEqualTo(2);
            try (Stream<Path> left = Files.list(temp)) {
                assertThat(left.map(f -> f.getFileName().toString())).noneMatch(f -> f.contains(".export-"));
            }

            TrainingFolder folder = TrainingFolder.open(out);
            assertThat(folder.size()).isEqualTo(2);
            assertThat(folder.kind()).isEqualTo(TemplateKind.HAND);
            assertThat(folder.imageSize()).isEqualTo(224);
            assertThat(folder.jointNames()).hasSize(21);
            TrainingItem item = folder.item(0);
            MetroTemplate t = p.template().template();
            ItemSnapshot edited = e.snapshot(first);
            float[] current = edited.mesh().currentVertices();
            double[] root = t.jointRegressor().multiply(MeshPoser.toDoubles(current), 3);
            for (int i = 0; i < 30; i++) {
                assertThat(item.verticesFull()[i]).isCloseTo((float) (current[i] - root[i % 3]), within(1e-6f));
            }
            assertThat(item.joints2d()[3 * 4]).isCloseTo(0.25f, within(1e-5f));
            assertThat(item.joints2d()[3 * 4 + 1]).isCloseTo(-0.5f, within(1e-5f));
            assertThat(item.visible(4)).isTrue();
            assertThat(item.visible(5)).isFalse();
            assertThat(item.verticesCoarse()).hasSize(195 * 3);
            assertThat(item.hasMesh()).isTrue();
            // Projecting the exported 3D joints through the exported camera lands where the mesh's joints project.
            float[] cam = item.camera();
            float[] cam0 = edited.mesh().camera();
            float[] j3 = edited.mesh().joints3d();
            assertThat(cam[0] * (item.joints3d()[0] + cam[1])).isCloseTo(cam0[0] * (j3[0] + cam0[1]), within(1e-5f));

            TrainingSource source = TrainingSource.of(folder);
            assertThat(source.size()).isEqualTo(2);
            assertThat(source.get(1).image()).hasSize(3 * 224 * 224);
            assertThat(folder.image(1).width()).isEqualTo(224);
            JsonNode sources = folder.manifest().path("generator").path("sources");
            assertThat(sources.get(0).path("item_id").asLong()).isEqualTo(first);
            assertThat(sources.get(1).path("item_id").asLong()).isEqualTo(last);
            java.util.List<String> keys = new java.util.ArrayList<>();
            sources.get(0).fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("index", "item_id", "image", "image_sha256", "status", "labeler",
                    "source");
            assertThat(sources.get(0).path("image_sha256").asText()).isEqualTo(edited.item().imageSha256());
            assertThat(sources.get(0).path("status").asText()).isEqualTo("accepted");
            assertThat(folder.manifest().path("template").path("sha256").asText())
                    .isEqualTo(p.meta().templateSha256());

            assertThatThrownBy(() -> new TrainingExport(p).write(out, EnumSet.of(ItemStatus.ACCEPTED), 224, QUIET))
                    .hasMessageContaining("already exists");
            assertThat(TrainingFolder.open(out).size()).as("the earlier export is untouched").isEqualTo(2);

            Path files = temp.resolve("files");
            assertThat(new ItemFileExport(p).write(files, EnumSet.of(ItemStatus.ACCEPTED), QUIET)).isEqualTo(2);
            String base = ItemFileExport.baseName(edited.item());
            MeshData obj = MeshFiles.read(files.resolve(base + ".obj"));
            assertThat(obj.positions()).containsExactly(current);
            assertThat(obj.faceCount()).isEqualTo(t.faces().length / 3);
            JsonNode json = new ObjectMapper().readTree(files.resolve(base + ".json").toFile());
            assertThat(json.path("format").asText()).isEqualTo(ItemFileExport.FORMAT);
            assertThat(json.path("item_id").asLong()).isEqualTo(first);
            assertThat(json.path("image").path("sha256").asText()).isEqualTo(edited.item().imageSha256());
            assertThat(json.path("mesh_source").asText()).isEqualTo("mesh item-00.obj");
            assertThat(json.path("status").asText()).isEqualTo("accepted");
            assertThat(json.path("history").path("entries").asInt()).isEqualTo(4);
            assertThat(json.path("template").path("kind").asText()).isEqualTo("hand");

            // The OBJ + JSON pair imports again (with its image beside it) to the same mesh, camera, crop and joints.
            Files.copy(p.imageFile(edited.item().summary().imagePath()), files.resolve(base + ".png"));
            ImportReport again = new ProjectImporter(p).importMeshes(List.of(files.resolve(base + ".obj")));
            assertThat(again.problems()).isEmpty();
            ItemSnapshot copy = e.snapshot(again.imported().get(0));
            assertThat(copy.mesh().currentVertices()).containsExactly(current);
            assertThat(copy.mesh().camera()).containsExactly(edited.mesh().camera());
            assertThat(copy.item().crop()).isEqualTo(edited.item().crop());
            assertThat(copy.joints()).isEqualTo(edited.joints());
        }
    }

    /** A reconstruction whose mesh and joints are a synthetic item's ground truth. */
    static Reconstruction reconstruction(String source, TrainingItem t) {
        float[] root = t.root();
        float[] centred = t.verticesFull();
        float[] vertices = shifted(centred, root);
        float[] joints = shifted(t.joints3d(), root);
        int j = t.jointCount();
        float[] j2d = new float[2 * j];
        for (int i = 0; i < j; i++) {
            j2d[2 * i] = t.joints2d()[3 * i];
            j2d[2 * i + 1] = t.joints2d()[3 * i + 1];
        }
        float[] cam = t.camera();
        float[] coarse = t.verticesCoarse();
        float[] coarse2d = new float[coarse.length / 3 * 2];
        for (int i = 0; i < coarse.length / 3; i++) {
            coarse2d[2 * i] = cam[0] * (coarse[3 * i] + cam[1]);
            coarse2d[2 * i + 1] = cam[0] * (coarse[3 * i + 1] + cam[2]);
        }
        double s = t.imageSize() / 224.0;
        return new Reconstruction(source, new CropTransform(0, 0, s, s, 224, 224), "synthetic-model", MeshKind.HAND,
                cam, joints, shifted(coarse, root), new float[0], vertices, root, centred, t.joints3d(), j2d, coarse2d,
                new float[0], 0, 0, 0, new double[0], new Reconstruction.Timings(1, 1, 1));
    }

    private static float[] shifted(float[] xyz, float[] by) {
        float[] out = xyz.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += by[i % 3];
        }
        return out;
    }
}
