package io.metroscope.annotate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metroscope.format.FormatException;
import io.metroscope.vision.CropTransform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a per-item JSON beside a mesh ({@link ItemFileExport}'s format) tells an import: the camera, the crop and,
 * when present, the 2D joints.
 *
 * @param camera {@code [s, tx, ty]}
 * @param crop   the square crop in the image
 * @param joints the 2D joints in image pixels, or null when the file has none (or a different count)
 */
record Sidecar(float[] camera, CropTransform crop, Joints2d joints) {

    /** The sidecar at {@code file}, or null when there is none; fails naming the file when it is unusable. */
    static Sidecar read(Path file, int jointCount) throws FormatException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new FormatException(file, "it is not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
                    + ")", "remove it to frame the mesh automatically, or write it again", e);
        }
        if (!ItemFileExport.FORMAT.equals(json.path("format").asText()) || json.path("camera").size() != 3
                || !json.path("crop").isObject()) {
            throw new FormatException(file, "it is not a per-item annotation JSON (format '" + ItemFileExport.FORMAT
                    + "' with a camera and a crop)", "remove it to frame the mesh automatically");
        }
        JsonNode c = json.path("crop");
        CropTransform crop = new CropTransform(c.path("originX").asDouble(), c.path("originY").asDouble(),
                c.path("scaleX").asDouble(), c.path("scaleY").asDouble(), c.path("cropWidth").asInt(),
                c.path("cropHeight").asInt());
        float[] camera = new float[3];
        for (int i = 0; i < 3; i++) {
            camera[i] = (float) json.path("camera").get(i).asDouble();
        }
        JsonNode xy = json.path("joints_2d").path("xy");
        JsonNode visible = json.path("joints_2d").path("visible");
        Joints2d joints = null;
        if (xy.size() == 2 * jointCount && visible.size() == jointCount) {
            float[] p = new float[2 * jointCount];
            boolean[] v = new boolean[jointCount];
            for (int j = 0; j < jointCount; j++) {
                p[2 * j] = (float) xy.get(2 * j).asDouble();
                p[2 * j + 1] = (float) xy.get(2 * j + 1).asDouble();
                v[j] = visible.get(j).asBoolean();
            }
            joints = Joints2d.of(p, v);
        }
        return new Sidecar(camera, crop, joints);
    }
}
