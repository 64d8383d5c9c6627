package io.metroscope.cli;

import io.metroscope.app.VersionReport;
import io.metroscope.recon.ModelBundle;
import io.metroscope.recon.ModelBundles;
import io.metroscope.recon.TemplateSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code metroscope export import}: an official checkpoint + template files → a bundle that points at them. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Make a model bundle from an official METRO checkpoint and your SMPL/MANO files.",
                "The bundle points at your files by absolute path and sha256; nothing is copied. "
                        + "Use it with 'infer --bundle' and 'export --bundle'."})
public final class ExportImportCommand implements Callable<Integer> {

    @Mixin
    DeviceOption device;

    @Option(names = "--checkpoint", required = true, paramLabel = "CKPT",
            description = "METRO state_dict (.bin/.pth, zip or legacy torch.save, optionally .gz).")
    Path checkpoint;

    @Mixin
    TemplateOptions template;

    @Option(names = "--heads", paramLabel = "N", defaultValue = "4", converter = PositiveInt.class,
            description = "Attention heads per transformer block (not stored in checkpoints). Default: ${DEFAULT-VALUE}.")
    int heads;

    @Option(names = "--name", paramLabel = "NAME", description = "Display name. Default: the checkpoint's file name.")
    String name;

    @Option(names = "--notes", paramLabel = "TEXT", description = "Free-form notes kept in the bundle's provenance.")
    String notes;

    @Option(names = "--self-contained",
            description = "Copy the weights and the --template file beside the manifest (into the --out folder, or as "
                    + "NAME.weights.bin and NAME.template.npz beside NAME.metro.json) so the bundle can be moved or "
                    + "shipped. For your own models only: never for licensed weights or templates.")
    boolean selfContained;

    @Option(names = "--half", description = "With --self-contained: store floating-point weights as float16 "
            + "(half the size; loaded back as float32).")
    boolean half;

    @Option(names = "--out", required = true, paramLabel = "B.metro.json|DIR",
            description = "The manifest to write (NAME.metro.json), or a folder to write model.metro.json into.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TemplateSource source = template.source(spec.commandLine());
        String display = name != null ? name : checkpoint.getFileName().toString();
        if (half && !selfContained) {
            throw new ParameterException(spec.commandLine(), "--half needs --self-contained");
        }
        if (selfContained && template.templateFile() == null) {
            throw new ParameterException(spec.commandLine(), "--self-contained needs --template (a template file of "
                    + "your own: SMPL/MANO-derived templates must not be copied)");
        }
        ModelBundle b = selfContained
                ? ModelBundles.packageOwn(checkpoint, template.templateFile(), heads, out, display,
                        VersionReport.metroscopeVersion(), notes, half)
                : ModelBundles.importOfficial(checkpoint, source, heads, out, display,
                        VersionReport.metroscopeVersion(), notes);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "Wrote %s: %s %s network (%d heads), weights %s, %s%n", b.manifest(), display,
                b.kind().name().toLowerCase(Locale.ROOT), b.architecture().heads(), b.weightsPath(), source.describe());
        o.flush();
        return 0;
    }
}
