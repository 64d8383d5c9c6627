package io.metroscope.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshFilesTest {
    @TempDir
    Path dir;

    @Test
    void formatByExtension() throws FormatException {
        assertThat(MeshFormat.of(Path.of("a/b.OBJ"))).isEqualTo(MeshFormat.OBJ);
        assertThat(MeshFormat.of(Path.of("b.ply"))).isEqualTo(MeshFormat.PLY);
        assertThat(MeshFormat.of(Path.of("b.Glb"))).isEqualTo(MeshFormat.GLB);
        assertThat(MeshFormat.GLB.readable()).isFalse();
    }

    @Test
    void unsupportedExtensionIsRefusedBothWays() {
        Path stl = dir.resolve("mesh.stl");
        assertThatThrownBy(() -> MeshFiles.write(stl, MeshFixtures.cube()))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("mesh.stl")
                .hasMessageContaining("unsupported mesh file extension")
                .hasMessageContaining("Fix:");
        assertThatThrownBy(() -> MeshFiles.read(stl)).hasMessageContaining("unsupported mesh file extension");
        assertThat(stl).doesNotExist();
    }

    @Test
    void glbIsExportOnly() throws IOException {
        Path glb = dir.resolve("mesh.glb");
        MeshFiles.write(glb, MeshFixtures.cube());
        assertThatThrownBy(() -> MeshFiles.read(glb))
                .isInstanceOf(FormatException.class).hasMessageContaining("not supported");
    }

    @Test
    void writeReplacesAnExistingFile() throws IOException {
        Path file = dir.resolve("mesh.ply");
        Files.writeString(file, "old content that is longer than nothing");
        MeshFiles.write(file, MeshFixtures.cube());
        assertThat(MeshFiles.read(file)).isEqualTo(MeshFixtures.cube());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void failedWriteLeavesOriginalAndNoTemporary() throws IOException {
        Path file = dir.resolve("mesh.obj");
        Files.writeString(file, "original");
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write("half a mesh".getBytes(StandardCharsets.US_ASCII));
            throw new IOException("disk full");
        })).isInstanceOf(FormatException.class).hasMessageContaining("disk full").hasMessageContaining("mesh.obj");
        assertThat(file).hasContent("original");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void newFilesGetDefaultPermissionsAndReplacedFilesKeepTheirs() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path reference = Files.writeString(dir.resolve("reference.txt"), "x");
        Path fresh = dir.resolve("fresh.ply");
        MeshFiles.write(fresh, MeshFixtures.cube());
        // Not owner-only, as a temporary file would have been.
        assertThat(Files.getPosixFilePermissions(fresh)).isEqualTo(Files.getPosixFilePermissions(reference));

        Path existing = Files.writeString(dir.resolve("existing.obj"), "old");
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-r-----"));
        MeshFiles.write(existing, MeshFixtures.cube());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing))).isEqualTo("rw-r-----");
    }

    @Test
    void missingFolderIsAFormatException() {
        Path file = dir.resolve("no/such/folder/mesh.obj");
        assertThatThrownBy(() -> MeshFiles.write(file, MeshFixtures.cube()))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("mesh.obj")
                .hasMessageContaining("folder");
    }

    @Test
    void readingMissingOrFolderIsAFormatException() throws IOException {
        assertThatThrownBy(() -> MeshFiles.read(dir.resolve("absent.ply")))
                .isInstanceOf(FormatException.class).hasMessageContaining("not found");
        Path folder = Files.createDirectory(dir.resolve("folder.obj"));
        assertThatThrownBy(() -> MeshFiles.read(folder)).hasMessageContaining("is a folder");
    }

    @Test
    void writeOptionsWithers() {
        MeshWriteOptions o = MeshWriteOptions.defaults();
        assertThat(o.plyBinary()).isTrue();
        assertThat(o.includeNormals()).isFalse();
        assertThat(o.includeColors()).isTrue();
        assertThat(o.gltfFloatColors()).isFalse();
        assertThat(o.withPlyBinary(false).withNormals(true).withColors(false).withGltfFloatColors(true))
                .isEqualTo(new MeshWriteOptions(false, true, false, true));
    }

    @Test
    void plyHeaderIsWhatOtherToolsExpect() throws IOException {
        Path file = dir.resolve("mesh.ply");
        MeshFiles.write(file, MeshFixtures.cube().withUniformColor(1, 1, 1),
                MeshWriteOptions.defaults().withNormals(true));
        String head = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(head.substring(0, head.indexOf("end_header"))).isEqualTo("""
                ply
                format binary_little_endian 1.0
                comment generated by Metroscope
                element vertex 8
                property float x
                property float y
                property float z
                property float nx
                property float ny
                property float nz
                property uchar red
                property uchar green
                property uchar blue
                element face 12
                property list uchar int vertex_indices
                """);
        // Header + 8 vertices * (12 + 12 + 3) + 12 faces * (1 + 12)
        assertThat(Files.size(file)).isEqualTo(head.indexOf("end_header") + 11 + 8 * 27 + 12 * 13);
    }

    @Test
    void objTextIsWhatOtherToolsExpect() throws IOException {
        Path file = dir.resolve("tri.obj");
        MeshData tri = MeshData.of(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, new int[] {0, 1, 2})
                .withUniformColor(1, 0, 0);
        MeshFiles.write(file, tri, MeshWriteOptions.defaults().withNormals(true));
        assertThat(Files.readAllLines(file)).containsExactly(
                "# Metroscope mesh: 3 vertices, 1 triangles",
                "v 0.0 0.0 0.0 1.0 0.0 0.0",
                "v 1.0 0.0 0.0 1.0 0.0 0.0",
                "v 0.0 1.0 0.0 1.0 0.0 0.0",
                "vn 0.0 0.0 1.0",
                "vn 0.0 0.0 1.0",
                "vn 0.0 0.0 1.0",
                "f 1//1 2//2 3//3");
    }
}
