package io.metroscope.recon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.metroscope.format.AtomicFiles;
import io.metroscope.format.FormatException;
import io.metroscope.format.MeshData;
import io.metroscope.format.MeshFiles;
import io.metroscope.format.NdArray;
import io.metroscope.format.Npz;
import io.metroscope.model.MeshKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes reconstructions: all arrays as an npz named like the official parity fixtures (what {@code infer}
 * writes), the mesh as OBJ/PLY/glb, or the whole record as JSON. Every file is written atomically.
 */
public final class ReconstructionExport {

    private ReconstructionExport() {
    }

    /**
     * The output arrays, batch first, in the order of {@code results}: cam, joints, vertices at every level,
     * root, centred vertices, regressed joints, 2D projections, the template, and attention when asked (the last
     * layer as {@code attention}, like the official fixtures, and every layer of the last block as
     * {@code attention_layers}).
     */
    public static Map<String, NdArray> arrays(List<Reconstruction> results, float[] template, boolean attention) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no reconstructions to export");
        }
        Reconstruction first = results.get(0);
        int b = results.size();
        int j = first.jointCount();
        int v = first.coarseVertexCount();
        int n = first.tokenCount();
        Map<String, NdArray> a = new LinkedHashMap<>();
        a.put("cam", stack(results, Reconstruction::camera, b, 3));
        a.put("joints", stack(results, Reconstruction::joints, b, j, 3));
        a.put("vertices_coarse", stack(results, Reconstruction::verticesCoarse, b, v, 3));
        if (first.kind() == MeshKind.BODY) {
            a.put("vertices_mid", stack(results, Reconstruction::verticesMid, b, first.verticesMid().length / 3, 3));
        }
        a.put("vertices", stack(results, Reconstruction::vertices, b, first.vertexCount(), 3));
        a.put("root", stack(results, Reconstruction::root, b, 3));
        a.put("vertices_centered", stack(results, Reconstruction::verticesCentered, b, first.vertexCount(), 3));
        a.put("joints_regressed", stack(results, Reconstruction::jointsRegressed, b, first.jointsRegressed().length / 3, 3));
        a.put("joints2d", stack(results, Reconstruction::joints2d, b, first.joints2d().length / 2, 2));
        a.put("vertices2d_coarse", stack(results, Reconstruction::verticesCoarse2d, b, v, 2));
        a.put("template", NdArray.ofFloats(template, n, 3));
        if (attention && first.hasAttention()) {
            int h = first.attentionHeads();
            a.put("attention", stack(results, Reconstruction::attention, b, h, n, n));
            a.put("attention_layers", stack(results, Reconstruction::attentionAllLayers, b, first.attentionLayers(), h,
                    n, n));
            a.put("attention_demo", stack(results, r -> toFloats(r.attentionDemo()), b, n));
        }
        return a;
    }

    /** Writes arrays as an uncompressed npz (numpy.load reads it). */
    public static void writeNpz(Path file, Map<String, NdArray> arrays) throws IOException {
        Npz.write(file, arrays, false);
    }

    /** Writes the centred full mesh; the format follows the extension (.obj, .ply, .glb). */
    public static void writeMesh(Path file, Reconstruction r, int[] faces) throws FormatException {
        MeshFiles.write(file, MeshData.of(r.verticesCentered(), faces));
    }

    /** Writes the whole record, arrays included, as JSON. */
    public static void writeJson(Path file, Reconstruction r) throws FormatException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(file, out -> json.writeValue(out, r));
    }

    private static NdArray stack(List<Reconstruction> items, Function<Reconstruction, float[]> field, int... shape) {
        int each = Arrays.stream(shape).skip(1).reduce(1, (x, y) -> x * y);
        float[] all = new float[each * items.size()];
        for (int i = 0; i < items.size(); i++) {
            float[] one = field.apply(items.get(i));
            if (one.length != each) {
                throw new IllegalStateException("item " + i + " has " + one.length + " values, expected " + each);
            }
            System.arraycopy(one, 0, all, i * each, each);
        }
        return NdArray.ofFloats(all, shape);
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
