package io.metroscope.recon;

import io.metroscope.format.FormatException;
import io.metroscope.model.CheckpointFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a path given as a model names: a checkpoint file, a training run's checkpoint folder ({@code last/},
 * {@code best/}) or a model bundle, and the checkpoint file to read for it. A bundle's manifest is loaded but not
 * verified: callers verify as much as they need (weights only, or weights and template).
 *
 * @param path       the path as given
 * @param kind       what {@code path} names
 * @param checkpoint the state_dict to read: {@code path} itself, the folder's {@code model.pt} or the bundle's weights
 * @param bundle     the bundle, when {@code path} names one
 */
public record ModelSource(Path path, Kind kind, Path checkpoint, Optional<ModelBundle> bundle) {

    /** The three things a model path can name. */
    public enum Kind {
        /** A state_dict file, read as it is. */
        CHECKPOINT_FILE,
        /** A training run's checkpoint folder holding a {@code model.pt}. */
        RUN_FOLDER,
        /** A model bundle: a {@code .metro.json} manifest, or any other folder (whose manifest is then required). */
        BUNDLE
    }

    /**
     * Says what {@code path} names without reading it. A folder holding a {@code model.pt} is a run's checkpoint
     * folder; any other folder is a bundle, so that a folder missing its manifest is refused by the manifest's name.
     */
    public static Kind kindOf(Path path) {
        if (CheckpointFolder.modelIn(path).isPresent()) {
            return Kind.RUN_FOLDER;
        }
        return Files.isDirectory(path) || ModelBundles.isManifestName(path) ? Kind.BUNDLE : Kind.CHECKPOINT_FILE;
    }

    /** Reads what {@code path} names; a bundle's manifest is parsed, a checkpoint file is not opened. */
    public static ModelSource of(Path path) throws FormatException {
        Kind kind = kindOf(path);
        return switch (kind) {
            case RUN_FOLDER -> new ModelSource(path, kind, path.resolve(CheckpointFolder.MODEL_FILE), Optional.empty());
            case BUNDLE -> {
                ModelBundle bundle = ModelBundles.load(path);
                yield new ModelSource(path, kind, bundle.weightsPath(), Optional.of(bundle));
            }
            case CHECKPOINT_FILE -> new ModelSource(path, kind, path, Optional.empty());
        };
    }

    /** True when {@code path} names a file that is there, or a run folder or bundle whose key file is there. */
    public static boolean exists(Path path) {
        return switch (kindOf(path)) {
            case RUN_FOLDER -> true;
            case BUNDLE -> Files.isRegularFile(ModelBundles.manifestPath(path));
            case CHECKPOINT_FILE -> Files.isRegularFile(path);
        };
    }

    /** True when {@code path} is a training run's checkpoint folder. */
    public boolean isRunFolder() {
        return kind == Kind.RUN_FOLDER;
    }
}
