package io.metroscope.recon;

import io.metroscope.format.FormatException;
import io.metroscope.model.CheckpointFolder;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a path given as a model names: a checkpoint file, a training run's checkpoint folder ({@code last/},
 * {@code best/}) or a model bundle, and the checkpoint file to read for it. A bundle's manifest is loaded but not
 * verified: callers verify as much as they need (weights only, or weights and template).
 *
 * @param path       the path as given
 * @param checkpoint the state_dict to read: {@code path} itself, the folder's {@code model.pt} or the bundle's weights
 * @param bundle     the bundle, when {@code path} names one
 */
public record ModelSource(Path path, Path checkpoint, Optional<ModelBundle> bundle) {

    /** Reads what {@code path} names; a bundle's manifest is parsed, a checkpoint file is not opened. */
    public static ModelSource of(Path path) throws FormatException {
        Optional<Path> inRun = CheckpointFolder.modelIn(path);
        if (inRun.isPresent()) {
            return new ModelSource(path, inRun.get(), Optional.empty());
        }
        if (InitCheckpoint.isBundle(path)) {
            ModelBundle bundle = ModelBundles.load(path);
            return new ModelSource(path, bundle.weightsPath(), Optional.of(bundle));
        }
        return new ModelSource(path, path, Optional.empty());
    }

    /** True when {@code path} is a training run's checkpoint folder. */
    public boolean isRunFolder() {
        return bundle.isEmpty() && !checkpoint.equals(path);
    }
}
