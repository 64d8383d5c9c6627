package io.metroscope.cli;

import io.metroscope.recon.TemplateSource;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The template options of the commands that take a bare checkpoint: --smpl | --mano | --template, --metro-data. */
public final class TemplateOptions {

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Choice choice;

    @Option(names = "--metro-data", paramLabel = "DIR",
            description = "MeshTransformer's data folder (needed with --smpl and --mano).")
    Path metroData;

    /** At most one of the three (picocli rejects two); {@link #source} says when none was given. */
    static final class Choice {
        @Option(names = "--smpl", paramLabel = "SMPL.pkl|.npz", description = "SMPL model: body template (with --metro-data).")
        Path smpl;

        @Option(names = "--mano", paramLabel = "MANO.pkl|.npz",
                description = "MANO right hand (or a millimetre hand template npz): hand template (with --metro-data).")
        Path mano;

        @Option(names = "--template", paramLabel = "T.npz", description = "A template written by 'metroscope template build'.")
        Path file;
    }

    /** True when one of --smpl, --mano, --template or --metro-data was given. */
    boolean anyGiven() {
        return choice != null || metroData != null;
    }

    /** The --template file, when that is the choice. */
    Path templateFile() {
        return choice == null ? null : choice.file;
    }

    /** The chosen template: SMPL and MANO also need MeshTransformer's data folder; a template file stands alone. */
    TemplateSource source(CommandLine cl) {
        if (choice == null) {
            throw new ParameterException(cl, "--checkpoint needs a template: --smpl SMPL --metro-data DIR, --mano MANO"
                    + " --metro-data DIR, or --template T.npz");
        }
        if (choice.file != null) {
            return new TemplateSource.File(choice.file);
        }
        if (metroData == null) {
            throw new ParameterException(cl, "--" + (choice.smpl != null ? "smpl" : "mano")
                    + " needs --metro-data DIR (MeshTransformer's data folder)");
        }
        return choice.smpl != null ? new TemplateSource.Smpl(choice.smpl, metroData)
                : new TemplateSource.Mano(choice.mano, metroData);
    }
}
