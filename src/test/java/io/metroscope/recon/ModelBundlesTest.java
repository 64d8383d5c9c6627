package io.metroscope.recon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metroscope.body.MetroData;
import io.metroscope.body.MetroTemplate;
import io.metroscope.body.TemplateBuilder;
import io.metroscope.body.TemplateKind;
import io.metroscope.format.FormatException;
import io.metroscope.format.NdArray;
import io.metroscope.format.Npz;
import io.metroscope.format.StateDict;
import io.metroscope.format.TorchCheckpointReader;
import io.metroscope.jobs.JobContext;
import io.metroscope.model.MeshKind;
import io.metroscope.model.MetroModel;
import io.metroscope.platform.ComputeDeviceService;
import io.metroscope.platform.DeviceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundlesTest {

    @TempDir
    Path temp;

    @Test
    void ownBundleIsSelfContainedMovableAndGivesTheSameReconstructions() throws Exception {
        Path checkpoint = FixtureFiles.gunzip(FixtureFiles.HAND, FixtureFiles.HAND_CHECKPOINT, temp);
        Path mano = FixtureFiles.file(FixtureFiles.HAND, "template.npz");
        Map<String, NdArray> expected = Npz.read(FixtureFiles.gunzip(FixtureFiles.HAND, "expected.npz", temp));
        InputBatch input = InputBatch.ofTensor(expected.get("input").toFloatArray(), 2, 224, 224, "expected.npz");
        MetroTemplate template = new TemplateBuilder().buildHand(mano, FixtureFiles.metroData());
        Path folder = temp.resolve("own");
        try (ReconstructionService service = new ReconstructionService(new ComputeDeviceService());
                ReconstructionModel original = service.loadNow(ModelSpec.of(checkpoint,
                        new TemplateSource.Mano(mano, FixtureFiles.metroData())).withDevice(DeviceSpec.CPU)
                        .withWarmUp(false))) {
            // Saving needs the original tensors: the inference build (original.metro()) folds BatchNorm and fuses
            // Q/K/V, so save an unfolded build of the same weights.
            float[] ref = new float[template.refVertices().length];
            for (int i = 0; i < ref.length; i++) {
                ref[i] = (float) template.refVertices()[i];
            }
            ModelBundle saved;
            try (io.metroscope.model.MetroModel unfolded = io.metroscope.model.MetroModel.load(checkpoint, ref,
                    io.metroscope.model.MetroLoadOptions.defaults().forTraining())) {
                saved = ModelBundles.saveOwn(unfolded, template, null, folder, "own hand", "test", "made by a test");
            }
            assertThat(saved.manifest()).isEqualTo(folder.resolve(ModelBundles.FOLDER_MANIFEST).toAbsolutePath());
            assertThat(saved.weights().file().path()).isEqualTo(Path.of("weights.bin"));
            assertThat(saved.provenance().sourceCheckpoint()).isNull();
            try (Stream<Path> files = Files.list(folder)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder("model.metro.json", "weights.bin", "template.npz");
            }
            Path moved = temp.resolve("elsewhere");
            Files.move(folder, moved);
            ModelBundle loaded = ModelBundles.load(moved);
            assertThat(loaded.name()).isEqualTo("own hand");
            assertThat(loaded.kind()).isEqualTo(MeshKind.HAND);
            assertThat(loaded.architecture()).isEqualTo(saved.architecture());
            assertThat(loaded.provenance().notes()).isEqualTo("made by a test");
            assertThat(loaded.weightsPath()).isEqualTo(moved.resolve("weights.bin").toAbsolutePath());
            ModelSpec spec = ModelBundles.modelSpec(loaded, DeviceSpec.CPU).withWarmUp(false);
            assertThat(spec.template()).isInstanceOf(TemplateSource.File.class);
            try (ReconstructionModel again = service.loadNow(spec)) {
                ModelBundles.checkArchitecture(loaded, again.architecture());
                assertThat(again.refVertices()).containsExactly(original.refVertices());
                List<Reconstruction> a = service.reconstructNow(original, input, RunOptions.defaults(), JobContext.NONE);
                List<Reconstruction> b = service.reconstructNow(again, input, RunOptions.defaults(), JobContext.NONE);
                for (int i = 0; i < a.size(); i++) {
                    assertThat(b.get(i).camera()).isEqualTo(a.get(i).camera());
                    assertThat(b.get(i).vertices()).isEqualTo(a.get(i).vertices());
                    assertThat(b.get(i).jointsRegressed()).isEqualTo(a.get(i).jointsRegressed());
                }
            }
        }
    }

    @Test
    void importedBodyBundlePointsAtTheUsersFilesAndNoticesWhenTheyMove() throws Exception {
        Path checkpoint = FixtureFiles.gunzip(FixtureFiles.BODY, FixtureFiles.BODY_CHECKPOINT, temp);
        Path smpl = Files.copy(FixtureFiles.file(FixtureFiles.BODY, "smpl_fake.npz"), temp.resolve("smpl.npz"));
        Path data = FixtureFiles.metroData();
        Instant before = Instant.now();
        ModelBundle bundle = ModelBundles.importOfficial(checkpoint, new TemplateSource.Smpl(smpl, data), 4,
                temp.resolve("body.metro.json"), "body tiny", "9.9", null);
        assertThat(bundle.manifest()).isEqualTo(temp.resolve("body.metro.json").toAbsolutePath());
        ModelBundle loaded = ModelBundles.load(bundle.manifest());
        assertThat(loaded).isEqualTo(bundle);
        assertThat(loaded.kind()).isEqualTo(MeshKind.BODY);
        assertThat(loaded.weights().format()).isEqualTo(ModelBundles.TORCH_ZIP);
        assertThat(loaded.weights().file().path()).isEqualTo(checkpoint.toAbsolutePath());
        assertThat(loaded.weights().file().sha256()).isEqualTo(ModelBundles.sha256(checkpoint)).hasSize(64);
        assertThat(loaded.provenance().sourceCheckpoint()).isEqualTo(loaded.weights().file());
        assertThat(loaded.provenance().metroscopeVersion()).isEqualTo("9.9");
        assertThat(Duration.between(before, loaded.provenance().createdAt()).toMinutes()).isBetween(0L, 5L);
        ModelBundle.OfficialTemplate t = (ModelBundle.OfficialTemplate) loaded.template();
        assertThat(t.kind()).isEqualTo(TemplateKind.BODY);
        assertThat(t.model().path()).isEqualTo(smpl.toAbsolutePath());
        assertThat(t.metroDataFiles()).containsOnlyKeys(MetroData.H36M_REGRESSOR, MetroData.BODY_SAMPLING);
        String json = Files.readString(bundle.manifest());
        assertThat(json).contains("\"format\" : \"metroscope-model-bundle\"", "\"source\" : \"smpl\"",
                "\"heads\" : 4", "\"joints\" : 14", "\"coarseVertices\" : 431");
        StateDict dict = TorchCheckpointReader.read(checkpoint);
        ModelBundles.checkArchitecture(loaded, MetroModel.inferArchitecture(dict.tensors(), 4));
        ModelSpec spec = ModelBundles.modelSpec(loaded, DeviceSpec.CPU);
        assertThat(spec.checkpoint()).isEqualTo(checkpoint.toAbsolutePath());
        assertThat(spec.template()).isEqualTo(new TemplateSource.Smpl(smpl.toAbsolutePath(), data.toAbsolutePath()
                .normalize()));

        Files.move(smpl, temp.resolve("smpl-moved.npz"));
        assertThatThrownBy(() -> ModelBundles.modelSpec(loaded, DeviceSpec.CPU))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.file()).isEqualTo(smpl.toAbsolutePath());
                    assertThat(e.getMessage()).contains("SMPL model", "is missing");
                });
        ModelBundles.verifyWeights(loaded); // the weights alone are still fine
    }

    @Test
    void aTemplateOfTheOtherKindIsRefusedAtImport() throws Exception {
        Path checkpoint = FixtureFiles.gunzip(FixtureFiles.HAND, FixtureFiles.HAND_CHECKPOINT, temp);
        Path smpl = FixtureFiles.file(FixtureFiles.BODY, "smpl_fake.npz");
        Path out = temp.resolve("wrong.metro.json");
        assertThatThrownBy(() -> ModelBundles.importOfficial(checkpoint, new TemplateSource.Smpl(smpl,
                FixtureFiles.metroData()), 4, out, "x", "test", ""))
                .isInstanceOf(FormatException.class).hasMessageContaining("--mano");
        assertThat(out).doesNotExist();
    }

    @Test
    void brokenManifestsAreRefusedNamingTheManifest() throws Exception {
        Path manifest = temp.resolve("m.metro.json");
        for (String text : new String[] {"{", "{\"format\": \"something-else\", \"version\": 1}",
                "{\"format\": \"metroscope-model-bundle\", \"version\": 2}",
                "{\"format\": \"metroscope-model-bundle\", \"version\": 1, \"kind\": \"body\"}"}) {
            Files.writeString(manifest, text);
            assertThatThrownBy(() -> ModelBundles.load(manifest)).isInstanceOfSatisfying(FormatException.class,
                    e -> assertThat(e.file()).isEqualTo(manifest.toAbsolutePath()));
        }
        assertThatThrownBy(() -> ModelBundles.load(temp)).isInstanceOf(FormatException.class)
                .hasMessageContaining("no such model bundle manifest");
    }

    @Test
    void aManifestThatDescribesAnotherNetworkIsRefused() throws Exception {
        Path checkpoint = FixtureFiles.gunzip(FixtureFiles.HAND, FixtureFiles.HAND_CHECKPOINT, temp);
        ModelBundle bundle = ModelBundles.importOfficial(checkpoint, new TemplateSource.Mano(
                FixtureFiles.file(FixtureFiles.HAND, "template.npz"), FixtureFiles.metroData()), 4,
                temp.resolve("h.metro.json"), "h", "test", "");
        Files.writeString(bundle.manifest(), Files.readString(bundle.manifest())
                .replaceFirst("\"hidden\" : 128", "\"hidden\" : 256"));
        ModelBundle edited = ModelBundles.load(bundle.manifest());
        StateDict dict = TorchCheckpointReader.read(checkpoint);
        assertThatThrownBy(() -> ModelBundles.checkArchitecture(edited, MetroModel.inferArchitecture(dict.tensors(), 4)))
                .isInstanceOf(FormatException.class).hasMessageContaining("different network");
    }
}
