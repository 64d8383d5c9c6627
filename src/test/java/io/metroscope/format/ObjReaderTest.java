package io.metroscope.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjReaderTest {
    @TempDir
    Path dir;

    private Path obj(String text) throws IOException {
        Path f = dir.resolve("in.obj");
        Files.writeString(f, text, StandardCharsets.ISO_8859_1);
        return f;
    }

    @Test
    void allFaceCornerSyntaxes() throws IOException {
        MeshData m = ObjReader.read(obj("""
                # a comment line
                mtllib x.mtl
                o thing
                v 0 0 0
                v 1 0 0   # trailing comment
                v 1 1 0
                v 0 1 0
                vt 0 0
                vt 1 0
                vt 1 1
                vn 0 0 1
                g group
                usemtl skin
                s off
                f 1 2 3
                f 1/1 2/2 3/3
                f 1/1/1 2/2/1 3/3/1
                f 1//1 3//1 4//1
                """));
        assertThat(m.vertexCount()).isEqualTo(4);
        assertThat(m.triangles()).containsExactly(0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 2, 3);
        assertThat(m.hasColors()).isFalse();
    }

    @Test
    void negativeIndicesCountBackFromTheLastVertex() throws IOException {
        MeshData m = ObjReader.read(obj("""
                v 0 0 0
                v 1 0 0
                v 1 1 0
                f -3 -2 -1
                v 0 1 0
                f -4/-1 -2 -1
                """));
        assertThat(m.triangles()).containsExactly(0, 1, 2, 0, 2, 3);
    }

    @Test
    void polygonsAreFanTriangulated() throws IOException {
        MeshData m = ObjReader.read(obj("""
                v 0 0 0
                v 1 0 0
                v 2 1 0
                v 1 2 0
                v 0 1 0
                f 1 2 3 4 5
                """));
        assertThat(m.triangles()).containsExactly(0, 1, 2, 0, 2, 3, 0, 3, 4);
    }

    @Test
    void vertexColorsInUnitRange() throws IOException {
        MeshData m = ObjReader.read(obj("v 0 0 0 1 0.5 0\r\nv 1 0 0 0 0 1\r\nv 0 1 0 0.25 0.25 0.25\r\nf 1 2 3\r\n"));
        assertThat(m.colors()).containsExactly(1f, 0.5f, 0f, 0f, 0f, 1f, 0.25f, 0.25f, 0.25f);
        assertThat(m.positions()).containsExactly(0, 0, 0, 1, 0, 0, 0, 1, 0);
    }

    @Test
    void vertexColorsIn0to255AreScaled() throws IOException {
        MeshData m = ObjReader.read(obj("v 0 0 0 255 0 51\nv 1 0 0 0 255 0\nv 0 1 0 1 1 1\nf 1 2 3\n"));
        assertThat(m.colors()[0]).isEqualTo(1f);
        assertThat(m.colors()[2]).isCloseTo(0.2f, within(1e-6f));
        assertThat(m.colors()[6]).isCloseTo(1 / 255f, within(1e-6f));
    }

    @Test
    void verticesWithoutColorAmongColoredOnesAreWhite() throws IOException {
        MeshData m = ObjReader.read(obj("v 0 0 0\nv 1 0 0 0 0 0\nv 0 1 0\n"));
        assertThat(m.colors()).containsExactly(1, 1, 1, 0, 0, 0, 1, 1, 1);
    }

    @Test
    void homogeneousWAndAlphaAreIgnored() throws IOException {
        MeshData m = ObjReader.read(obj("v 1 2 3 1.0\nv 4 5 6 0.1 0.2 0.3 0.5\n"));
        assertThat(m.positions()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(m.colors()).containsExactly(1, 1, 1, 0.1f, 0.2f, 0.3f);
    }

    @Test
    void consistentCornerNormalsBecomeVertexNormals() throws IOException {
        MeshData m = ObjReader.read(obj("""
                v 0 0 0
                v 1 0 0
                v 1 1 0
                vn 0 0 1
                vn 0 0 -1
                f 1//2 2//2 3//2
                """));
        assertThat(m.normals()).containsExactly(0, 0, -1, 0, 0, -1, 0, 0, -1);
    }

    @Test
    void conflictingCornerNormalsAreDropped() throws IOException {
        MeshData m = ObjReader.read(obj("""
                v 0 0 0
                v 1 0 0
                v 1 1 0
                v 0 1 0
                vn 0 0 1
                vn 1 0 0
                f 1//1 2//1 3//1
                f 1//2 3//2 4//2
                """));
        assertThat(m.hasNormals()).isFalse();
        assertThat(m.faceCount()).isEqualTo(2);
    }

    @Test
    void emptyFileIsAnEmptyMesh() throws IOException {
        assertThat(ObjReader.read(obj("# nothing\n")).vertexCount()).isZero();
    }

    @Test
    void indexOutOfRangeNamesLineAndIndex() throws IOException {
        Path f = obj("v 0 0 0\nv 1 0 0\nv 1 1 0\n\nf 1 2 4\n");
        assertThatThrownBy(() -> ObjReader.read(f))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("line 5")
                .hasMessageContaining("vertex 4")
                .hasMessageContaining("Fix:");
    }

    @Test
    void zeroAndTooNegativeIndicesAreRefused() throws IOException {
        Path zero = obj("v 0 0 0\nv 1 0 0\nv 1 1 0\nf 0 1 2\n");
        assertThatThrownBy(() -> ObjReader.read(zero)).hasMessageContaining("line 4").hasMessageContaining("start at 1");
        Path negative = obj("v 0 0 0\nv 1 0 0\nv 1 1 0\nf -1 -2 -4\n");
        assertThatThrownBy(() -> ObjReader.read(negative)).hasMessageContaining("vertex -4");
    }

    @Test
    void normalIndexOutOfRangeIsRefused() throws IOException {
        Path f = obj("v 0 0 0\nv 1 0 0\nv 1 1 0\nvn 0 0 1\nf 1//1 2//1 3//2\n");
        assertThatThrownBy(() -> ObjReader.read(f)).hasMessageContaining("line 5").hasMessageContaining("normal 2");
    }

    @Test
    void nonNumericTokensAreRefused() throws IOException {
        Path coord = obj("v 0 0 0\nv 1 zero 0\n");
        assertThatThrownBy(() -> ObjReader.read(coord))
                .isInstanceOf(FormatException.class).hasMessageContaining("line 2").hasMessageContaining("'zero'");
        Path index = obj("v 0 0 0\nv 1 0 0\nv 1 1 0\nf 1 2 three\n");
        assertThatThrownBy(() -> ObjReader.read(index))
                .hasMessageContaining("line 4").hasMessageContaining("'three'");
        Path nan = obj("v 0 NaN 0\n");
        assertThatThrownBy(() -> ObjReader.read(nan)).hasMessageContaining("not a finite number");
    }

    @Test
    void malformedStatementsAreRefused() throws IOException {
        assertThatThrownBy(() -> ObjReader.read(obj("v 1 2\n"))).hasMessageContaining("'v' has 2 numbers");
        assertThatThrownBy(() -> ObjReader.read(obj("v 0 0 0\nv 1 0 0\nf 1 2\n")))
                .hasMessageContaining("line 3").hasMessageContaining("2 corner");
        assertThatThrownBy(() -> ObjReader.read(obj("vn 0 1\n"))).hasMessageContaining("'vn' has 2");
        assertThatThrownBy(() -> ObjReader.read(obj("v 0 0 0 -1 0 0\n"))).hasMessageContaining("negative");
    }

    @Test
    void missingFileIsAFormatException() {
        Path f = dir.resolve("absent.obj");
        assertThatThrownBy(() -> ObjReader.read(f))
                .isInstanceOf(FormatException.class).hasMessageContaining("absent.obj").hasMessageContaining("not found");
    }
}
