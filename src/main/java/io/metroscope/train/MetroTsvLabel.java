package io.metroscope.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metroscope.format.FormatException;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * One row's annotation of a METRO label TSV (the first object of the row's JSON list, as the official datasets
 * read it; fields as {@code tsv_demo_h36m.py} / {@code tsv_demo_freihand.py} write them).
 *
 * @param center    bounding-box centre in image pixels
 * @param scale     box side / 200 px
 * @param joints2d  N×3 [x px, y px, confidence] (body: GraphCMR's J24 order; hand: FreiHAND-21)
 * @param joints3d  N×4 [x, y, z metres (camera frame), confidence]
 * @param pose      SMPL axis-angles (72) or MANO (48); may be zeros
 * @param betas     shape coefficients (10)
 * @param gender    "neutral", "m", "f" … or null
 */
public record MetroTsvLabel(double[] center, double scale, double[] joints2d, boolean hasJoints2d, double[] joints3d,
        boolean hasJoints3d, double[] pose, double[] betas, boolean hasSmpl, String gender) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public int jointCount() {
        return joints3d.length / 4;
    }

    /** Parses a label cell; {@code file} and {@code row} name the place in errors. */
    public static MetroTsvLabel parse(String cell, Path file, int row) throws FormatException {
        JsonNode doc;
        try {
            doc = JSON.readTree(cell);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw bad(file, row, "its label is not JSON (" + e.getOriginalMessage() + ")", e);
        }
        JsonNode a = doc.isArray() ? doc.path(0) : doc;
        if (!a.isObject()) {
            throw bad(file, row, "its label is not a list holding an annotation object", null);
        }
        double[] center = numbers(a, "center", file, row);
        double[] j2 = numbers(a, "2d_joints", file, row);
        double[] j3 = numbers(a, "3d_joints", file, row);
        if (center.length != 2 || j2.length % 3 != 0 || j3.length % 4 != 0 || j2.length / 3 != j3.length / 4) {
            throw bad(file, row, "center must hold 2 values, 2d_joints N×3 and 3d_joints N×4 for the same N (found "
                    + center.length + ", " + j2.length + ", " + j3.length + " values)", null);
        }
        if (!a.path("scale").isNumber()) {
            throw bad(file, row, "its label has no numeric 'scale'", null);
        }
        return new MetroTsvLabel(center, a.path("scale").asDouble(), j2, flag(a, "has_2d_joints"), j3,
                flag(a, "has_3d_joints"), a.has("pose") ? numbers(a, "pose", file, row) : new double[0],
                a.has("betas") ? numbers(a, "betas", file, row) : new double[0], flag(a, "has_smpl"),
                a.path("gender").isTextual() ? a.path("gender").asText() : null);
    }

    private static boolean flag(JsonNode a, String name) {
        JsonNode n = a.path(name);
        return n.isBoolean() ? n.asBoolean() : n.isNumber() ? n.asDouble() != 0 : n.isArray() && n.size() > 0
                && n.get(0).asDouble() != 0;
    }

    /** All numbers of a (possibly nested) array, flattened; the official (1, N, k) nesting collapses. */
    private static double[] numbers(JsonNode a, String name, Path file, int row) throws FormatException {
        JsonNode n = a.get(name);
        if (n == null || !(n.isArray() || n.isNumber())) {
            throw bad(file, row, "its label lacks the array '" + name + "'", null);
        }
        double[] out = new double[16];
        int[] count = {0};
        out = flatten(n, out, count, file, row, name);
        return Arrays.copyOf(out, count[0]);
    }

    private static double[] flatten(JsonNode n, double[] out, int[] count, Path file, int row, String name)
            throws FormatException {
        if (n.isNumber()) {
            if (count[0] == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            out[count[0]++] = n.asDouble();
            return out;
        }
        if (!n.isArray()) {
            throw bad(file, row, "'" + name + "' holds a non-number (" + n.getNodeType() + ")", null);
        }
        for (JsonNode e : n) {
            out = flatten(e, out, count, file, row, name);
        }
        return out;
    }

    private static FormatException bad(Path file, int row, String problem, Throwable cause) {
        return new FormatException(file, "row " + row + ": " + problem,
                "write the labels as METRO's tsv_demo_*.py scripts do (center, scale, 2d_joints, 3d_joints, pose,"
                        + " betas, has_* flags)", cause);
    }

    /** The row's label cell: a JSON list with this annotation. */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.set("center", array(center, 0));
        o.put("scale", scale);
        o.set("2d_joints", array(joints2d, 3));
        o.put("has_2d_joints", hasJoints2d ? 1 : 0);
        o.set("3d_joints", array(joints3d, 4));
        o.put("has_3d_joints", hasJoints3d ? 1 : 0);
        o.set("pose", array(pose, 0));
        o.set("betas", array(betas, 0));
        o.put("has_smpl", hasSmpl ? 1 : 0);
        if (gender != null) {
            o.put("gender", gender);
        }
        ArrayNode list = JSON.createArrayNode();
        list.add(o);
        return list.toString();
    }

    /** A flat array, or rows of {@code width} values (0: flat). */
    private static ArrayNode array(double[] values, int width) {
        ArrayNode out = JSON.createArrayNode();
        if (width == 0) {
            for (double v : values) {
                out.add(v);
            }
            return out;
        }
        for (int i = 0; i < values.length; i += width) {
            ArrayNode r = out.addArray();
            for (int k = 0; k < width; k++) {
                r.add(values[i + k]);
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetroTsvLabel l && Arrays.equals(center, l.center) && scale == l.scale
                && Arrays.equals(joints2d, l.joints2d) && hasJoints2d == l.hasJoints2d
                && Arrays.equals(joints3d, l.joints3d) && hasJoints3d == l.hasJoints3d && Arrays.equals(pose, l.pose)
                && Arrays.equals(betas, l.betas) && hasSmpl == l.hasSmpl && java.util.Objects.equals(gender, l.gender);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(joints3d) * 31 + Double.hashCode(scale);
    }

    @Override
    public String toString() {
        return "MetroTsvLabel[" + jointCount() + " joints, scale " + scale + ", smpl " + hasSmpl + "]";
    }
}
