package io.metroscope.cli;

import io.metroscope.bench.CheckpointReadBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bench checkpoint-read [FILE]}: how fast the checkpoint reader makes values available. */
@Command(name = "checkpoint-read", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time reading a checkpoint from the page cache.",
                "Reads FILE (or a generated METRO-like one of --size-mb) with TorchCheckpointReader and sums "
                        + "every element, against a plain sequential read and cat."})
final class BenchCheckpointReadCommand implements Callable<Integer> {

    @Mixin
    DeviceOption device;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "Checkpoint to read (default: generate one).")
    Path file;

    @Option(names = "--size-mb", paramLabel = "MB", defaultValue = "1000",
            description = "Size of the generated checkpoint. Default: ${DEFAULT-VALUE}.")
    long sizeMb;

    @Option(names = "--official-body", description = "Generate the complete full-size official body state_dict "
            + "(random weights, ≈ 973 MB) instead of a METRO-like one.")
    boolean officialBody;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "3", description = "Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Option(names = "--no-cat", description = "Do not run cat as a second baseline.")
    boolean noCat;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON.")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputFiles.prepare(json);
        Path input = file;
        Path temp = null;
        try {
            if (input == null && officialBody) {
                temp = Files.createTempDirectory("metroscope-bench-");
                input = temp.resolve("metro_body_random_state_dict.bin");
                io.metroscope.bench.RandomMetroWeights.writeCheckpoint(input,
                        io.metroscope.model.OfficialArchitectures.body(), 1);
            }
            CheckpointReadBenchmark.Result r = CheckpointReadBenchmark.run(new CheckpointReadBenchmark.Options(
                    input, sizeMb * 1_000_000L, repeats, !noCat));
            spec.commandLine().getOut().println(r.toTable());
            spec.commandLine().getOut().flush();
            if (json != null) {
                Files.writeString(json, r.toJson());
            }
            return 0;
        } finally {
            if (temp != null) {
                Files.deleteIfExists(input);
                Files.deleteIfExists(temp);
            }
        }
    }
}
