package io.metroscope.cli;

import io.metroscope.train.Trainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** How commands read a model argument that names a training run's checkpoint folder. */
final class ModelArguments {

    private ModelArguments() {
    }

    /** The {@code model.pt} inside {@code path} when it is a training run's checkpoint folder ({@code last}, {@code best}). */
    static Optional<Path> runCheckpoint(Path path) {
        Path inRun = path.resolve(Trainer.MODEL);
        return Files.isDirectory(path) && Files.isRegularFile(inRun) ? Optional.of(inRun) : Optional.empty();
    }
}
