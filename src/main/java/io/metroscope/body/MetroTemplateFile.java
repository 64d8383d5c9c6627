package io.metroscope.body;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.metroscope.format.AtomicFiles;
import io.metroscope.format.DType;
import io.metroscope.format.FormatException;
import io.metroscope.format.NdArray;
import io.metroscope.format.Npz;
import io.metroscope.format.SparseMatrix;

/**
 * Saves and loads a {@link MetroTemplate} as a Metroscope template {@code .npz} (format version 1). Every
 * entry is a plain little-endian C-order array, readable with {@code numpy.load} (no pickles):
 *
 * <table>
 * <caption>entries</caption>
 * <tr><td>{@code manifest}</td><td>uint8: UTF-8 JSON (format, version, kind, joint sets with names, counts,
 * provenance); the same JSON is optionally written beside the npz as {@code NAME.json}</td></tr>
 * <tr><td>{@code full_vertices}</td><td>f8 (V,3) metres, not centred</td></tr>
 * <tr><td>{@code faces}</td><td>i4 (F,3)</td></tr>
 * <tr><td>{@code mid_vertices}</td><td>f8 (M,3), body only (1723)</td></tr>
 * <tr><td>{@code coarse_vertices}</td><td>f8 (C,3)</td></tr>
 * <tr><td>{@code root}</td><td>f8 (3,) joint subtracted from {@code ref_vertices}</td></tr>
 * <tr><td>{@code ref_vertices}</td><td>f8 (J+C,3) token joints then coarse vertices, root-centred</td></tr>
 * <tr><td>{@code joint_regressor_*}</td><td>CSR of the mesh → regressor-joints matrix</td></tr>
 * <tr><td>{@code down<i>_*}, {@code up<i>_*}</td><td>CSR of the i-th down/upsampling matrix</td></tr>
 * <tr><td colspan="2">Optional rig entries of open templates ({@link #write(Path, MetroTemplate, TemplateRig,
 * boolean)}; readers that do not know them ignore them; the manifest then has a {@code rig} section with joint
 * and shape names):</td></tr>
 * <tr><td>{@code rig_parents}</td><td>i4 (K,) kinematic parents, −1 for the root</td></tr>
 * <tr><td>{@code rig_rest_joints}</td><td>f8 (K,3) rest joints</td></tr>
 * <tr><td>{@code rig_skeleton_regressor_*}</td><td>CSR K×V regressor of the kinematic joints</td></tr>
 * <tr><td>{@code rig_weights}</td><td>f4 (V,K) skinning weights (rows sum to 1, ≤ 4 non-zeros)</td></tr>
 * <tr><td>{@code rig_shape_dirs}</td><td>f4 (V,3,S) shape directions (SMPL {@code shapedirs} layout)</td></tr>
 * <tr><td>{@code rig_mid_faces}, {@code rig_coarse_faces}</td><td>i4 (F,3) faces of the coarser levels</td></tr>
 * <tr><td>{@code rig_token_regressor_*}</td><td>CSR mesh → token joints</td></tr>
 * </table>
 * A CSR matrix {@code X} is four arrays: {@code X_shape} i4 (2,), {@code X_indptr} i4 (rows+1,),
 * {@code X_indices} i4 (nnz,) column indices, {@code X_data} f8 (nnz,) — {@code scipy.sparse.csr_matrix((data,
 * indices, indptr), shape)} rebuilds it.
 */
public final class MetroTemplateFile {
    public static final String FORMAT = "metroscope-template";
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MetroTemplateFile() {
    }

    /** Writes {@code out} atomically; with {@code manifest}, also {@code out} with {@code .json} for {@code .npz}. */
    public static void write(Path out, MetroTemplate template, boolean manifest) throws IOException {
        write(out, template, null, manifest);
    }

    /** As {@link #write(Path, MetroTemplate, boolean)}, adding the rig entries when {@code rig} is not null. */
    public static void write(Path out, MetroTemplate template, TemplateRig rig, boolean manifest) throws IOException {
        ObjectNode meta = manifest(template);
        if (rig != null) {
            ObjectNode r = meta.putObject("rig");
            rig.jointNames().forEach(r.putArray("joint_names")::add);
            rig.shapeNames().forEach(r.putArray("shape_names")::add);
            r.put("max_influences", 4);
            r.put("pose_blend_shapes", false);
        }
        byte[] metaBytes = JSON.writeValueAsBytes(meta);
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("manifest", new NdArray(DType.UINT8, new int[] {metaBytes.length}, ByteBuffer.wrap(metaBytes),
                null));
        arrays.put("full_vertices", NdArray.ofDoubles(template.fullVertices(), template.fullVertexCount(), 3));
        arrays.put("faces", NdArray.ofInts(template.faces(), template.faces().length / 3, 3));
        if (template.midVertices().length > 0) {
            arrays.put("mid_vertices", NdArray.ofDoubles(template.midVertices(), template.midVertices().length / 3, 3));
        }
        arrays.put("coarse_vertices", NdArray.ofDoubles(template.coarseVertices(), template.coarseVertexCount(), 3));
        arrays.put("root", NdArray.ofDoubles(template.root(), 3));
        arrays.put("ref_vertices", NdArray.ofDoubles(template.refVertices(), template.tokenCount(), 3));
        putSparse(arrays, "joint_regressor", template.jointRegressor());
        for (int i = 0; i < template.downsampling().size(); i++) {
            putSparse(arrays, "down" + i, template.downsampling().get(i));
        }
        for (int i = 0; i < template.upsampling().size(); i++) {
            putSparse(arrays, "up" + i, template.upsampling().get(i));
        }
        if (rig != null) {
            int v = template.fullVertexCount();
            int k = rig.jointCount();
            arrays.put("rig_parents", NdArray.ofInts(rig.parents(), k));
            arrays.put("rig_rest_joints", NdArray.ofDoubles(rig.restJoints(), k, 3));
            putSparse(arrays, "rig_skeleton_regressor", rig.skeletonRegressor());
            arrays.put("rig_weights", NdArray.ofFloats(toFloats(rig.weights()), v, k));
            arrays.put("rig_shape_dirs", NdArray.ofFloats(toFloats(rig.shapeDirs()), v, 3, rig.shapeCount()));
            if (rig.midFaces().length > 0) {
                arrays.put("rig_mid_faces", NdArray.ofInts(rig.midFaces(), rig.midFaces().length / 3, 3));
            }
            arrays.put("rig_coarse_faces", NdArray.ofInts(rig.coarseFaces(), rig.coarseFaces().length / 3, 3));
            putSparse(arrays, "rig_token_regressor", rig.tokenRegressor());
        }
        Path absolute = out.toAbsolutePath();
        Npz.write(absolute, arrays, true);
        if (manifest) {
            AtomicFiles.write(manifestPath(absolute), o -> o.write(metaBytes));
        }
    }

    /** The side-car manifest path: {@code body.npz} → {@code body.json}. */
    public static Path manifestPath(Path npz) {
        String name = npz.getFileName().toString();
        String stem = name.toLowerCase().endsWith(".npz") ? name.substring(0, name.length() - 4) : name;
        return npz.resolveSibling(stem + ".json");
    }

    /** Reads a template written by {@link #write}; the npz alone is enough. */
    public static MetroTemplate read(Path file) throws FormatException {
        try (Npz npz = Npz.open(file)) {
            if (!npz.contains("manifest")) {
                throw wrong(file, "it has no 'manifest' entry");
            }
            JsonNode meta = manifest(npz, file);
            if (!FORMAT.equals(meta.path("format").asText()) || meta.path("version").asInt() != VERSION) {
                throw new FormatException(file, "format " + meta.path("format").asText() + " version "
                        + meta.path("version").asText() + " is not " + FORMAT + " " + VERSION,
                        "rebuild it with 'metroscope template build' from this version");
            }
            TemplateKind kind;
            JointSet regressorJoints;
            JointSet tokenJoints;
            try {
                kind = TemplateKind.fromId(meta.path("kind").asText());
                regressorJoints = JointSet.valueOf(meta.path("regressor_joints").path("set").asText());
                tokenJoints = JointSet.valueOf(meta.path("token_joints").path("set").asText());
            } catch (IllegalArgumentException e) {
                throw wrong(file, "its manifest names an unknown kind or joint set");
            }
            Map<String, String> provenance = new LinkedHashMap<>();
            meta.path("provenance").fields().forEachRemaining(e -> provenance.put(e.getKey(), e.getValue().asText()));
            double[] mid = npz.contains("mid_vertices") ? npz.get("mid_vertices").toDoubleArray() : new double[0];
            try {
                return new MetroTemplate(kind, npz.get("full_vertices").toDoubleArray(),
                        npz.get("faces").toIntArray(), mid, npz.get("coarse_vertices").toDoubleArray(),
                        sparseList(npz, "down"), sparseList(npz, "up"), sparse(npz, "joint_regressor"),
                        regressorJoints, tokenJoints, npz.get("root").toDoubleArray(),
                        npz.get("ref_vertices").toDoubleArray(), provenance);
            } catch (IllegalArgumentException e) {
                throw wrong(file, "its arrays do not fit together (" + e.getMessage() + ")");
            }
        }
    }

    private static JsonNode manifest(Npz npz, Path file) throws FormatException {
        try {
            NdArray raw = npz.get("manifest");
            byte[] bytes = new byte[raw.size()];
            raw.data().get(bytes);
            return JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw wrong(file, "its manifest is not JSON");
        }
    }

    /** The rig of an open template file, or null when the file has none. */
    public static TemplateRig readRig(Path file) throws FormatException {
        try (Npz npz = Npz.open(file)) {
            if (!npz.contains("rig_parents")) {
                return null;
            }
            JsonNode meta = manifest(npz, file);
            List<String> joints = new ArrayList<>();
            meta.path("rig").path("joint_names").forEach(n -> joints.add(n.asText()));
            List<String> shapes = new ArrayList<>();
            meta.path("rig").path("shape_names").forEach(n -> shapes.add(n.asText()));
            int[] mid = npz.contains("rig_mid_faces") ? npz.get("rig_mid_faces").toIntArray() : new int[0];
            try {
                return new TemplateRig(joints, npz.get("rig_parents").toIntArray(),
                        npz.get("rig_rest_joints").toDoubleArray(), sparse(npz, "rig_skeleton_regressor"),
                        npz.get("rig_weights").toDoubleArray(), shapes, npz.get("rig_shape_dirs").toDoubleArray(),
                        mid, npz.get("rig_coarse_faces").toIntArray(), sparse(npz, "rig_token_regressor"));
            } catch (IllegalArgumentException e) {
                throw wrong(file, "its rig arrays do not fit together (" + e.getMessage() + ")");
            }
        }
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    private static ObjectNode manifest(MetroTemplate t) {
        ObjectNode meta = JSON.createObjectNode();
        meta.put("format", FORMAT);
        meta.put("version", VERSION);
        meta.put("kind", t.kind().id());
        meta.put("units", "metres");
        jointSet(meta.putObject("token_joints"), t.tokenJoints());
        jointSet(meta.putObject("regressor_joints"), t.regressorJoints());
        ObjectNode counts = meta.putObject("counts");
        counts.put("full_vertices", t.fullVertexCount());
        counts.put("faces", t.faces().length / 3);
        counts.put("mid_vertices", t.midVertices().length / 3);
        counts.put("coarse_vertices", t.coarseVertexCount());
        counts.put("tokens", t.tokenCount());
        counts.put("downsampling_levels", t.downsampling().size());
        counts.put("upsampling_levels", t.upsampling().size());
        ObjectNode provenance = meta.putObject("provenance");
        t.provenance().forEach(provenance::put);
        return meta;
    }

    private static void jointSet(ObjectNode node, JointSet set) {
        node.put("set", set.name());
        set.names().forEach(node.putArray("names")::add);
    }

    private static void putSparse(Map<String, NdArray> arrays, String name, SparseMatrix m) {
        arrays.put(name + "_shape", NdArray.ofInts(new int[] {m.rows(), m.cols()}, 2));
        arrays.put(name + "_indptr", NdArray.ofInts(m.rowPointers(), m.rows() + 1));
        arrays.put(name + "_indices", NdArray.ofInts(m.columnIndices(), m.nonZeroCount()));
        arrays.put(name + "_data", NdArray.ofDoubles(m.values(), m.nonZeroCount()));
    }

    private static SparseMatrix sparse(Npz npz, String name) throws FormatException {
        int[] shape = npz.get(name + "_shape").toIntArray();
        return SparseMatrix.fromCsr(shape[0], shape[1], npz.get(name + "_indptr").toIntArray(),
                npz.get(name + "_indices").toIntArray(), npz.get(name + "_data").toDoubleArray());
    }

    private static List<SparseMatrix> sparseList(Npz npz, String prefix) throws FormatException {
        List<SparseMatrix> out = new ArrayList<>();
        while (npz.contains(prefix + out.size() + "_shape")) {
            out.add(sparse(npz, prefix + out.size()));
        }
        return out;
    }

    private static FormatException wrong(Path file, String problem) {
        return new FormatException(file, problem, "choose a template written by 'metroscope template build'");
    }
}
