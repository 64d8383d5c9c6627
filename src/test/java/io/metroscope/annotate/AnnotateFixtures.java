package io.metroscope.annotate;

import io.metroscope.body.OpenTemplate;
import io.metroscope.body.OpenTemplates;
import io.metroscope.body.TemplateKind;
import io.metroscope.format.MeshData;
import io.metroscope.format.MeshFiles;
import io.metroscope.train.Backgrounds;
import io.metroscope.train.PngWriter;
import io.metroscope.train.SynthConfig;
import io.metroscope.train.Synthesized;
import io.metroscope.train.Synthesizer;
import io.metroscope.train.TrainingItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Synthetic annotation inputs from the open templates: rendered images with the mesh of each beside it. */
public final class AnnotateFixtures {

    private AnnotateFixtures() {
    }

    /** The committed open template of {@code kind}. */
    public static OpenTemplate template(TemplateKind kind) throws IOException {
        return OpenTemplates.read(Path.of("templates", kind.id() + ".npz"));
    }

    /**
     * Writes {@code count} synthetic items into {@code dir} as {@code item-NN.png} ({@code size}² rendering),
     * {@code item-NN.obj} (its root-centred mesh) and {@code item-NN.json} (the camera it was rendered with, the crop
     * being the whole image); returns the mesh files.
     */
    public static List<Path> synthMeshes(Path dir, TemplateKind kind, int count, int size, long seed)
            throws IOException {
        Files.createDirectories(dir);
        Synthesizer synth = new Synthesizer(new SynthConfig(template(kind), size, 0, Backgrounds.procedural(),
                List.of(), seed));
        OpenTemplate t = template(kind);
        List<Path> meshes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Synthesized s = synth.generate(i);
            TrainingItem labels = s.labels();
            String stem = String.format("item-%02d", i);
            Files.write(dir.resolve(stem + ".png"), PngWriter.encode(s.rgb(), size, size));
            Path obj = dir.resolve(stem + ".obj");
            MeshFiles.write(obj, MeshData.of(labels.verticesFull(), t.template().faces()));
            float[] cam = labels.camera();
            double scale = size / 224.0;
            Files.writeString(dir.resolve(stem + ".json"), String.format(java.util.Locale.ROOT,
                    "{\"format\": \"%s\", \"camera\": [%s, %s, %s], \"crop\": {\"originX\": 0, \"originY\": 0, "
                            + "\"scaleX\": %s, \"scaleY\": %s, \"cropWidth\": 224, \"cropHeight\": 224}}",
                    io.metroscope.annotate.ItemFileExport.FORMAT, cam[0], cam[1], cam[2], scale, scale));
            meshes.add(obj);
        }
        return meshes;
    }

    /** A new hand project in {@code dir} with {@code count} synthetic items imported. */
    public static AnnotationProject handProject(Path dir, int count) throws IOException {
        List<Path> meshes = synthMeshes(dir.resolve("inputs"), TemplateKind.HAND, count, 96, 5);
        AnnotationProject p = AnnotationProject.create(dir.resolve("hands" + ProjectFiles.EXTENSION),
                TemplateKind.HAND);
        ImportReport r = new ProjectImporter(p).importMeshes(meshes);
        if (!r.problems().isEmpty()) {
            p.close();
            throw new IllegalStateException(r.problems().toString());
        }
        return p;
    }
}
