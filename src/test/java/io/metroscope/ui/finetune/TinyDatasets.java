package io.metroscope.ui.finetune;

import io.metroscope.body.OpenTemplate;
import io.metroscope.body.OpenTemplates;
import io.metroscope.train.Backgrounds;
import io.metroscope.train.SynthConfig;
import io.metroscope.train.TrainingFolderWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Tiny synthetic training folders (224 px, a handful of items) written with the open body template. */
final class TinyDatasets {

    private TinyDatasets() {
    }

    static Path write(Path dir, int count, long seed) throws IOException {
        Path template = Path.of("templates", "body.npz");
        OpenTemplate t = OpenTemplates.read(template);
        SynthConfig config = new SynthConfig(t, 224, 0.2, Backgrounds.procedural(), List.of(), seed);
        TrainingFolderWriter.write(dir, config, Files.readAllBytes(template), "body.npz", count, 2, Map.of(), null);
        return dir;
    }
}
