package io.metroscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.format.NdArray;
import io.metroscope.format.Npy;
import io.metroscope.format.Npz;
import io.metroscope.format.StateDict;
import io.metroscope.format.TorchCheckpointReader;
import io.metroscope.model.IgnoredKeys;
import io.metroscope.recon.FixtureFiles;
import io.metroscope.recon.ModelBundle;
import io.metroscope.recon.ModelBundles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export import} → {@code infer --bundle} (same outputs as {@code --checkpoint --mano}) →
 * {@code export --bundle} (the official checkpoint again, in both layouts), and the usage errors around them.
 */
class ExportCommandTest {

    @TempDir
    Path temp;

    @Test
    void importInferAndExportTheHandFixture() throws Exception {
        Path checkpoint = FixtureFiles.gunzip(FixtureFiles.HAND, FixtureFiles.HAND_CHECKPOINT, temp);
        Path mano = FixtureFiles.file(FixtureFiles.HAND, "template.npz");
        String metroData = FixtureFiles.metroData().toString();
        Path manifest = temp.resolve("bundles/hand.metro.json");

        CliRun imported = CliRun.of("export", "import", "--checkpoint", checkpoint.toString(), "--mano",
                mano.toString(), "--metro-data", metroData, "--name", "hand tiny", "--notes", "fixture",
                "--out", manifest.toString()).succeeded();
        assertThat(imported.out()).contains("Wrote " + manifest, "hand tiny hand network (4 heads)");
        ModelBundle bundle = ModelBundles.load(manifest);
        assertThat(bundle.weightsPath()).isEqualTo(checkpoint.toAbsolutePath());
        assertThat(bundle.template()).isInstanceOf(ModelBundle.OfficialTemplate.class);
        try (var files = Files.list(manifest.getParent())) {
            assertThat(files).as("nothing copied beside the manifest").containsExactly(manifest);
        }

        Map<String, NdArray> expected = Npz.read(FixtureFiles.gunzip(FixtureFiles.HAND, "expected.npz", temp));
        Path input = temp.resolve("input.npy");
        Npy.write(input, expected.get("input"));
        Path viaBundle = temp.resolve("bundle.npz");
        CliRun inferred = CliRun.of("infer", "--bundle", manifest.toString(), "--device", "cpu", "--attention",
                "--input-tensor", input.toString(), "--out", viaBundle.toString()).succeeded();
        assertThat(inferred.out()).contains("Bundle:     " + manifest, "0 missing, 0 unexpected");
        Path viaCheckpoint = temp.resolve("checkpoint.npz");
        CliRun.of("infer", "--checkpoint", checkpoint.toString(), "--mano", mano.toString(), "--metro-data", metroData,
                "--device", "cpu", "--attention", "--input-tensor", input.toString(), "--out",
                viaCheckpoint.toString()).succeeded();
        CliRun.assertIdentical(Npz.read(viaCheckpoint), Npz.read(viaBundle));

        StateDict source = TorchCheckpointReader.read(checkpoint);
        for (boolean legacy : new boolean[] {false, true}) {
            Path out = temp.resolve(legacy ? "legacy.bin" : "zip.bin");
            CliRun exported = legacy
                    ? CliRun.of("export", "--bundle", manifest.toString(), "--out", out.toString(), "--legacy")
                    : CliRun.of("export", "--bundle", manifest.toString(), "--out", out.toString());
            assertThat(exported.succeeded().out()).contains("Wrote " + out, "unused official tensors kept");
            StateDict back = TorchCheckpointReader.read(out);
            assertThat(back.format()).isEqualTo(legacy ? StateDict.Format.LEGACY : StateDict.Format.ZIP);
            assertThat(back.keys()).containsExactlyElementsOf(source.keys());
            for (String key : source.keys()) {
                assertThat(back.tensor(key).toNdArray().sameContent(source.tensor(key).toNdArray())).as(key).isTrue();
            }
        }
        Path slim = temp.resolve("slim.bin");
        CliRun.of("export", "--bundle", manifest.toString(), "--out", slim.toString(), "--network-only").succeeded();
        assertThat(TorchCheckpointReader.read(slim).keys()).doesNotContain("backbone.classifier.weight")
                .allMatch(k -> !IgnoredKeys.isIgnored(k) || k.endsWith(".num_batches_tracked"));

        // The user's checkpoint changes: the bundle refuses, naming the file.
        Files.write(checkpoint, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
        CliRun changed = CliRun.of("infer", "--bundle", manifest.toString(), "--device", "cpu", "--input-tensor",
                input.toString(), "--out", temp.resolve("never.npz").toString());
        assertThat(changed.code()).isEqualTo(MetroscopeCommand.EXIT_BAD_INPUT);
        assertThat(changed.err()).contains(checkpoint.getFileName().toString(), "has changed since the bundle was made");
        assertThat(temp.resolve("never.npz")).doesNotExist();
    }

    @Test
    void usageErrors() {
        CliRun both = CliRun.of("infer", "--bundle", "b.metro.json", "--checkpoint", "c.bin", "--template", "t.npz",
                "--out", "o.npz", "--input-tensor", "i.npy");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("either --bundle or --checkpoint");
        CliRun neither = CliRun.of("infer", "--out", "o.npz", "--input-tensor", "i.npy");
        assertThat(neither.code()).isEqualTo(2);
        assertThat(neither.err()).contains("give --bundle B.metro.json, or --checkpoint CKPT");
        CliRun noTemplate = CliRun.of("infer", "--checkpoint", "c.bin", "--out", "o.npz", "--input-tensor", "i.npy");
        assertThat(noTemplate.code()).isEqualTo(2);
        assertThat(noTemplate.err()).contains("--checkpoint needs a template");
        // export import and live share infer's template options, and its message.
        for (CliRun bare : List.of(CliRun.of("export", "import", "--checkpoint", "c.bin", "--out", "b.metro.json"),
                CliRun.of("live", "--checkpoint", "c.bin", "cam.avi"))) {
            assertThat(bare.code()).isEqualTo(2);
            assertThat(bare.err()).contains("--checkpoint needs a template: --smpl SMPL --metro-data DIR");
        }
        CliRun twoTemplates = CliRun.of("export", "import", "--checkpoint", "c.bin", "--template", "t.npz", "--mano",
                "m.pkl", "--out", "b.metro.json");
        assertThat(twoTemplates.code()).isEqualTo(2);
        assertThat(twoTemplates.err()).contains("mutually exclusive");
        CliRun noData = CliRun.of("live", "--checkpoint", "c.bin", "--smpl", "s.pkl", "cam.avi");
        assertThat(noData.code()).isEqualTo(2);
        assertThat(noData.err()).contains("--smpl needs --metro-data DIR");
        CliRun exportNothing = CliRun.of("export");
        assertThat(exportNothing.code()).isEqualTo(2);
        assertThat(exportNothing.err()).contains("give --bundle B.metro.json and --out MODEL.bin");
        CliRun missing = CliRun.of("export", "--bundle", temp.resolve("none.metro.json").toString(), "--out",
                temp.resolve("x.bin").toString());
        assertThat(missing.code()).isEqualTo(MetroscopeCommand.EXIT_BAD_INPUT);
        assertThat(missing.err()).contains("none.metro.json", "no such model bundle manifest");
    }

    @Test
    void outputsGoIntoFoldersMadeForThem() {
        Path exported = temp.resolve("new").resolve("export").resolve("hand.bin");
        CliRun.of("export", "--bundle", "assets/models/hand-demo", "--out", exported.toString()).succeeded();
        assertThat(exported).isRegularFile();
        Path averaged = temp.resolve("new").resolve("average").resolve("hand.pt");
        CliRun.of("export", "average", "--checkpoint", "assets/models/hand-demo," + exported, "--out",
                averaged.toString()).succeeded();
        assertThat(averaged).isRegularFile();
        CliRun onAFolder = CliRun.of("export", "--bundle", "assets/models/hand-demo", "--out", temp.toString());
        assertThat(onAFolder.code()).isNotZero();
        assertThat(onAFolder.err()).contains(temp + ": it is a folder");
    }

    @Test
    void helpDescribesEveryForm() {
        assertThat(CliRun.of("export", "--help").succeeded().out()).contains("--bundle", "--legacy",
                "--network-only", "import", "official-compatible");
        assertThat(CliRun.of("export", "import", "--help").succeeded().out()).contains("--checkpoint", "--smpl",
                "--mano", "--template", "--metro-data", "--heads", "nothing is copied");
        assertThat(CliRun.of("export", "--help").succeeded().out()).contains("average");
        assertThat(CliRun.of("export", "average", "--help").succeeded().out()).contains("--checkpoint",
                "--weights", "--out", "model soup");
        assertThat(CliRun.of("infer", "--help").succeeded().out()).contains("--bundle");
    }
}
