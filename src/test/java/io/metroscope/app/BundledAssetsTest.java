package io.metroscope.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metroscope.model.MeshKind;
import io.metroscope.recon.ModelBundle;
import io.metroscope.recon.ModelBundles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledAssetsTest {

    @TempDir
    Path cache;

    @Test
    void theIndexListsExactlyTheFilesOfTheAssetsFolder() throws Exception {
        Path assets = Path.of("assets");
        List<String> onDisk;
        try (Stream<Path> files = Files.walk(assets)) {
            onDisk = files.filter(Files::isRegularFile).map(p -> assets.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.startsWith("models/") || p.startsWith("samples/")).sorted().toList();
        }
        assertThat(BundledAssets.readIndex()).containsExactlyInAnyOrderElementsOf(onDisk);
    }

    @Test
    void samplesUnpackOnceWithTheirBytes() throws Exception {
        BundledAssets assets = new BundledAssets(cache);
        List<Path> samples = assets.samples();
        assertThat(samples).extracting(p -> p.getFileName().toString()).contains("astronaut.png",
                "synthetic-body-1.png");
        Path astronaut = samples.stream().filter(p -> p.endsWith("astronaut.png")).findFirst().orElseThrow();
        assertThat(Files.readAllBytes(astronaut)).isEqualTo(Files.readAllBytes(Path.of("assets/samples/astronaut.png")));
        long modified = Files.getLastModifiedTime(astronaut).toMillis();
        Thread.sleep(20);
        assertThat(new BundledAssets(cache).samples()).contains(astronaut);
        assertThat(Files.getLastModifiedTime(astronaut).toMillis()).as("reused, not rewritten").isEqualTo(modified);
        assertThatThrownBy(() -> assets.unpack("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void demoModelsAreCompleteBundlesWhenShipped() throws Exception {
        BundledAssets assets = new BundledAssets(cache);
        for (MeshKind kind : MeshKind.values()) {
            var folder = assets.demoModel(kind);
            if (folder.isEmpty()) {
                assertThat(assets.files()).noneMatch(f -> f.startsWith("models/" + kind.name().toLowerCase() + "-"));
                continue;
            }
            ModelBundle bundle = ModelBundles.load(folder.get());
            ModelBundles.verify(bundle);
            assertThat(bundle.kind()).isEqualTo(kind);
            assertThat(Files.size(bundle.weightsPath())).as("≤ 30 MB").isLessThanOrEqualTo(30L << 20);
        }
    }
}
