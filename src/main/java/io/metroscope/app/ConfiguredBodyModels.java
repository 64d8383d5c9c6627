package io.metroscope.app;

import io.metroscope.body.BodyModelFile;
import io.metroscope.body.ManoModel;
import io.metroscope.body.SmplModel;
import io.metroscope.body.TemplateKind;
import io.metroscope.format.FormatException;
import io.metroscope.settings.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The SMPL and MANO model files set in the settings (View ▸ Body Model Files…), which pose METRO TSV labels into
 * meshes. Read on job workers only; a model is kept while its path and modification time stay the same, so choosing
 * a dataset and then training on it reads the file once. Thread-safe.
 */
public final class ConfiguredBodyModels {

    /**
     * The model for one kind of labels: {@code smpl} or {@code mano} (null: none usable), the configured file (null:
     * none set), and why a set file is not used.
     */
    public record Loaded(SmplModel smpl, ManoModel mano, Path file, List<String> notes) {

        public static final Loaded NONE = new Loaded(null, null, null, List.of());

        /** Whether labels get meshes from a model. */
        public boolean posesMeshes() {
            return smpl != null || mano != null;
        }
    }

    private record Kept(Path file, Object modified, Object model) {
    }

    private Kept smpl;
    private Kept mano;

    /** Reads the model that poses labels of {@code kind} from the files {@code settings} names. */
    public synchronized Loaded forKind(Settings settings, TemplateKind kind) {
        boolean body = kind == TemplateKind.BODY;
        String configured = body ? settings.smplModel() : settings.manoModel();
        if (configured == null) {
            return Loaded.NONE;
        }
        Path file = Path.of(configured);
        BodyModelFile which = body ? BodyModelFile.SMPL : BodyModelFile.MANO;
        try {
            Object modified = Files.getLastModifiedTime(file);
            Kept kept = body ? smpl : mano;
            if (kept == null || !kept.file().equals(file) || !kept.modified().equals(modified)) {
                kept = new Kept(file, modified, body ? BodyModelFile.readSmpl(file) : BodyModelFile.readMano(file));
                if (body) {
                    smpl = kept;
                } else {
                    mano = kept;
                }
            }
            return body ? new Loaded((SmplModel) kept.model(), null, file, List.of())
                    : new Loaded(null, (ManoModel) kept.model(), file, List.of());
        } catch (IOException e) {
            String why = e instanceof FormatException ? e.getMessage() : file + ": " + e.getMessage();
            return new Loaded(null, null, file, List.of("the " + which.label() + " model set in View ▸ Body Model"
                    + " Files… could not be read (" + why + "), so TSV samples carry joints only; choose a readable "
                    + which.usualFile() + " there"));
        }
    }
}
