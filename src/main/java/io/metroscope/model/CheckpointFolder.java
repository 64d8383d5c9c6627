package io.metroscope.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A checkpoint folder of a training run ({@code last/}, {@code best/}, {@code epoch-NNN/}): its network file. */
public final class CheckpointFolder {

    /** The network weights inside every checkpoint folder, an official-layout state_dict. */
    public static final String MODEL_FILE = "model.pt";

    private CheckpointFolder() {
    }

    /** The {@code model.pt} inside {@code path} when {@code path} is a checkpoint folder; empty otherwise. */
    public static Optional<Path> modelIn(Path path) {
        Path model = path.resolve(MODEL_FILE);
        return Files.isDirectory(path) && Files.isRegularFile(model) ? Optional.of(model) : Optional.empty();
    }
}
