package io.metroscope.cli;

import io.metroscope.format.FormatException;
import io.metroscope.model.MetroArchitecture;
import io.metroscope.platform.DeviceSpec;
import io.metroscope.recon.ModelBundle;
import io.metroscope.recon.ModelBundles;
import io.metroscope.recon.ModelSpec;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How the reconstructing commands name their METRO model: a bundle, or a bare checkpoint with a template. */
public final class ModelOptions {

    @Option(names = "--bundle", paramLabel = "B.metro.json",
            description = {"A model bundle (manifest or bundle folder): weights, template and heads in one, files "
                    + "checked by sha256.", "Instead of --checkpoint with --smpl, --mano or --template."})
    Path bundle;

    @Option(names = "--checkpoint", paramLabel = "CKPT",
            description = "METRO state_dict (.bin/.pth, zip or legacy torch.save, optionally .gz); needs a template.")
    Path checkpoint;

    @Mixin
    TemplateOptions template;

    @Option(names = "--heads", paramLabel = "N", defaultValue = "4", converter = PositiveInt.class,
            description = "Attention heads per transformer block (not stored in checkpoints). "
                    + "Default: ${DEFAULT-VALUE}.")
    int heads;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The model the options name: its spec for {@code device}, and the bundle it came from, if any. */
    public record Chosen(ModelSpec spec, Optional<ModelBundle> bundle) {

        /** Refuses a loaded network that is not the one the bundle records. */
        public void check(MetroArchitecture loaded) throws FormatException {
            if (bundle.isPresent()) {
                ModelBundles.checkArchitecture(bundle.get(), loaded);
            }
        }
    }

    /**
     * Reads and checks what the options name (a bundle's manifest and the sha256 of its files; a checkpoint is only
     * opened when the model loads): a usage error names the missing or contradicting option.
     */
    Chosen choose(DeviceSpec device) throws FormatException {
        CommandLine cl = command.commandLine();
        if (bundle != null) {
            if (checkpoint != null || template.anyGiven()) {
                throw new ParameterException(cl,
                        "give either --bundle or --checkpoint with a template (--smpl, --mano, --template), not both");
            }
            ModelBundle b = ModelBundles.load(bundle);
            if (cl.getParseResult().hasMatchedOption("--heads") && heads != b.architecture().heads()) {
                throw new ParameterException(cl, "--heads " + heads + " contradicts the bundle, which records "
                        + b.architecture().heads() + " heads (leave --heads out)");
            }
            return new Chosen(ModelBundles.modelSpec(b, device), Optional.of(b));
        }
        if (checkpoint == null) {
            throw new ParameterException(cl,
                    "give --bundle B.metro.json, or --checkpoint CKPT with --smpl, --mano or --template");
        }
        return new Chosen(ModelSpec.of(checkpoint, template.source(cl)).withHeads(heads).withDevice(device),
                Optional.empty());
    }
}
