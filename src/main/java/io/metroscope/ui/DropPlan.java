package io.metroscope.ui;

import io.metroscope.app.InputKind;
import io.metroscope.recon.ModelSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Where dropped or opened files go: images, folders and videos to Reconstruct; checkpoints, model bundles (their
 * manifest or folder) and training runs' checkpoint folders to Open Model; anything else back to the user with a
 * message.
 */
public record DropPlan(List<Path> reconstruct, List<Path> models, List<Path> rejected) {

    /** Sorts the files by what they are. */
    public static DropPlan of(Collection<Path> files) {
        List<Path> inputs = new ArrayList<>();
        List<Path> models = new ArrayList<>();
        List<Path> rejected = new ArrayList<>();
        for (Path f : files) {
            switch (InputKind.of(f)) {
                case FOLDER -> (isModelFolder(f) ? models : inputs).add(f);
                case IMAGE, VIDEO -> inputs.add(f);
                case CHECKPOINT -> models.add(f);
                default -> rejected.add(f);
            }
        }
        return new DropPlan(List.copyOf(inputs), List.copyOf(models), List.copyOf(rejected));
    }

    /** A bundle folder (with its manifest) or a run's checkpoint folder: a model, not a folder of images. */
    private static boolean isModelFolder(Path folder) {
        return ModelSource.exists(folder); // a folder's key file: its model.pt, else its manifest
    }
}
