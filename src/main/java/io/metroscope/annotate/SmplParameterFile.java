package io.metroscope.annotate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metroscope.format.FormatException;
import io.metroscope.format.NdArray;
import io.metroscope.format.Npz;
import io.metroscope.vision.CropTransform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One person's SMPL parameters from a JSON or NPZ file, as fitting tools write them:
 * <ul>
 * <li>EFT: {@code parm_pose} (24 rotation matrices), {@code parm_shape}, {@code parm_cam} {@code [s, tx, ty]} on the
 * square box of {@code bbox_center} and {@code bbox_scale} (side / 200 px), {@code imageName};</li>
 * <li>NeuralAnnot: {@code smpl_param} {@code {pose, shape, trans}} with {@code cam_param} {@code {focal, princpt}}
 * (a perspective camera);</li>
 * <li>plain: {@code pose} (72 axis-angle values, or {@code global_orient} + {@code body_pose}, or 24×3×3 matrices),
 * {@code betas} (or {@code shape}), optionally {@code cam}/{@code camera} with {@code center}/{@code scale}, or
 * {@code trans} with {@code focal}/{@code princpt}, and {@code image}.</li>
 * </ul>
 *
 * @param parameters pose (axis-angle) and betas
 * @param camera     weak-perspective {@code [s, tx, ty]} on {@code crop}, or null
 * @param crop       the box the camera is relative to (224 px crop), or null for the image's centre crop
 * @param trans      translation of a perspective camera (metres), or null
 * @param focal      {@code [fx, fy]} in pixels, or null
 * @param princpt    {@code [cx, cy]} in pixels, or null
 * @param image      the image named in the file, or null (then the image of the same name beside it)
 */
public record SmplParameterFile(SmplParameters parameters, float[] camera, CropTransform crop, double[] trans,
        double[] focal, double[] princpt, String image) {

    private static final int CROP = 224;

    /** Reads {@code file} (.json or .npz); fails naming the file and what is missing. */
    public static SmplParameterFile read(Path file) throws FormatException {
        Map<String, double[]> values = new LinkedHashMap<>();
        String image = null;
        String gender = null;
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npz")) {
            for (Map.Entry<String, NdArray> e : Npz.read(file).entrySet()) {
                NdArray a = e.getValue();
                if (a.dtype() != io.metroscope.format.DType.OBJECT) {
                    values.put(e.getKey(), a.toDoubleArray());
                } else if (a.size() == 1 && a.getObject(0) instanceof String s) {
                    if (e.getKey().equals("gender")) {
                        gender = s;
                    } else if (e.getKey().equals("image") || e.getKey().equals("imageName")) {
                        image = s;
                    }
                }
            }
        } else {
            JsonNode root;
            try {
                root = new ObjectMapper().readTree(file.toFile());
            } catch (IOException e) {
                throw new FormatException(file, "it is not valid JSON (" + e.getMessage().lines().findFirst()
                        .orElse("") + ")", "choose an SMPL parameter file written by EFT or NeuralAnnot", e);
            }
            if (root.isArray()) {
                if (root.size() != 1) {
                    throw new FormatException(file, "it holds " + root.size() + " people",
                            "split it into one file per person, each beside (or naming) its image");
                }
                root = root.get(0);
            }
            flatten(root, "", values);
            gender = text(root, "gender");
            image = text(root, "imageName") != null ? text(root, "imageName") : text(root, "image");
        }
        double[] pose = pose(file, values);
        double[] betas = first(values, "betas", "shape", "parm_shape", "smpl_param.shape", "smpl_param.betas");
        if (betas == null) {
            betas = new double[10];
        }
        float[] camera = null;
        CropTransform crop = null;
        double[] cam = first(values, "cam", "camera", "pred_camera", "parm_cam", "pred_cam");
        if (cam != null) {
            if (cam.length != 3) {
                throw new FormatException(file, "its camera has " + cam.length + " values, not [s, tx, ty]",
                        "give the weak-perspective camera of the fit");
            }
            camera = new float[] {(float) cam[0], (float) cam[1], (float) cam[2]};
            double[] center = first(values, "bbox_center", "center");
            double[] scale = first(values, "bbox_scale", "scale");
            if (center != null && scale != null && center.length == 2 && scale.length >= 1) {
                double side = 200 * scale[0];
                crop = new CropTransform(center[0] - side / 2, center[1] - side / 2, side / CROP, side / CROP, CROP,
                        CROP);
            }
        }
        double[] trans = first(values, "trans", "transl", "smpl_param.trans");
        double[] focal = first(values, "focal", "cam_param.focal");
        double[] princpt = first(values, "princpt", "cam_param.princpt");
        return new SmplParameterFile(new SmplParameters(pose, betas, gender, file.getFileName().toString()), camera,
                crop, trans, focal, princpt, image);
    }

    /** Whether a perspective camera (translation, focal length and principal point) came with the parameters. */
    public boolean perspective() {
        return trans != null && trans.length == 3 && focal != null && focal.length >= 1 && princpt != null
                && princpt.length == 2;
    }

    private static double[] pose(Path file, Map<String, double[]> values) throws FormatException {
        double[] pose = first(values, "pose", "poses", "thetas", "parm_pose", "smpl_param.pose", "smpl_pose");
        if (pose == null) {
            double[] global = first(values, "global_orient", "smpl_param.global_orient");
            double[] body = first(values, "body_pose", "smpl_param.body_pose");
            if (global != null && body != null) {
                pose = new double[global.length + body.length];
                System.arraycopy(global, 0, pose, 0, global.length);
                System.arraycopy(body, 0, pose, global.length, body.length);
            }
        }
        if (pose == null) {
            throw new FormatException(file, "it has no SMPL pose (looked for pose, parm_pose, smpl_param.pose, "
                    + "global_orient + body_pose)", "choose an SMPL parameter file written by EFT or NeuralAnnot");
        }
        if (pose.length == 24 * 9) {
            return fromMatrices(pose);
        }
        if (pose.length != 72) {
            throw new FormatException(file, "its pose has " + pose.length + " values; SMPL needs 72 (24 axis-angles)"
                    + " or 216 (24 rotation matrices)" + (pose.length % 72 == 0 ? ": it seems to hold "
                    + pose.length / 72 + " people" : ""), "give one person's 24-joint SMPL pose per file");
        }
        return pose;
    }

    /** 24 row-major 3×3 rotation matrices → axis-angle (the inverse of Rodrigues' formula). */
    static double[] fromMatrices(double[] m) {
        double[] out = new double[72];
        for (int j = 0; j < 24; j++) {
            int o = 9 * j;
            double cos = Math.max(-1, Math.min(1, (m[o] + m[o + 4] + m[o + 8] - 1) / 2));
            double angle = Math.acos(cos);
            double x = m[o + 7] - m[o + 5];
            double y = m[o + 2] - m[o + 6];
            double z = m[o + 3] - m[o + 1];
            double sin = Math.sin(angle);
            if (sin > 1e-6) {
                double k = angle / (2 * sin);
                out[3 * j] = k * x;
                out[3 * j + 1] = k * y;
                out[3 * j + 2] = k * z;
            } else if (cos < 0) {
                // A half turn: the axis is the column of R + I with the largest norm.
                double[] a = {Math.sqrt(Math.max(0, (m[o] + 1) / 2)), Math.sqrt(Math.max(0, (m[o + 4] + 1) / 2)),
                    Math.sqrt(Math.max(0, (m[o + 8] + 1) / 2))};
                if (m[o + 1] < 0) {
                    a[1] = -a[1];
                }
                if (m[o + 2] < 0) {
                    a[2] = -a[2];
                }
                out[3 * j] = Math.PI * a[0];
                out[3 * j + 1] = Math.PI * a[1];
                out[3 * j + 2] = Math.PI * a[2];
            }
        }
        return out;
    }

    private static double[] first(Map<String, double[]> values, String... keys) {
        for (String k : keys) {
            double[] v = values.get(k);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String text(JsonNode root, String key) {
        JsonNode n = root.get(key);
        return n != null && n.isTextual() ? n.asText() : null;
    }

    /** Numeric arrays (any nesting, flattened) and numbers under dotted keys ({@code smpl_param.pose}). */
    private static void flatten(JsonNode node, String prefix, Map<String, double[]> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(e.getValue(), prefix.isEmpty() ? e.getKey()
                    : prefix + "." + e.getKey(), out));
            return;
        }
        List<Double> numbers = new java.util.ArrayList<>();
        if (collect(node, numbers)) {
            out.put(prefix, numbers.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    private static boolean collect(JsonNode node, List<Double> numbers) {
        if (node.isNumber()) {
            numbers.add(node.asDouble());
            return true;
        }
        if (!node.isArray()) {
            return false;
        }
        for (JsonNode e : node) {
            if (!collect(e, numbers)) {
                return false;
            }
        }
        return true;
    }
}
