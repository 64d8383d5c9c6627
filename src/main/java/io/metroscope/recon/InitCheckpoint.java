package io.metroscope.recon;

import io.metroscope.format.FormatException;
import io.metroscope.model.MeshKind;
import io.metroscope.model.MetroArchitecture;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Resolves what a training run starts from ({@code init} in a recipe): a checkpoint file, another run's checkpoint
 * folder ({@code last/}, {@code best/}), or a model bundle whose weights must fit the network being trained. The
 * trainer reads checkpoint files only; its callers resolve first.
 */
public final class InitCheckpoint {

    private InitCheckpoint() {
    }

    /**
     * The checkpoint file to read for {@code init} (returned unchanged when null, blank or a file; a run's checkpoint
     * folder gives its {@code model.pt}, which the trainer checks against the network as for any file). A bundle is
     * checked first, so that fine-tuning the bundled demo model under a recipe for another network fails with the
     * reason instead of a tensor-shape error, and its weights are checked against the manifest's sha256.
     */
    public static String resolve(String init, MeshKind kind, MetroArchitecture network) throws FormatException {
        if (init == null || init.isBlank()) {
            return init;
        }
        ModelSource source = ModelSource.of(Path.of(init));
        if (source.bundle().isEmpty()) {
            return source.isRunFolder() ? source.checkpoint().toString() : init;
        }
        ModelBundle bundle = source.bundle().get();
        if (bundle.kind() != kind) {
            throw new FormatException(bundle.manifest(), "a " + name(bundle.kind()) + " model, but the recipe trains a "
                    + name(kind) + " network", "start from a " + name(kind) + " model, or set the recipe's mesh to "
                    + name(bundle.kind()));
        }
        String mismatch = bundle.architecture().mismatch(network);
        if (mismatch != null) {
            throw new FormatException(bundle.manifest(), "holds another network than the recipe's: the recipe has "
                    + mismatch, "choose the recipe's network and heads to match the bundle (the demo models are "
                    + "'small' with 4 heads), or start from random weights");
        }
        ModelBundles.verifyWeights(bundle);
        return bundle.weightsPath().toString();
    }

    /** What to tell the user when {@link #resolve} turned a folder or bundle into a file; empty for a file. */
    public static Optional<String> startNote(String init, String resolved) {
        if (init == null || init.equals(resolved)) {
            return Optional.empty();
        }
        String what = ModelSource.kindOf(Path.of(init)) == ModelSource.Kind.RUN_FOLDER ? "checkpoint folder "
                : "model bundle ";
        return Optional.of("Starting from " + what + init + " (weights " + resolved + ")");
    }

    private static String name(MeshKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
