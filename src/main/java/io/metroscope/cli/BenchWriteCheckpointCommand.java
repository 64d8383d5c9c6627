package io.metroscope.cli;

import io.metroscope.model.MeshKind;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bench write-checkpoint FILE}: the complete official state_dict with random weights. */
@Command(name = "write-checkpoint", mixinStandardHelpOptions = true,
        description = {"Write a full-size official METRO state_dict with random weights.",
                "torch.save zip format; it loads with torch.load and load_state_dict(strict=True) into the "
                        + "official network."})
final class BenchWriteCheckpointCommand implements Callable<Integer> {

    @Mixin
    DeviceOption device;

    @Option(names = "--model", paramLabel = "body|hand", defaultValue = "body",
            description = "Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--seed", defaultValue = "1", description = "Default: ${DEFAULT-VALUE} (what bench uses).")
    long seed;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputFiles.prepare(file);
        long t0 = System.nanoTime();
        long bytes = io.metroscope.bench.RandomMetroWeights.writeCheckpoint(file,
                io.metroscope.model.OfficialArchitectures.of(MeshKind.fromId(model)), seed);
        spec.commandLine().getOut().printf(java.util.Locale.ROOT, "%s: %.3f GB in %.1f s%n", file, bytes / 1e9,
                (System.nanoTime() - t0) / 1e9);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
