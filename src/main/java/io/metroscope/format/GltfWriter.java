package io.metroscope.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes binary glTF 2.0 ({@code .glb}): one mesh, one node, one scene.
 *
 * <p>COLOR_0 is linear light in glTF, while {@link MeshData} colours are sRGB like OBJ/PLY, so colours are
 * linearised on the way out; viewers then display the same shades as an OBJ/PLY viewer would.
 * Meshes without faces are written as points.
 */
public final class GltfWriter {
    static final int MAGIC = 0x46546C67; // "glTF"
    static final int CHUNK_JSON = 0x4E4F534A;
    static final int CHUNK_BIN = 0x004E4942;
    static final int FLOAT = 5126;
    static final int UNSIGNED_BYTE = 5121;
    static final int UNSIGNED_INT = 5125;
    private static final int ARRAY_BUFFER = 34962;
    private static final int ELEMENT_ARRAY_BUFFER = 34963;
    private static final ObjectMapper JSON = new ObjectMapper();

    private GltfWriter() {
    }

    public static void write(Path file, MeshData mesh, MeshWriteOptions options) throws FormatException {
        if (mesh.vertexCount() == 0) {
            // glTF accessors must have count >= 1, so an empty mesh has no valid encoding.
            throw new FormatException(file, "the mesh has no vertices, and glTF cannot hold an empty mesh",
                    "check that reconstruction produced a mesh before exporting");
        }
        float[] normals = options.normalsFor(mesh);
        float[] colors = options.colorsFor(mesh);
        Layout layout = new Layout(mesh, normals != null, colors != null, options.gltfFloatColors());
        byte[] json = padded(json(mesh, layout, normals != null, colors != null, options.gltfFloatColors()), (byte) ' ');
        long binPadded = align4(layout.binLength);
        long total = 12 + 8 + json.length + 8 + binPadded;
        if (total > 0xFFFFFFFFL) {
            throw new FormatException(file, "the mesh needs " + total + " bytes, beyond the 4 GiB limit of .glb",
                    "export as .ply instead, or simplify the mesh");
        }
        AtomicFiles.write(file, out -> {
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            buf.putInt(MAGIC).putInt(2).putInt((int) total);
            buf.putInt(json.length).putInt(CHUNK_JSON);
            drain(buf, out);
            out.write(json);
            buf.putInt((int) binPadded).putInt(CHUNK_BIN);
            writeBin(buf, out, mesh, normals, colors, options.gltfFloatColors());
            for (long i = layout.binLength; i < binPadded; i++) {
                buf.put((byte) 0);
            }
            drain(buf, out);
        });
    }

    /** Byte offsets of each bufferView in the BIN chunk; every block is a multiple of 4 bytes long. */
    private static final class Layout {
        final long positions;
        final long normals;
        final long colors;
        final long indices;
        final long binLength;

        Layout(MeshData mesh, boolean hasNormals, boolean hasColors, boolean floatColors) {
            long n = mesh.vertexCount();
            long at = 0;
            positions = at;
            at += 12 * n;
            normals = at;
            at += hasNormals ? 12 * n : 0;
            colors = at;
            at += hasColors ? (floatColors ? 12 : 4) * n : 0;
            indices = at;
            at += 4L * mesh.triangles().length;
            binLength = at;
        }
    }

    private static byte[] json(MeshData mesh, Layout layout, boolean hasNormals, boolean hasColors,
            boolean floatColors) throws FormatException {
        int n = mesh.vertexCount();
        ObjectNode root = JSON.createObjectNode();
        root.putObject("asset").put("version", "2.0").put("generator", "Metroscope");
        root.put("scene", 0);
        root.putArray("scenes").addObject().putArray("nodes").add(0);
        root.putArray("nodes").addObject().put("mesh", 0);
        root.putArray("buffers").addObject().put("byteLength", layout.binLength);
        ArrayNode views = root.putArray("bufferViews");
        ArrayNode accessors = root.putArray("accessors");
        ObjectNode primitive = JSON.createObjectNode();
        ObjectNode attributes = primitive.putObject("attributes");

        MeshData.Bounds b = mesh.bounds();
        ObjectNode pos = accessor(accessors, view(views, layout.positions, 12L * n, ARRAY_BUFFER), FLOAT, n, "VEC3");
        // Required for POSITION; floats go to JSON as Float.toString, which reads back to the same float32.
        pos.putArray("min").add(b.minX()).add(b.minY()).add(b.minZ());
        pos.putArray("max").add(b.maxX()).add(b.maxY()).add(b.maxZ());
        attributes.put("POSITION", accessors.size() - 1);
        if (hasNormals) {
            accessor(accessors, view(views, layout.normals, 12L * n, ARRAY_BUFFER), FLOAT, n, "VEC3");
            attributes.put("NORMAL", accessors.size() - 1);
        }
        if (hasColors) {
            if (floatColors) {
                accessor(accessors, view(views, layout.colors, 12L * n, ARRAY_BUFFER), FLOAT, n, "VEC3");
            } else {
                accessor(accessors, view(views, layout.colors, 4L * n, ARRAY_BUFFER), UNSIGNED_BYTE, n, "VEC4")
                        .put("normalized", true);
            }
            attributes.put("COLOR_0", accessors.size() - 1);
        }
        if (mesh.faceCount() > 0) {
            int count = mesh.triangles().length;
            accessor(accessors, view(views, layout.indices, 4L * count, ELEMENT_ARRAY_BUFFER), UNSIGNED_INT, count,
                    "SCALAR");
            primitive.put("indices", accessors.size() - 1);
            primitive.put("mode", 4);
        } else {
            primitive.put("mode", 0);
        }
        // The default glTF material is fully metallic, which renders a skin-coloured mesh nearly black.
        root.putArray("materials").addObject().put("name", "Metroscope mesh").put("doubleSided", true)
                .putObject("pbrMetallicRoughness").put("metallicFactor", 0.0).put("roughnessFactor", 0.8);
        primitive.put("material", 0);
        root.putArray("meshes").addObject().putArray("primitives").add(primitive);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new FormatException(null, "could not encode the glTF JSON (" + e + ")", "report this as a bug", e);
        }
    }

    private static int view(ArrayNode views, long offset, long length, int target) {
        views.addObject().put("buffer", 0).put("byteOffset", offset).put("byteLength", length).put("target", target);
        return views.size() - 1;
    }

    private static ObjectNode accessor(ArrayNode accessors, int view, int componentType, int count, String type) {
        return accessors.addObject().put("bufferView", view).put("componentType", componentType)
                .put("count", count).put("type", type);
    }

    private static void writeBin(ByteBuffer buf, OutputStream out, MeshData mesh, float[] normals, float[] colors,
            boolean floatColors) throws IOException {
        float[] p = mesh.positions();
        for (float f : p) {
            ensure(buf, out, 4);
            buf.putFloat(f);
        }
        if (normals != null) {
            for (int i = 0; i < normals.length; i += 3) {
                ensure(buf, out, 12);
                double x = normals[i];
                double y = normals[i + 1];
                double z = normals[i + 2];
                double len = Math.sqrt(x * x + y * y + z * z);
                // glTF requires unit normals; an isolated vertex has none, so give it an arbitrary unit one.
                if (len < 1e-12) {
                    buf.putFloat(0f).putFloat(0f).putFloat(1f);
                } else {
                    buf.putFloat((float) (x / len)).putFloat((float) (y / len)).putFloat((float) (z / len));
                }
            }
        }
        if (colors != null) {
            for (int i = 0; i < colors.length; i += 3) {
                ensure(buf, out, 12);
                for (int k = 0; k < 3; k++) {
                    float linear = MeshColors.srgbToLinear(colors[i + k]);
                    if (floatColors) {
                        buf.putFloat(linear);
                    } else {
                        buf.put((byte) MeshColors.toByte(linear));
                    }
                }
                if (!floatColors) {
                    buf.put((byte) 0xFF);
                }
            }
        }
        for (int index : mesh.triangles()) {
            ensure(buf, out, 4);
            buf.putInt(index);
        }
    }

    private static void ensure(ByteBuffer buf, OutputStream out, int n) throws IOException {
        if (buf.remaining() < n) {
            drain(buf, out);
        }
    }

    private static void drain(ByteBuffer buf, OutputStream out) throws IOException {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
    }

    private static byte[] padded(byte[] data, byte pad) {
        int len = (int) align4(data.length);
        if (len == data.length) {
            return data;
        }
        byte[] out = java.util.Arrays.copyOf(data, len);
        java.util.Arrays.fill(out, data.length, len, pad);
        return out;
    }

    static long align4(long n) {
        return (n + 3) & ~3L;
    }
}
