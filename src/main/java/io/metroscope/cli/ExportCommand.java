package io.metroscope.cli;

import io.metroscope.format.FormatException;
import io.metroscope.format.StateDict;
import io.metroscope.format.TorchCheckpointReader;
import io.metroscope.format.TorchCheckpointWriter;
import io.metroscope.model.MetroArchitecture;
import io.metroscope.model.MetroLoadOptions;
import io.metroscope.model.MetroModel;
import io.metroscope.model.ModelExport;
import io.metroscope.platform.ComputeDeviceService;
import io.metroscope.recon.ModelBundle;
import io.metroscope.recon.ModelBundles;
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

/**
 * {@code metroscope export --bundle B --out model.bin}: a bundle's network as an official-compatible torch
 * state_dict; {@code metroscope export import ...}: an official checkpoint imported into a bundle; {@code export
 * average}: checkpoints of one network averaged.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Export a bundle's network as an official-compatible PyTorch state_dict.",
                "Every key the official METRO classes use, official names, shapes and order, float32 "
                        + "(num_batches_tracked int64). The official tensors METRO never reads (BERT embeddings and "
                        + "pooler, backbone classifier) are kept when the weights have them, so exporting an imported "
                        + "checkpoint loses nothing load_state_dict(strict=True) needs.",
                "Or, with 'export import', make a bundle from an official checkpoint; with 'export average', "
                        + "average the weights of checkpoints of one network."},
        subcommands = {ExportImportCommand.class, ExportAverageCommand.class})
public final class ExportCommand implements Callable<Integer> {

    @Mixin
    DeviceOption device;

    @Option(names = "--bundle", paramLabel = "B.metro.json", description = "The model bundle to export (manifest or folder).")
    Path bundle;

    @Option(names = "--out", paramLabel = "MODEL.bin", description = "Where to write the state_dict.")
    Path out;

    @Option(names = "--legacy", description = "Write torch's legacy (< 1.6) layout instead of the zip layout.")
    boolean legacy;

    @Option(names = "--network-only",
            description = "Leave out the official tensors METRO never reads (the file then needs strict=False).")
    boolean networkOnly;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (bundle == null || out == null) {
            throw new ParameterException(spec.commandLine(), "give --bundle B.metro.json and --out MODEL.bin "
                    + "(or use 'export import' to make a bundle)");
        }
        OutputFiles.prepare(out);
        ModelBundle b = ModelBundles.load(bundle);
        ModelBundles.verifyWeights(b);
        Path weights = b.weightsPath();
        StateDict dict = TorchCheckpointReader.read(weights);
        int heads = b.architecture().heads();
        MetroArchitecture arch;
        try {
            arch = MetroModel.inferArchitecture(dict.tensors(), heads);
        } catch (IllegalArgumentException e) {
            throw new FormatException(weights, "cannot build a METRO network from it: " + e.getMessage(),
                    "re-import the checkpoint to make a new bundle");
        }
        ModelBundles.checkArchitecture(b, arch);
        TorchCheckpointWriter.Layout layout = legacy ? TorchCheckpointWriter.Layout.LEGACY
                : TorchCheckpointWriter.Layout.ZIP;
        ModelExport.Options options = new ModelExport.Options(dict, !networkOnly, layout);
        // The template only feeds the forward pass, which export does not run: zeros of the right size do.
        float[] noTemplate = new float[arch.tokens().tokens() * 3];
        // Built unfolded (training layout): the inference build folds BatchNorm and fuses Q/K/V, releasing the
        // original tensors export writes.
        MetroLoadOptions load = new MetroLoadOptions(heads, false,
                new ComputeDeviceService().resolve(device.spec()).device(), true);
        ModelExport.Result result;
        try (MetroModel model = MetroModel.fromTensors(dict.tensors(), noTemplate, load)) {
            result = ModelExport.write(model, out, options);
        } catch (IllegalArgumentException e) {
            throw new FormatException(weights, e.getMessage(), "re-import a complete METRO checkpoint");
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "Wrote %s (%s layout): %d tensors of %s%s%n", out, layout.name().toLowerCase(Locale.ROOT),
                result.keys().size(), b.name(), result.reincluded().isEmpty() ? ""
                        : ", with " + result.reincluded().size() + " unused official tensors kept");
        if (!result.dropped().isEmpty()) {
            o.printf(Locale.ROOT, "Left out %d tensors: %s%n", result.dropped().size(),
                    result.dropped().subList(0, Math.min(5, result.dropped().size()))
                            + (result.dropped().size() > 5 ? " …" : ""));
        }
        o.flush();
        return 0;
    }
}
