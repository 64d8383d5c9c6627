package io.metroscope.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.metroscope.body.TemplateKind;
import io.metroscope.format.FormatException;
import io.metroscope.format.NdArray;
import io.metroscope.format.Npz;
import io.metroscope.vision.ImageDecoder;
import io.metroscope.vision.RgbImage;

/**
 * A training folder (README, "Training folder format") opened for reading: its manifest, and items read one at a
 * time from {@code labels/NNNNNN.npz} and {@code images/NNNNNN.png}, so datasets larger than memory stream.
 * Thread-safe (every read opens its own files).
 */
public final class TrainingFolder {
    /** The manifest's file name; it is written last, so a folder without it is incomplete. */
    public static final String MANIFEST = "dataset.json";

    private final Path dir;
    private final JsonNode manifest;
    private final int count;
    private final int imageSize;
    private final TemplateKind kind;
    private final List<String> jointNames;

    private TrainingFolder(Path dir, JsonNode manifest) throws FormatException {
        this.dir = dir;
        this.manifest = manifest;
        Path file = dir.resolve(MANIFEST);
        if (!TrainingFolderWriter.FORMAT.equals(manifest.path("format").asText())) {
            throw new FormatException(file, "it is not a Metroscope training folder manifest",
                    "choose a folder written by 'metroscope synth'");
        }
        int version = manifest.path("version").asInt(-1);
        if (version != TrainingFolderWriter.FORMAT_VERSION) {
            throw new FormatException(file, "format version " + version + " is not supported (this Metroscope reads "
                    + TrainingFolderWriter.FORMAT_VERSION + ")", "use a matching Metroscope version");
        }
        this.count = manifest.path("count").asInt();
        this.imageSize = manifest.path("image_size").asInt();
        this.kind = TemplateKind.fromId(manifest.path("template").path("kind").asText());
        List<String> names = new ArrayList<>();
        manifest.path("joints_3d").path("names").forEach(n -> names.add(n.asText()));
        this.jointNames = List.copyOf(names);
    }

    /** Opens {@code dir}; fails when its manifest is missing (an unfinished folder) or foreign. */
    public static TrainingFolder open(Path dir) throws IOException {
        Path file = dir.resolve(MANIFEST);
        try {
            return new TrainingFolder(dir, new ObjectMapper().readTree(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            throw new FormatException(file, "the folder has no " + MANIFEST + " (not a training folder, or its"
                    + " writing did not finish)", "write it again with 'metroscope synth'", e);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new FormatException(file, "it is not valid JSON (" + e.getOriginalMessage() + ")",
                    "write the folder again", e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** The whole manifest. */
    public JsonNode manifest() {
        return manifest;
    }

    public int size() {
        return count;
    }

    public int imageSize() {
        return imageSize;
    }

    public TemplateKind kind() {
        return kind;
    }

    /** The token joint names of {@code joints_3d} and {@code joints_2d}. */
    public List<String> jointNames() {
        return jointNames;
    }

    /** The template the items were made with (a copy inside the folder). */
    public Path templateFile() {
        return dir.resolve(manifest.path("template").path("file").asText("template.npz"));
    }

    public Path imageFile(int index) {
        return dir.resolve(TrainingFolderWriter.imageName(index));
    }

    public Path labelsFile(int index) {
        return dir.resolve(TrainingFolderWriter.labelsName(index));
    }

    /** The labels of item {@code index}. */
    public TrainingItem item(int index) throws IOException {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("item " + index + " of " + count);
        }
        Path file = labelsFile(index);
        try (Npz npz = Npz.open(file)) {
            float[] mid = npz.contains("vertices_mid") ? npz.get("vertices_mid").toFloatArray() : new float[0];
            boolean[] m = npz.get("occluder_mask").toBooleanArray();
            byte[] mask = new byte[m.length];
            for (int i = 0; i < m.length; i++) {
                mask[i] = (byte) (m[i] ? 1 : 0);
            }
            return new TrainingItem(index, imageFile(index), imageSize, floats(npz, "joints_3d"),
                    floats(npz, "joints_2d"), floats(npz, "joints_2d_px"), floats(npz, "vertices_full"), mid,
                    floats(npz, "vertices_coarse"), floats(npz, "root"), floats(npz, "camera"), floats(npz, "pose"),
                    floats(npz, "betas"), mask, flag(npz, "has_3d_joints"), flag(npz, "has_2d_joints"),
                    flag(npz, "has_mesh"));
        }
    }

    /** The image of item {@code index}. */
    public RgbImage image(int index) throws IOException {
        return ImageDecoder.decode(imageFile(index));
    }

    private static float[] floats(Npz npz, String name) throws FormatException {
        return npz.get(name).toFloatArray();
    }

    private static boolean flag(Npz npz, String name) throws FormatException {
        NdArray a = npz.get(name);
        return a.size() > 0 && a.getLong(0) != 0;
    }
}
