package io.metroscope.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metroscope.format.FormatException;
import io.metroscope.format.MeshData;
import io.metroscope.format.MeshFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileInspectorTest {

    private static final Path SHARED = Path.of(System.getProperty("user.dir")).resolve("../shared").normalize();
    private final FileInspector inspector = new FileInspector();

    @Test
    void officialCheckpointShowsItsTensorsAndTheArchitectureTheyImply() throws Exception {
        Path ckpt = SHARED.resolve("fixtures/parity/hand-tiny/metro_hand-tiny_state_dict.bin.gz");
        Assumptions.assumeTrue(Files.exists(ckpt), "../shared/fixtures/parity is absent: skipping");
        Inspection i = inspector.inspect(ckpt);
        assertThat(i.kind()).isEqualTo("PyTorch checkpoint (zip format)");
        assertThat(i.entries()).extracting(Inspection.Entry::name).contains("cam_param_fc.weight");
        assertThat(i.summary()).containsEntry("network", "hand METRO")
                .containsEntry("tokens", "216 (21 joints + 195 coarse vertices)")
                .containsEntry("mesh", "195 → 778 vertices");
        assertThat(i.summary().get("backbone")).startsWith("HRNet-W16 pooled");
        assertThat(i.summary().get("block 0")).isEqualTo("2051→128→256, 4 layers, 4 heads, FFN 512");
    }

    @Test
    void sparseObjectArraysAreListedAndAnUnsafeEntryDoesNotHideTheRest() throws Exception {
        Path npz = SHARED.resolve("metro-data/mesh_downsampling.npz");
        Assumptions.assumeTrue(Files.exists(npz), "../shared/metro-data is absent: skipping");
        Inspection i = inspector.inspect(npz);
        assertThat(i.entries()).anySatisfy(e -> {
            assertThat(e.name()).isEqualTo("D[0]");
            assertThat(e.dtype()).isEqualTo("sparse");
            assertThat(e.shape()).containsExactly(1723, 6890);
        });
        assertThat(i.entries()).anySatisfy(e -> {
            assertThat(e.name()).isEqualTo("M");
            assertThat(e.note()).contains("__main__.MyMesh");
        });
    }

    @Test
    void meshesAreSummarised(@TempDir Path dir) throws Exception {
        Path ply = dir.resolve("tri.ply");
        MeshFiles.write(ply, MeshData.of(new float[] {0, 0, 0, 1, 0, 0, 0, 2, 0}, new int[] {0, 1, 2}));
        Inspection i = inspector.inspect(ply);
        assertThat(i.summary()).containsEntry("vertices", "3").containsEntry("triangles", "1");
        assertThat(i.toText()).contains("bounds (m)");
    }

    @Test
    void aNonCheckpointIsNotAMetroNetworkAndAMissingFileIsNamed() throws Exception {
        Inspection i = inspector.inspect(Path.of("src/test/resources/io/metroscope/format/tensors_zip.pt"));
        assertThat(i.summary().get("architecture")).startsWith("not a METRO network");
        assertThatThrownBy(() -> inspector.inspect(Path.of("nope.bin")))
                .isInstanceOf(FormatException.class).hasMessageContaining("nope.bin");
    }

    @Test
    void aBundleIsDescribedByItsManifestAndItsFilesAreChecked(@TempDir Path dir) throws Exception {
        Inspection demo = inspector.inspect(Path.of("assets", "models", "hand-demo"));
        assertThat(demo.kind()).isEqualTo("Metroscope model bundle (hand METRO)");
        assertThat(demo.summary()).containsEntry("heads", "4").containsKey("notes").containsKey("tensors")
                .containsEntry("files", "as recorded (sha256 of the weights and template files checked)");
        assertThat(demo.entries()).isNotEmpty();

        // a copy whose template file changed: still described, the change named
        Path copy = dir.resolve("copy");
        Files.createDirectories(copy);
        try (var files = Files.list(Path.of("assets", "models", "hand-demo"))) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Path template = copy.resolve("template.npz");
        byte[] bytes = Files.readAllBytes(template);
        bytes[bytes.length - 30] ^= 1;
        Files.write(template, bytes);
        assertThat(inspector.inspect(copy.resolve("model.metro.json")).summary().get("files"))
                .startsWith("CHANGED: ").contains("template.npz");
    }

    @Test
    void aRunFolderShowsItsModelAndAnyOtherFolderIsRefusedByName(@TempDir Path dir) throws Exception {
        Path last = Files.createDirectories(dir.resolve("run").resolve("last"));
        Files.copy(Path.of("assets", "models", "hand-demo", "weights.bin"), last.resolve("model.pt"));
        Inspection run = inspector.inspect(last);
        assertThat(run.kind()).startsWith("training run checkpoint folder");
        assertThat(run.summary()).containsEntry("network", "hand METRO");
        Path plain = Files.createDirectories(dir.resolve("plain"));
        assertThatThrownBy(() -> inspector.inspect(plain)).isInstanceOf(FormatException.class)
                .hasMessageContaining(plain.toString()).hasMessageContaining("neither a model bundle nor");
    }
}
