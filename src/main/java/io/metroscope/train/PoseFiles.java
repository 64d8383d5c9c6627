package io.metroscope.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.metroscope.format.FormatException;
import io.metroscope.format.NdArray;
import io.metroscope.format.Npz;

/**
 * Reads poses to synthesise from: an {@code .npz} with {@code pose} (P or N×P) and optional {@code betas} (S or
 * N×S), or a JSON object {@code {"pose": [...], "betas": [...]}} (pose flat or N lists), or a JSON array of such
 * objects. P is 3 × the rig's joints (72 body, 48 hand).
 */
public final class PoseFiles {
    private PoseFiles() {
    }

    /** Every pose in {@code file}, checked to have {@code 3·joints} values. */
    public static List<PoseShape> read(Path file, int joints) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<PoseShape> poses = name.endsWith(".npz") ? readNpz(file) : readJson(file);
        if (poses.isEmpty()) {
            throw new FormatException(file, "it holds no pose", "add a 'pose' entry");
        }
        for (PoseShape p : poses) {
            if (p.pose().length != 3 * joints) {
                throw new FormatException(file, "a pose has " + p.pose().length + " values, the template's rig needs "
                        + 3 * joints, "use poses for this template (72 for the body, 48 for the hand)");
            }
        }
        return poses;
    }

    private static List<PoseShape> readNpz(Path file) throws IOException {
        try (Npz npz = Npz.open(file)) {
            NdArray pose = npz.get("pose");
            NdArray betas = npz.contains("betas") ? npz.get("betas") : null;
            double[] p = pose.toDoubleArray();
            double[] b = betas == null ? new double[0] : betas.toDoubleArray();
            int n = pose.rank() == 2 ? pose.dim(0) : 1;
            int pw = p.length / n;
            int bw = betas == null ? 0 : betas.rank() == 2 ? betas.dim(1) : b.length;
            boolean perPose = betas != null && betas.rank() == 2;
            if (perPose && betas.dim(0) != n) {
                throw new FormatException(file, "pose has " + n + " rows but betas " + betas.dim(0),
                        "give one betas row per pose, or one for all");
            }
            List<PoseShape> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double[] pi = java.util.Arrays.copyOfRange(p, i * pw, (i + 1) * pw);
                int from = perPose ? i * bw : 0;
                out.add(new PoseShape(pi, java.util.Arrays.copyOfRange(b, from, from + bw)));
            }
            return out;
        }
    }

    private static List<PoseShape> readJson(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new FormatException(file, "it is not valid JSON (" + e.getOriginalMessage() + ")",
                    "write {\"pose\": [...], \"betas\": [...]}", e);
        }
        List<PoseShape> out = new ArrayList<>();
        if (root.isArray()) {
            for (JsonNode n : root) {
                addJson(file, n, out);
            }
        } else {
            addJson(file, root, out);
        }
        return out;
    }

    private static void addJson(Path file, JsonNode node, List<PoseShape> out) throws FormatException {
        JsonNode pose = node.get("pose");
        if (pose == null || !pose.isArray()) {
            throw new FormatException(file, "an entry has no 'pose' array", "write {\"pose\": [...], \"betas\": [...]}");
        }
        double[] betas = node.has("betas") ? numbers(node.get("betas")) : new double[0];
        if (pose.size() > 0 && pose.get(0).isArray()) {
            for (JsonNode row : pose) {
                out.add(new PoseShape(numbers(row), betas));
            }
        } else {
            out.add(new PoseShape(numbers(pose), betas));
        }
    }

    private static double[] numbers(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asDouble();
        }
        return v;
    }
}
