package io.metroscope.cli;

import io.metroscope.format.FormatException;
import io.metroscope.recon.ModelBundles;
import io.metroscope.recon.ModelSource;
import io.metroscope.train.CheckpointAverage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code metroscope export average}: the weighted mean of checkpoints of one network, as a new state_dict. */
@Command(name = "average", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Average the weights of checkpoints of one network (a \"model soup\").",
                "Each floating-point tensor becomes the weighted mean of its values; integer tensors "
                        + "(num_batches_tracked) come from the last checkpoint. Stages fine-tuned one from another "
                        + "average well; independent trainings do not.",
                "The result is a float32 state_dict in the first checkpoint's key order: train from it, evaluate "
                        + "it with 'eval --model', or package it with 'export import'."})
public final class ExportAverageCommand implements Callable<Integer> {

    /** Accepted like every command's; averaging itself is plain arithmetic on the CPU. */
    @Mixin
    DeviceOption device;

    @Option(names = "--checkpoint", required = true, paramLabel = "CKPT", split = ",",
            description = "Two or more checkpoints (repeat the option or separate with commas): state_dict files, "
                    + "training run folders holding model.pt (last/, best/, epoch-NNN/) or model bundles.")
    List<Path> checkpoints;

    @Option(names = "--weights", paramLabel = "W", split = ",",
            description = "One positive weight per checkpoint, in the same order (normalised). Default: equal.")
    double[] weights = new double[0];

    @Option(names = "--out", required = true, paramLabel = "MODEL.pt", description = "Where to write the average.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CheckpointAverage.Result result;
        try {
            List<Path> files = new ArrayList<>();
            for (Path c : checkpoints) {
                files.add(checkpointFile(c));
            }
            result = CheckpointAverage.write(files, weights, OutputFiles.prepare(out));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "Wrote %s: %d tensors averaged over %d checkpoints%n", result.out(), result.averaged(),
                result.inputs().size());
        double[] w = result.weights();
        for (int i = 0; i < w.length; i++) {
            o.printf(Locale.ROOT, "  %.4f  %s%n", w[i], result.inputs().get(i));
        }
        if (!result.keptFromLast().isEmpty()) {
            o.printf(Locale.ROOT, "Taken from the last checkpoint (they differ and are not floating point): %d, e.g. %s%n",
                    result.keptFromLast().size(), result.keptFromLast().get(0));
        }
        o.flush();
        return 0;
    }

    /** {@code path} itself, the {@code model.pt} of a training run's checkpoint folder, or a bundle's weights. */
    private static Path checkpointFile(Path path) throws FormatException {
        ModelSource source = ModelSource.of(path);
        if (source.bundle().isPresent()) {
            ModelBundles.verifyWeights(source.bundle().get());
        }
        return source.checkpoint();
    }
}
