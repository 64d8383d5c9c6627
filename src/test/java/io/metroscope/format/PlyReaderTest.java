package io.metroscope.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlyReaderTest {
    @TempDir
    Path dir;

    private Path file(String header, byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        Path f = dir.resolve("in.ply");
        Files.write(f, out.toByteArray());
        return f;
    }

    private Path ascii(String text) throws IOException {
        return file(text, new byte[0]);
    }

    @Test
    void asciiWithExtraPropertiesAnyOrderAndQuad() throws IOException {
        MeshData m = PlyReader.read(ascii("""
                ply
                format ascii 1.0
                comment made by hand
                obj_info nothing
                element vertex 4
                property float confidence
                property uchar blue
                property float z
                property uchar green
                property float y
                property uchar red
                property float x
                element face 1
                property uchar flags
                property list uchar int vertex_indices
                property list uchar float texcoord
                end_header
                0.9 0 3 0 2 255 1
                0.9 255 6 0 5 0 4
                0.9 0 9 255 8 0 7
                0.9 51 12 102 11 153 10
                7 4 0 1 2 3 2 0.5 0.5
                """));
        assertThat(m.positions()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(m.colors()).containsExactly(1, 0, 0, 0, 0, 1, 0, 1, 0, 0.6f, 0.4f, 0.2f);
        assertThat(m.triangles()).containsExactly(0, 1, 2, 0, 2, 3);
        assertThat(m.hasNormals()).isFalse();
    }

    @Test
    void asciiFloatColorsNormalsVertexIndexAndCrlf() throws IOException {
        MeshData m = PlyReader.read(ascii("ply\r\nformat ascii 1.0\r\nelement vertex 3\r\n"
                + "property double x\r\nproperty double y\r\nproperty double z\r\n"
                + "property float nx\r\nproperty float ny\r\nproperty float nz\r\n"
                + "property float r\r\nproperty float g\r\nproperty float b\r\n"
                + "element face 1\r\nproperty list int uint vertex_index\r\nend_header\r\n"
                + "0 0 0 0 0 1 0.25 0.5 1.0\r\n1 0 0 0 0 1 1.2 -0.1 0\r\n0 1 0 0 0 1 0 0 0\r\n3 0 1 2\r\n"));
        assertThat(m.normals()).containsExactly(0, 0, 1, 0, 0, 1, 0, 0, 1);
        // Float colours are used as they are, clamped into 0..1.
        assertThat(m.colors()).containsExactly(0.25f, 0.5f, 1, 1, 0, 0, 0, 0, 0);
        assertThat(m.triangles()).containsExactly(0, 1, 2);
    }

    @Test
    void unknownElementsAreSkippedWhereverTheyAre() throws IOException {
        MeshData m = PlyReader.read(ascii("""
                ply
                format ascii 1.0
                element camera 1
                property float fx
                property list uchar float distortion
                element face 1
                property list uchar int vertex_indices
                element vertex 3
                property float x
                property float y
                property float z
                element edge 1
                property int vertex1
                property int vertex2
                end_header
                500 3 0.1 0.2 0.3
                3 2 1 0
                0 0 0
                1 0 0
                0 1 0
                0 1
                """));
        assertThat(m.triangles()).containsExactly(2, 1, 0);
        assertThat(m.vertexCount()).isEqualTo(3);
    }

    /** Vertex: x y z float, an extra short, uchar r g b; face: int flag, list uchar|int of int|uint indices. */
    private byte[] binaryBody(ByteOrder order, boolean intCount, boolean uintIndex) {
        ByteBuffer b = ByteBuffer.allocate(1024).order(order);
        float[][] v = {{0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {0, 1, 0}};
        for (int i = 0; i < v.length; i++) {
            b.putFloat(v[i][0]).putFloat(v[i][1]).putFloat(v[i][2]).putShort((short) -7);
            b.put((byte) 255).put((byte) (i * 10)).put((byte) 128);
        }
        b.putInt(42);
        if (intCount) {
            b.putInt(4);
        } else {
            b.put((byte) 4);
        }
        for (int idx : new int[] {0, 1, 2, 3}) {
            b.putInt(idx); // uint and int share the encoding for these values
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    private String binaryHeader(String format, boolean intCount, boolean uintIndex) {
        return "ply\nformat " + format + " 1.0\nelement vertex 4\nproperty float32 x\nproperty float32 y\n"
                + "property float32 z\nproperty int16 quality\nproperty uint8 red\nproperty uint8 green\n"
                + "property uint8 blue\nelement face 1\nproperty int flag\nproperty list "
                + (intCount ? "int " : "uchar ") + (uintIndex ? "uint" : "int") + " vertex_indices\nend_header\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary_little_endian", "binary_big_endian"})
    void binaryEitherByteOrder(String format) throws IOException {
        ByteOrder order = format.contains("little") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        for (boolean intCount : new boolean[] {false, true}) {
            for (boolean uint : new boolean[] {false, true}) {
                MeshData m = PlyReader.read(file(binaryHeader(format, intCount, uint),
                        binaryBody(order, intCount, uint)));
                assertThat(m.positions()).containsExactly(0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0);
                assertThat(m.triangles()).containsExactly(0, 1, 2, 0, 2, 3);
                assertThat(m.colors()[0]).isEqualTo(1f);
                assertThat(m.colors()[4]).isCloseTo(10 / 255f, within(1e-7f));
                assertThat(m.colors()[5]).isCloseTo(128 / 255f, within(1e-7f));
            }
        }
    }

    @Test
    void truncatedBinaryNamesByteOffsetAndRow() throws IOException {
        byte[] body = binaryBody(ByteOrder.LITTLE_ENDIAN, false, false);
        String header = binaryHeader("binary_little_endian", false, false);
        // Cut inside the last index: declared sizes still fit (the check counts lists as empty).
        Path f = file(header, Arrays.copyOf(body, body.length - 2));
        int expectedEnd = header.length() + body.length - 2;
        assertThatThrownBy(() -> PlyReader.read(f))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("byte " + expectedEnd)
                .hasMessageContaining("face 0 of 1")
                .hasMessageContaining("truncated");
    }

    @Test
    void truncatedAsciiNamesLine() throws IOException {
        Path f = ascii("ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\n"
                + "property float z\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n"
                + "0 0 0\n1 0 0\n0 1 0\n3 0\n");
        assertThatThrownBy(() -> PlyReader.read(f))
                .hasMessageContaining("line 14").hasMessageContaining("face 0 of 1").hasMessageContaining("truncated");
    }

    @Test
    void hugeDeclaredCountIsRefusedBeforeAllocating() throws IOException {
        Path f = file("ply\nformat binary_little_endian 1.0\nelement vertex 500000000\nproperty float x\n"
                + "property float y\nproperty float z\nend_header\n", new byte[24]);
        assertThatThrownBy(() -> PlyReader.read(f))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("500000000 'vertex' rows")
                .hasMessageContaining("6000000000")
                .hasMessageContaining("24 bytes remain");
        Path faces = file("ply\nformat binary_big_endian 1.0\nelement vertex 0\nproperty float x\n"
                + "property float y\nproperty float z\nelement face 9223372036854775807\n"
                + "property list uchar int vertex_indices\nend_header\n", new byte[8]);
        assertThatThrownBy(() -> PlyReader.read(faces)).hasMessageContaining("'face' rows");
        Path text = ascii("ply\nformat ascii 1.0\nelement vertex 2000000000\nproperty float x\n"
                + "property float y\nproperty float z\nend_header\n1 2 3\n");
        assertThatThrownBy(() -> PlyReader.read(text)).hasMessageContaining("2000000000");
        Path textFits = ascii("ply\nformat ascii 1.0\nelement vertex 100000000\nproperty float x\n"
                + "property float y\nproperty float z\nend_header\n1 2 3\n");
        assertThatThrownBy(() -> PlyReader.read(textFits))
                .hasMessageContaining("100000000 'vertex' rows").hasMessageContaining("6 bytes remain");
    }

    @Test
    void hugePolygonCountDoesNotAllocate() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.putFloat(0).putFloat(0).putFloat(0);
        b.putInt(-1).putInt(0).putInt(0).putInt(0); // uint count 4294967295
        Path f = file("ply\nformat binary_little_endian 1.0\nelement vertex 1\nproperty float x\nproperty float y\n"
                + "property float z\nelement face 1\nproperty list uint int vertex_indices\nend_header\n",
                Arrays.copyOf(b.array(), b.position()));
        assertThatThrownBy(() -> PlyReader.read(f)).hasMessageContaining("truncated");
    }

    @Test
    void indexOutOfRangeNamesFace() throws IOException {
        Path f = ascii("ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\n"
                + "property float z\nelement face 2\nproperty list uchar int vertex_indices\nend_header\n"
                + "0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n3 0 1 3\n");
        assertThatThrownBy(() -> PlyReader.read(f))
                .hasMessageContaining("line 14").hasMessageContaining("face 1 of 2")
                .hasMessageContaining("vertex index 3 is out of range");
        Path negative = ascii("ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\n"
                + "property float z\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n"
                + "0 0 0\n1 0 0\n0 1 0\n3 0 -1 2\n");
        assertThatThrownBy(() -> PlyReader.read(negative)).hasMessageContaining("vertex index -1");
    }

    @Test
    void nonNumericTokenNamesLine() throws IOException {
        Path f = ascii("ply\nformat ascii 1.0\nelement vertex 2\nproperty float x\nproperty float y\n"
                + "property float z\nend_header\n0 0 0\n1 oops 0\n");
        assertThatThrownBy(() -> PlyReader.read(f))
                .hasMessageContaining("line 9").hasMessageContaining("vertex 1 of 2").hasMessageContaining("'oops'");
        Path idx = ascii("ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\n"
                + "property float z\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n"
                + "0 0 0\n1 0 0\n0 1 0\n3 0 1 2.5\n");
        assertThatThrownBy(() -> PlyReader.read(idx)).hasMessageContaining("'2.5' is not an integer");
    }

    @Test
    void badHeadersAreRefused() throws IOException {
        assertThatThrownBy(() -> PlyReader.read(ascii("PLY\nformat ascii 1.0\nend_header\n")))
                .hasMessageContaining("not a PLY file");
        assertThatThrownBy(() -> PlyReader.read(ascii("ply\nformat ascii 1.0\nelement vertex 3\n")))
                .hasMessageContaining("without an 'end_header'");
        assertThatThrownBy(() -> PlyReader.read(ascii("ply\nformat utf8 1.0\nend_header\n")))
                .hasMessageContaining("line 2").hasMessageContaining("unknown format 'utf8'");
        assertThatThrownBy(() -> PlyReader.read(ascii("ply\nformat ascii 1.0\nelement vertex 1\n"
                + "property float128 x\nend_header\n")))
                .hasMessageContaining("line 4").hasMessageContaining("unknown type 'float128'");
        assertThatThrownBy(() -> PlyReader.read(ascii("ply\nformat ascii 1.0\nelement vertex -3\nend_header\n")))
                .hasMessageContaining("not a non-negative integer");
        assertThatThrownBy(() -> PlyReader.read(ascii("ply\nformat ascii 1.0\nproperty float x\nend_header\n")))
                .hasMessageContaining("before any 'element'");
        assertThatThrownBy(() -> PlyReader.read(ascii("ply\nformat ascii 1.0\nelement vertex 1\n"
                + "property list float int x\nend_header\n")))
                .hasMessageContaining("not an integer type");
        assertThatThrownBy(() -> PlyReader.read(ascii("ply\nelement vertex 0\nend_header\n")))
                .hasMessageContaining("no 'format' line");
        assertThatThrownBy(() -> PlyReader.read(ascii("ply\nformat ascii 1.0\nelement face 0\n"
                + "property list uchar int vertex_indices\nend_header\n")))
                .hasMessageContaining("no 'vertex' element");
        assertThatThrownBy(() -> PlyReader.read(ascii("ply\nformat ascii 1.0\nelement vertex 1\n"
                + "property float x\nproperty float y\nend_header\n1 2\n")))
                .hasMessageContaining("no 'z' property");
        assertThatThrownBy(() -> PlyReader.read(ascii("ply\nformat ascii 1.0\nbogus line\nend_header\n")))
                .hasMessageContaining("unknown header keyword 'bogus'");
    }

    @Test
    void binaryGarbageIsNotScannedForever() throws IOException {
        byte[] junk = new byte[PlyHeader.MAX_HEADER_BYTES + 10];
        Arrays.fill(junk, (byte) 'a');
        Path f = file("ply\n", junk);
        assertThatThrownBy(() -> PlyReader.read(f)).hasMessageContaining("no 'end_header' line within");
    }

    @Test
    void degeneratePolygonIsRefused() throws IOException {
        Path f = ascii("ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\n"
                + "property float z\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n"
                + "0 0 0\n1 0 0\n0 1 0\n2 0 1\n");
        assertThatThrownBy(() -> PlyReader.read(f)).hasMessageContaining("polygon has 2 vertices");
    }
}
