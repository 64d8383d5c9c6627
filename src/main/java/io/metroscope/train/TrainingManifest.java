package io.metroscope.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.metroscope.body.MetroTemplate;
import io.metroscope.body.OpenTemplate;
import io.metroscope.body.TemplateKind;
import io.metroscope.format.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code dataset.json} of a training folder (README, "Training folder format"): everything a reader needs to
 * interpret the items, whoever wrote them; only the {@code generator} block differs between writers.
 */
public final class TrainingManifest {

    private TrainingManifest() {
    }

    /**
     * The manifest of {@code count} items of {@code size}² pixels labelled on {@code template}, whose file bytes are
     * {@code templateBytes} (hashed; the folder holds them as {@code template.npz}) and came from {@code source}.
     */
    public static Map<String, Object> of(OpenTemplate template, byte[] templateBytes, String source, int count,
            int size, Map<String, Object> generator) {
        MetroTemplate t = template.template();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", TrainingFolderWriter.FORMAT);
        m.put("version", TrainingFolderWriter.FORMAT_VERSION);
        m.put("count", count);
        m.put("image_size", size);
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("kind", t.kind().id());
        file.put("file", "template.npz");
        file.put("sha256", sha256(templateBytes));
        file.put("source", source);
        m.put("template", file);
        Map<String, Object> joints = new LinkedHashMap<>();
        joints.put("set", t.tokenJoints().name());
        joints.put("names", t.tokenJointNames());
        joints.put("root", t.regressorJoints().names().get(t.regressorJoints().root()) + " of "
                + t.regressorJoints().name() + " regressed from the full mesh");
        m.put("joints_3d", joints);
        Map<String, Object> joints2d = new LinkedHashMap<>();
        joints2d.put("set", t.tokenJoints().name());
        joints2d.put("names", t.tokenJointNames());
        m.put("joints_2d", joints2d);
        m.put("rig_joints", template.rig().jointNames());
        m.put("shape_names", template.rig().shapeNames());
        Map<String, Object> vertices = new LinkedHashMap<>();
        vertices.put("full", t.fullVertexCount());
        if (t.kind() == TemplateKind.BODY) {
            vertices.put("mid", t.midVertices().length / 3);
        }
        vertices.put("coarse", t.coarseVertexCount());
        m.put("vertices", vertices);
        m.put("camera", "weak perspective [s, tx, ty]: x2d = s*(x + tx), y2d = s*(y + ty) in [-1, 1];"
                + " pixel = (x2d + 1) * image_size / 2");
        Map<String, Object> has = new LinkedHashMap<>();
        has.put("has_3d_joints", 1);
        has.put("has_2d_joints", 1);
        has.put("has_mesh", 1);
        m.put("has", has);
        Map<String, Object> items = new LinkedHashMap<>();
        items.put("images", "images/{index:06d}.png");
        items.put("labels", "labels/{index:06d}.npz");
        m.put("items", items);
        m.put("generator", generator);
        return m;
    }

    /** Writes {@code manifest} as the folder's {@code dataset.json}, atomically; writers do this last. */
    public static void write(Path folder, Map<String, Object> manifest) throws IOException {
        byte[] json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(manifest);
        AtomicFiles.write(folder.resolve(TrainingFolder.MANIFEST), out -> out.write(json));
    }

    /** Lower-case hex SHA-256, as the manifest records the template. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
