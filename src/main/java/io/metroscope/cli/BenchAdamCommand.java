package io.metroscope.cli;

import io.metroscope.platform.ComputeDevice;
import io.metroscope.platform.ComputeDeviceService;
import io.metroscope.train.AdamBenchmark;
import io.metroscope.train.Recipe;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bench adam}: the Adam update alone, multi-tensor against DJL's kernel tensor by tensor. */
@Command(name = "adam", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time the Adam update alone over a recipe's network (random weights).",
                "PyTorch's multi-tensor ops against DJL's Adam kernel tensor by tensor, alternating in one "
                        + "run."})
final class BenchAdamCommand implements Callable<Integer> {

    @Mixin
    DeviceOption device;

    @Option(names = "--recipe", paramLabel = "FILE|NAME", defaultValue = "official-body",
            description = "Whose network: a recipe file or preset. Default: ${DEFAULT-VALUE}.")
    String recipe;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "10",
            description = "Timed updates per kernel. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (steps < 1) {
            throw new ParameterException(spec.commandLine(), "--steps must be positive");
        }
        Recipe r;
        try {
            r = Recipe.load(recipe);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ComputeDevice selected = new ComputeDeviceService().resolve(device.spec());
        PrintWriter err = spec.commandLine().getErr();
        Recipe chosen = r;
        AdamBenchmark.Result result = BenchCommand.onThread(() -> AdamBenchmark.run(chosen.name() + " ("
                + chosen.architecture() + ")", chosen.networkArchitecture(),
                steps, selected.device(), line -> BenchCommand.log(err, line)));
        PrintWriter out = spec.commandLine().getOut();
        out.println(result.summary() + "; " + selected.name());
        out.flush();
        return 0;
    }
}
