package io.metroscope.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parses the written GLB independently and checks it against the glTF 2.0 binary container rules. */
class GltfWriterTest {
    @TempDir
    Path dir;

    /** The two chunks of a GLB, after the container checks. */
    private record Glb(JsonNode json, ByteBuffer bin) {
        JsonNode accessor(String attribute) {
            JsonNode prim = json.at("/meshes/0/primitives/0");
            int index = attribute.equals("indices") ? prim.get("indices").asInt()
                    : prim.get("attributes").get(attribute).asInt();
            return json.get("accessors").get(index);
        }

        /** The accessor's bytes, checking that they lie inside the view and the view inside the buffer. */
        ByteBuffer data(JsonNode accessor, int elementSize) {
            JsonNode view = json.get("bufferViews").get(accessor.get("bufferView").asInt());
            int offset = view.get("byteOffset").asInt();
            int length = view.get("byteLength").asInt();
            assertThat(offset % 4).as("bufferView offset alignment").isZero();
            assertThat(offset + length).isLessThanOrEqualTo(json.at("/buffers/0/byteLength").asInt());
            assertThat(accessor.path("byteOffset").asInt(0)).isZero();
            assertThat(length).as("bufferView byteLength vs accessor").isEqualTo(accessor.get("count").asInt() * elementSize);
            return bin.duplicate().position(offset).limit(offset + length).slice().order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    private Glb parse(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt()).as("magic").isEqualTo(0x46546C67);
        assertThat(b.getInt()).as("version").isEqualTo(2);
        assertThat(b.getInt()).as("total length").isEqualTo(bytes.length);
        assertThat(bytes.length % 4).isZero();

        int jsonLength = b.getInt();
        assertThat(b.getInt()).as("first chunk type").isEqualTo(0x4E4F534A);
        assertThat(jsonLength % 4).as("JSON chunk alignment").isZero();
        byte[] jsonBytes = Arrays.copyOfRange(bytes, 20, 20 + jsonLength);
        String jsonText = new String(jsonBytes, StandardCharsets.UTF_8);
        assertThat(jsonText.stripTrailing()).as("JSON padded with spaces only").endsWith("}");
        JsonNode json = new ObjectMapper().readTree(jsonBytes);

        b.position(20 + jsonLength);
        int binLength = b.getInt();
        assertThat(b.getInt()).as("second chunk type").isEqualTo(0x004E4942);
        assertThat(binLength % 4).as("BIN chunk alignment").isZero();
        assertThat(28 + jsonLength + binLength).isEqualTo(bytes.length);
        int bufferLength = json.at("/buffers/0/byteLength").asInt();
        assertThat(bufferLength).isBetween(binLength - 3, binLength);
        ByteBuffer bin = ByteBuffer.wrap(bytes, 28 + jsonLength, binLength).slice().order(ByteOrder.LITTLE_ENDIAN);

        assertThat(json.at("/asset/version").asText()).isEqualTo("2.0");
        assertThat(json.at("/asset/generator").asText()).isEqualTo("Metroscope");
        assertThat(json.at("/scenes/0/nodes/0").asInt()).isZero();
        assertThat(json.at("/nodes/0/mesh").asInt()).isZero();
        for (JsonNode view : json.get("bufferViews")) {
            assertThat(view.get("buffer").asInt()).isZero();
        }
        return new Glb(json, bin);
    }

    @Test
    void trianglesWithByteColorsAndNormals() throws IOException {
        MeshData mesh = MeshFixtures.random(7, 50, 80, true);
        Path file = dir.resolve("mesh.glb");
        MeshFiles.write(file, mesh, MeshWriteOptions.defaults().withNormals(true));
        Glb glb = parse(file);

        JsonNode pos = glb.accessor("POSITION");
        assertThat(pos.get("componentType").asInt()).isEqualTo(5126);
        assertThat(pos.get("type").asText()).isEqualTo("VEC3");
        assertThat(pos.get("count").asInt()).isEqualTo(50);
        MeshData.Bounds bounds = mesh.bounds();
        assertThat(floats(pos.get("min"))).containsExactly(bounds.minX(), bounds.minY(), bounds.minZ());
        assertThat(floats(pos.get("max"))).containsExactly(bounds.maxX(), bounds.maxY(), bounds.maxZ());
        ByteBuffer p = glb.data(pos, 12);
        for (int i = 0; i < mesh.positions().length; i++) {
            assertThat(p.getFloat()).isEqualTo(mesh.positions()[i]);
        }

        JsonNode nrm = glb.accessor("NORMAL");
        assertThat(nrm.get("componentType").asInt()).isEqualTo(5126);
        ByteBuffer n = glb.data(nrm, 12);
        for (int v = 0; v < 50; v++) {
            float x = n.getFloat();
            float y = n.getFloat();
            float z = n.getFloat();
            assertThat(Math.sqrt(x * x + y * y + z * z)).as("unit normal %d", v).isCloseTo(1.0, within(1e-5));
        }

        JsonNode col = glb.accessor("COLOR_0");
        assertThat(col.get("componentType").asInt()).isEqualTo(5121);
        assertThat(col.get("type").asText()).isEqualTo("VEC4");
        assertThat(col.get("normalized").asBoolean()).isTrue();
        ByteBuffer c = glb.data(col, 4);
        for (int v = 0; v < 50; v++) {
            for (int k = 0; k < 3; k++) {
                double srgb = mesh.colors()[3 * v + k];
                double linear = srgb <= 0.04045 ? srgb / 12.92 : Math.pow((srgb + 0.055) / 1.055, 2.4);
                assertThat((c.get() & 0xFF) / 255.0).isCloseTo(linear, within(1 / 255.0));
            }
            assertThat(c.get() & 0xFF).as("alpha").isEqualTo(255);
        }

        JsonNode idx = glb.accessor("indices");
        assertThat(idx.get("componentType").asInt()).isEqualTo(5125);
        assertThat(idx.get("type").asText()).isEqualTo("SCALAR");
        assertThat(idx.get("count").asInt()).isEqualTo(240);
        ByteBuffer t = glb.data(idx, 4);
        int[] read = new int[240];
        for (int i = 0; i < read.length; i++) {
            read[i] = t.getInt();
        }
        assertThat(read).isEqualTo(mesh.triangles());
        assertThat(glb.json().at("/meshes/0/primitives/0/mode").asInt()).isEqualTo(4);
        assertThat(glb.json().at("/bufferViews/" + idx.get("bufferView").asInt() + "/target").asInt()).isEqualTo(34963);
        assertThat(glb.json().at("/materials/0/pbrMetallicRoughness/metallicFactor").asDouble()).isZero();
    }

    @Test
    void floatColorsAreVec3() throws IOException {
        MeshData mesh = MeshFixtures.cube().withUniformColor(1f, 0.5f, 0f);
        Path file = dir.resolve("mesh.glb");
        MeshFiles.write(file, mesh, MeshWriteOptions.defaults().withGltfFloatColors(true));
        Glb glb = parse(file);
        JsonNode col = glb.accessor("COLOR_0");
        assertThat(col.get("componentType").asInt()).isEqualTo(5126);
        assertThat(col.get("type").asText()).isEqualTo("VEC3");
        ByteBuffer c = glb.data(col, 12);
        assertThat(c.getFloat()).isEqualTo(1f);
        assertThat(c.getFloat()).isCloseTo(0.21404f, within(1e-4f));
        assertThat(c.getFloat()).isZero();
    }

    @Test
    void plainMeshHasOnlyPositionsAndIndices() throws IOException {
        Path file = dir.resolve("cube.glb");
        MeshFiles.write(file, MeshFixtures.cube());
        Glb glb = parse(file);
        assertThat(glb.json().at("/meshes/0/primitives/0/attributes").fieldNames()).toIterable()
                .containsExactly("POSITION");
        assertThat(glb.json().get("accessors")).hasSize(2);
        assertThat(glb.json().at("/buffers/0/byteLength").asInt()).isEqualTo(8 * 12 + 36 * 4);
        assertThat(floats(glb.accessor("POSITION").get("max"))).containsExactly(1f, 1f, 1f);
    }

    @Test
    void oddJsonLengthsArePadded() throws IOException {
        // Different vertex counts change the JSON length, so some of these need padding.
        for (int vertices = 1; vertices <= 8; vertices++) {
            Path file = dir.resolve("p" + vertices + ".glb");
            float[] p = new float[vertices * 3];
            Arrays.fill(p, 0.1f * vertices);
            MeshFiles.write(file, MeshData.of(p, new int[0]));
            Glb glb = parse(file);
            assertThat(glb.json().at("/meshes/0/primitives/0/mode").asInt()).as("points").isZero();
            assertThat(glb.json().at("/meshes/0/primitives/0").has("indices")).isFalse();
        }
    }

    @Test
    void emptyMeshIsRefused() {
        Path file = dir.resolve("empty.glb");
        assertThatThrownBy(() -> MeshFiles.write(file, MeshData.of(new float[0], new int[0])))
                .isInstanceOf(FormatException.class).hasMessageContaining("no vertices");
        assertThat(file).doesNotExist();
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).floatValue();
        }
        return out;
    }
}
