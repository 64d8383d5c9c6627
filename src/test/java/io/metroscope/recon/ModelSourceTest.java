package io.metroscope.recon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metroscope.bench.RandomMetroWeights;
import io.metroscope.format.FormatException;
import io.metroscope.model.CheckpointFolder;
import io.metroscope.model.MeshKind;
import io.metroscope.train.TinyArchitectures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSourceTest {

    @TempDir
    Path temp;

    @Test
    void aFileARunsCheckpointFolderAndABundleEachNameTheirCheckpoint() throws Exception {
        Path file = temp.resolve("weights.pt");
        RandomMetroWeights.writeCheckpoint(file, TinyArchitectures.of(MeshKind.BODY).withHeads(2), 5);
        Path run = Files.createDirectories(temp.resolve("run").resolve("last"));
        Files.copy(file, run.resolve(CheckpointFolder.MODEL_FILE));
        Path bundle = temp.resolve("bundle");
        ModelBundles.packageOwn(file, Path.of("templates", "body.npz"), 2, bundle, "b", "test", "random", true);

        ModelSource plain = ModelSource.of(file);
        assertThat(plain.checkpoint()).isEqualTo(file);
        assertThat(plain.bundle()).isEmpty();
        assertThat(plain.kind()).isEqualTo(ModelSource.Kind.CHECKPOINT_FILE);
        assertThat(plain.isRunFolder()).isFalse();

        ModelSource folder = ModelSource.of(run);
        assertThat(folder.checkpoint()).isEqualTo(run.resolve(CheckpointFolder.MODEL_FILE));
        assertThat(folder.bundle()).isEmpty();
        assertThat(folder.isRunFolder()).isTrue();

        ModelSource packaged = ModelSource.of(bundle);
        assertThat(packaged.bundle()).isPresent();
        assertThat(packaged.checkpoint()).isEqualTo(packaged.bundle().get().weightsPath());
        assertThat(packaged.checkpoint().getFileName()).hasToString("weights.bin");
        assertThat(packaged.kind()).isEqualTo(ModelSource.Kind.BUNDLE);
        assertThat(packaged.isRunFolder()).isFalse();
        assertThat(ModelSource.of(bundle.resolve(ModelBundles.FOLDER_MANIFEST)).checkpoint())
                .isEqualTo(packaged.checkpoint());
    }

    @Test
    void aFolderWithNeitherModelFileNorManifestIsReadAsABundleAndRefusedByName() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        assertThatThrownBy(() -> ModelSource.of(empty))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining(empty.resolve(ModelBundles.FOLDER_MANIFEST).toString());
    }

    @Test
    void existsKnowsCheckpointsBundlesAndEmptyFolders() throws Exception {
        Path file = Files.writeString(temp.resolve("model.pt"), "x");
        Path empty = Files.createDirectories(temp.resolve("empty"));
        assertThat(ModelSource.exists(file)).isTrue();
        assertThat(ModelSource.exists(empty)).isFalse();
        assertThat(ModelSource.exists(temp.resolve("missing.pt"))).isFalse();
        assertThat(ModelSource.exists(temp.resolve("missing.metro.json"))).isFalse();
        assertThat(ModelSource.exists(Path.of("assets", "models", "body-demo"))).isTrue();
    }

    @Test
    void aManifestIsKnownByItsSuffixInAnyCaseAndReadAsOne() throws Exception {
        assertThat(ModelBundles.isManifestName(Path.of("x", "demo.metro.json"))).isTrue();
        assertThat(ModelBundles.isManifestName(Path.of("DEMO.METRO.JSON"))).isTrue();
        assertThat(ModelBundles.isManifestName(Path.of("demo.json"))).isFalse();
        assertThat(ModelBundles.isManifestName(Path.of("/"))).isFalse();

        Path file = temp.resolve("weights.pt");
        RandomMetroWeights.writeCheckpoint(file, TinyArchitectures.of(MeshKind.BODY).withHeads(2), 5);
        Path upper = temp.resolve("DEMO.METRO.JSON");
        ModelBundles.packageOwn(file, Path.of("templates", "body.npz"), 2, upper, "b", "test", "random", true);
        assertThat(ModelBundles.manifestPath(upper)).isEqualTo(upper.toAbsolutePath().normalize());
        assertThat(ModelSource.kindOf(upper)).isEqualTo(ModelSource.Kind.BUNDLE);
        assertThat(upper).isRegularFile();
        assertThat(temp.resolve("DEMO.weights.bin")).isRegularFile();
        assertThat(temp.resolve("DEMO.template.npz")).isRegularFile();
        assertThat(ModelSource.of(upper).checkpoint()).isEqualTo(temp.resolve("DEMO.weights.bin").toAbsolutePath());
    }
}
