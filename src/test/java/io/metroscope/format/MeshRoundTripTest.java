package io.metroscope.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Write then read back through {@link MeshFiles}, for every readable format and encoding. */
class MeshRoundTripTest {
    @TempDir
    Path dir;

    static Stream<Arguments> encodings() {
        return Stream.of(
                Arguments.of("mesh.obj", MeshWriteOptions.defaults()),
                Arguments.of("mesh.ply", MeshWriteOptions.defaults().withPlyBinary(false)),
                Arguments.of("mesh.ply", MeshWriteOptions.defaults().withPlyBinary(true)),
                Arguments.of("MESH.PLY", MeshWriteOptions.defaults()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodings")
    void withoutColors(String name, MeshWriteOptions options) throws IOException {
        MeshData mesh = MeshFixtures.random(1, 300, 500, false);
        MeshData back = roundTrip(name, mesh, options);
        assertSameGeometry(back, mesh);
        assertThat(back.hasColors()).isFalse();
        assertThat(back.hasNormals()).isFalse();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodings")
    void withColors(String name, MeshWriteOptions options) throws IOException {
        MeshData mesh = MeshFixtures.random(2, 300, 500, true);
        MeshData back = roundTrip(name, mesh, options);
        assertSameGeometry(back, mesh);
        assertThat(back.hasColors()).isTrue();
        for (int i = 0; i < mesh.colors().length; i++) {
            assertThat(back.colors()[i]).as("colour %d", i).isCloseTo(mesh.colors()[i], within(1f / 255 + 1e-6f));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodings")
    void colorsDroppedWhenAsked(String name, MeshWriteOptions options) throws IOException {
        MeshData back = roundTrip(name, MeshFixtures.random(3, 10, 10, true), options.withColors(false));
        assertThat(back.hasColors()).isFalse();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodings")
    void withNormals(String name, MeshWriteOptions options) throws IOException {
        MeshData mesh = MeshFixtures.cube().withUniformColor(0.2f, 0.4f, 0.6f);
        MeshData back = roundTrip(name, mesh, options.withNormals(true));
        assertSameGeometry(back, mesh);
        float[] expected = mesh.withComputedNormals().normals();
        assertThat(back.normals()).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(back.normals()[i]).isCloseTo(expected[i], within(1e-6f));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodings")
    void exactColorsSurviveExactly(String name, MeshWriteOptions options) throws IOException {
        // 8-bit colours (what every writer exports) must come back bit-identical, not merely close.
        MeshData mesh = MeshFixtures.cube().withUniformColor(0f, 128 / 255f, 1f);
        assertThat(roundTrip(name, mesh, options).colors()).isEqualTo(mesh.colors());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("encodings")
    void pointCloudWithoutFaces(String name, MeshWriteOptions options) throws IOException {
        MeshData mesh = MeshData.of(new float[] {1, 2, 3, -4, 5e-7f, 6e6f}, new int[0]);
        assertThat(roundTrip(name, mesh, options)).isEqualTo(mesh);
    }

    private MeshData roundTrip(String name, MeshData mesh, MeshWriteOptions options) throws IOException {
        Path file = dir.resolve(name);
        MeshFiles.write(file, mesh, options);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("no temporary files left behind").containsExactly(file);
        }
        return MeshFiles.read(file);
    }

    private static void assertSameGeometry(MeshData actual, MeshData expected) {
        assertThat(actual.triangles()).isEqualTo(expected.triangles());
        // Float.toString and binary float32 both round-trip a float exactly.
        assertThat(actual.positions()).isEqualTo(expected.positions());
    }
}
