package io.metroscope.cli;

import io.metroscope.app.ConfiguredBodyModels;
import io.metroscope.body.BodyModelFile;
import io.metroscope.body.ManoModel;
import io.metroscope.body.SmplModel;
import io.metroscope.body.TemplateKind;
import io.metroscope.format.FormatException;
import io.metroscope.platform.AppDirs;
import io.metroscope.settings.Settings;
import io.metroscope.settings.SettingsStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * {@code --smpl} / {@code --mano} of {@code train} and {@code eval}: the model that poses METRO TSV labels into
 * meshes. When the option is not given, the file set in the window (View ▸ Body Model Files…) is used.
 */
final class BodyModelOptions {

    @Option(names = "--smpl", paramLabel = "SMPL.pkl|.npz", description = "SMPL model: poses TSV body labels into "
            + "meshes (mesh targets, MPVE). Default: the one set in View > Body Model Files…; with none, joints only.")
    Path smplFile;

    @Option(names = "--mano", paramLabel = "MANO_RIGHT.pkl|.npz", description = "MANO model: poses TSV hand labels"
            + " into meshes. Default: the one set in View > Body Model Files…; with none, joints only.")
    Path manoFile;

    /** Where the configured paths come from; the user's settings file unless a test says otherwise. */
    Supplier<Settings> settings = () -> new SettingsStore(AppDirs.current().config()).load();

    /** The models that pose labels of {@code kind}; only that kind's model is read (either may come back null). */
    record Models(SmplModel smpl, ManoModel mano) {
        static final Models NONE = new Models(null, null);
    }

    /**
     * Reads the model for TSV labels of {@code kind}: the option's file (a bad one is an error), else the configured
     * one (a bad one is a note on {@code out}, and the samples carry joints only).
     */
    Models forKind(TemplateKind kind, PrintWriter out) throws FormatException {
        boolean body = kind == TemplateKind.BODY;
        Path given = body ? smplFile : manoFile;
        if (given != null) {
            return body ? new Models(BodyModelFile.readSmpl(given), null) : new Models(null, BodyModelFile.readMano(given));
        }
        ConfiguredBodyModels.Loaded loaded = new ConfiguredBodyModels().forKind(settings.get(), kind);
        if (loaded.file() == null) {
            return Models.NONE;
        }
        String name = body ? "SMPL" : "MANO";
        if (!loaded.posesMeshes()) {
            loaded.notes().forEach(n -> out.println("Note: " + n + ", or give --" + name.toLowerCase(Locale.ROOT)));
            return Models.NONE;
        }
        out.println("Note: using the " + name + " model set in the settings: " + loaded.file());
        return new Models(loaded.smpl(), loaded.mano());
    }
}
