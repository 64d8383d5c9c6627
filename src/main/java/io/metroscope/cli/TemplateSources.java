package io.metroscope.cli;

import io.metroscope.recon.TemplateSource;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Turns the --smpl | --mano | --template choice of a command (exactly one is set) into a template source. */
final class TemplateSources {

    private TemplateSources() {
    }

    /** SMPL and MANO also need MeshTransformer's data folder; a template file stands alone. */
    static TemplateSource of(Path smpl, Path mano, Path file, Path metroData, CommandLine cl) {
        if (file != null) {
            return new TemplateSource.File(file);
        }
        if (metroData == null) {
            throw new ParameterException(cl, "--" + (smpl != null ? "smpl" : "mano")
                    + " needs --metro-data DIR (MeshTransformer's data folder)");
        }
        return smpl != null ? new TemplateSource.Smpl(smpl, metroData) : new TemplateSource.Mano(mano, metroData);
    }
}
