package io.metroscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.metroscope.bench.MemoryBenchmark;
import io.metroscope.bench.ModelBenchmark;
import io.metroscope.jobs.Futures;
import io.metroscope.model.MeshKind;
import io.metroscope.platform.ComputeDevice;
import io.metroscope.platform.ComputeDeviceService;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code metroscope bench}: times the full-size METRO body and hand networks (random weights) per stage, or
 * with {@code --memory} checks RSS over many inferences; {@code bench checkpoint-read} times checkpoint reading.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark the full-size METRO networks (random weights, no licensed file needed).",
                "Per stage: decode, preprocess, backbone, transformer, heads, output, postprocess; median and p90.",
                "Compare with the official PyTorch code: see src/bench/BENCHMARKS.md."},
        subcommands = {BenchCheckpointReadCommand.class, BenchWriteCheckpointCommand.class,
                BenchAnnotateCommand.class, BenchUiCommand.class, BenchRefitCommand.class, BenchAdamCommand.class})
public final class BenchCommand implements Callable<Integer> {

    @Mixin
    DeviceOption device;

    @Option(names = "--model", split = ",", paramLabel = "body|hand", defaultValue = "body,hand",
            description = "Networks to time. Default: ${DEFAULT-VALUE}.")
    List<String> models;

    @Option(names = "--batch", split = ",", paramLabel = "N", defaultValue = "1,8", converter = PositiveInt.class,
            description = "Batch sizes. Default: ${DEFAULT-VALUE}.")
    List<Integer> batches;

    @Option(names = "--threads", paramLabel = "N", converter = PositiveInt.class,
            description = "PyTorch intra-op threads (and inter-op 1); default: PyTorch's own choice.")
    Integer threads;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2", converter = NonNegativeInt.class,
            description = "Untimed runs. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5", converter = PositiveInt.class,
            description = "Timed runs. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--attention", description = "Also compute the last layer's attention output.")
    boolean attention;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every sample as JSON.")
    Path json;

    @Option(names = "--memory", description = "Instead: load a full-size body from a ~1 GB checkpoint and report "
            + "RSS growth over --iterations inferences.")
    boolean memory;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "200", converter = PositiveInt.class,
            description = "Inferences for --memory. Default: ${DEFAULT-VALUE}.")
    int iterations;

    @Option(names = "--memory-warmup", paramLabel = "N", defaultValue = "20",
            description = "Untimed inferences before the first RSS reading of --memory (the native allocator's "
                    + "pools settle over the first ~20). Default: ${DEFAULT-VALUE}.")
    int memoryWarmup;

    @Option(names = "--ab-unoptimised", description = "Instead: time each model's forward with and without the "
            + "load-time optimisations (BatchNorm folding, QKV fusion), alternating.")
    boolean abUnoptimised;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "With --memory: use this body checkpoint instead of writing a random one.")
    Path checkpoint;

    @Spec
    CommandSpec spec;

    private final ComputeDeviceService devices;

    public BenchCommand() {
        this(new ComputeDeviceService());
    }

    BenchCommand(ComputeDeviceService devices) {
        this.devices = devices;
    }

    @Override
    public Integer call() throws Exception {
        OutputFiles.prepare(json);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Before the engine loads the thread counts go in as properties; once resolve() has loaded it, by JNI.
        applyThreads(threads);
        ComputeDevice selected = devices.resolve(device.spec());
        applyThreads(threads);
        Object report;
        String table;
        // Grad mode is per thread: run on a fresh thread that switches it off, like the inference executor.
        if (memory) {
            MemoryBenchmark.Result r = onThread(() -> MemoryBenchmark.run(new MemoryBenchmark.Options(checkpoint,
                    iterations, Math.max(1, memoryWarmup), attention, selected.device(), 1), line -> log(err, line)));
            report = r;
            table = r.toTable();
        } else if (abUnoptimised) {
            ModelBenchmark.Options o = new ModelBenchmark.Options(kinds(), batches, warmup, runs, false,
                    selected.device(), 1);
            List<ModelBenchmark.AbResult> r = onThread(() -> ModelBenchmark.abUnoptimised(o, line -> log(err, line)));
            report = r;
            StringBuilder sb = new StringBuilder(ModelBenchmark.AbResult.header()).append('\n');
            r.forEach(x -> sb.append(x.toRow()).append('\n'));
            table = sb.toString();
        } else {
            ModelBenchmark.Options o = new ModelBenchmark.Options(kinds(), batches, warmup, runs, attention,
                    selected.device(), 1);
            ModelBenchmark.Report r = onThread(() -> ModelBenchmark.run(o, line -> log(err, line)));
            report = r;
            table = r.toTable();
        }
        out.println(table);
        out.flush();
        if (json != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("report", report);
            doc.put("loadAverageAtEnd", ModelBenchmark.loadAverage());
            Files.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(doc));
        }
        return 0;
    }

    private List<MeshKind> kinds() {
        return models.stream().map(MeshKind::fromId).toList();
    }

    /** Prints a progress line to the error stream at once. */
    static void log(PrintWriter err, String line) {
        err.println(line);
        err.flush();
    }

    /** Sets PyTorch's thread counts: system properties before the engine loads, JNI calls after. */
    private static void applyThreads(Integer threads) {
        if (threads == null) {
            return;
        }
        System.setProperty("ai.djl.pytorch.num_threads", threads.toString());
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        try {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            // engine not loaded yet: the properties apply when it loads
        }
    }

    /** Runs {@code work} on a fresh thread and returns its result; its failure is thrown here. */
    static <T> T onThread(Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Thread t = new Thread(task, "metroscope-bench");
        t.start();
        return Futures.result(task);
    }

}
