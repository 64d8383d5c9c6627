package io.metroscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.metroscope.bench.CheckpointReadBenchmark;
import io.metroscope.bench.MemoryBenchmark;
import io.metroscope.bench.ModelBenchmark;
import io.metroscope.model.MeshKind;
import io.metroscope.platform.ComputeDevice;
import io.metroscope.platform.ComputeDeviceService;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code metroscope bench}: times the full-size METRO body and hand networks (random weights) per stage, or
 * with {@code --memory} checks RSS over many inferences; {@code bench checkpoint-read} times checkpoint reading.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark the full-size METRO networks (random weights, no licensed file needed).",
                "Per stage: decode, preprocess, backbone, transformer, heads, output, postprocess; median and p90.",
                "Compare with the official PyTorch code: see BENCHMARKS.md."},
        subcommands = {BenchCommand.CheckpointRead.class, BenchCommand.WriteCheckpoint.class,
                BenchCommand.Annotate.class, BenchCommand.Ui.class, BenchCommand.Refit.class})
public final class BenchCommand implements Callable<Integer> {

    @Mixin
    DeviceOption device;

    @Option(names = "--model", split = ",", paramLabel = "body|hand", defaultValue = "body,hand",
            description = "Networks to time. Default: ${DEFAULT-VALUE}.")
    List<String> models;

    @Option(names = "--batch", split = ",", paramLabel = "N", defaultValue = "1,8",
            description = "Batch sizes. Default: ${DEFAULT-VALUE}.")
    List<Integer> batches;

    @Option(names = "--threads", paramLabel = "N", description = "PyTorch intra-op threads (and inter-op 1); "
            + "default: PyTorch's own choice.")
    Integer threads;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2", description = "Untimed runs. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "Timed runs. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--attention", description = "Also compute the last layer's attention output.")
    boolean attention;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every sample as JSON.")
    Path json;

    @Option(names = "--memory", description = "Instead: load a full-size body from a ~1 GB checkpoint and report "
            + "RSS growth over --iterations inferences.")
    boolean memory;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "200",
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
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
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
            List<MeshKind> kinds = new ArrayList<>();
            for (String m : models) {
                kinds.add(MeshKind.valueOf(m.trim().toUpperCase(java.util.Locale.ROOT)));
            }
            ModelBenchmark.Options o = new ModelBenchmark.Options(kinds, batches, warmup, runs, attention,
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
        List<MeshKind> kinds = new ArrayList<>();
        for (String m : models) {
            kinds.add(MeshKind.valueOf(m.trim().toUpperCase(java.util.Locale.ROOT)));
        }
        return kinds;
    }

    private static void log(PrintWriter err, String line) {
        err.println(line);
        err.flush();
    }

    /** Sets PyTorch's thread counts: system properties before the engine loads, JNI calls after. */
    static void applyThreads(Integer threads) {
        if (threads == null) {
            return;
        }
        if (threads < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new BenchCommand()),
                    "--threads must be at least 1");
        }
        System.setProperty("ai.djl.pytorch.num_threads", threads.toString());
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        try {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            // engine not loaded yet: the properties apply when it loads
        }
    }

    interface Work<T> {
        T run() throws Exception;
    }

    static <T> T onThread(Work<T> work) throws Exception {
        Object[] result = new Object[1];
        Exception[] failure = new Exception[1];
        Thread t = new Thread(() -> {
            try {
                result[0] = work.run();
            } catch (Exception e) {
                failure[0] = e;
            }
        }, "metroscope-bench");
        t.start();
        t.join();
        if (failure[0] != null) {
            throw failure[0];
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    /** {@code bench checkpoint-read [FILE]}: how fast the checkpoint reader makes values available. */
    @Command(name = "annotate", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Time an annotation project at scale: create one of --items items, then opening it,",
                    "moving to the next item, a committed joint rotation and the LBS re-pose alone."})
    static final class Annotate implements Callable<Integer> {

        /** Accepted like every command's; the project benchmark runs no network, so it uses no device. */
        @Mixin
        DeviceOption device;

        @Option(names = "--items", paramLabel = "N", defaultValue = "10000", description = "Default: ${DEFAULT-VALUE}.")
        int items;

        @Option(names = "--kind", paramLabel = "body|hand", defaultValue = "body",
                description = "Template of the project. Default: ${DEFAULT-VALUE}.")
        String kind;

        @Option(names = "--opens", paramLabel = "N", defaultValue = "5", description = "Default: ${DEFAULT-VALUE}.")
        int opens;

        @Option(names = "--steps", paramLabel = "N", defaultValue = "200",
                description = "Next-item steps timed. Default: ${DEFAULT-VALUE}.")
        int steps;

        @Option(names = "--dir", paramLabel = "DIR", description = "Keep the project in DIR (default: a temporary "
                + "folder, deleted afterwards).")
        Path dir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            io.metroscope.body.TemplateKind k;
            try {
                k = io.metroscope.body.TemplateKind.fromId(kind);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--kind must be body or hand");
            }
            if (items < 1 || opens < 1 || steps < 1 || steps >= items) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--items, --opens and --steps must be positive, and --steps below --items");
            }
            io.metroscope.bench.AnnotateBenchmark.Result r = io.metroscope.bench.AnnotateBenchmark.run(
                    new io.metroscope.bench.AnnotateBenchmark.Options(items, k, opens, steps, dir));
            spec.commandLine().getOut().println(r.toTable());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code bench refit}: the Annotate workspace's refit on synthetic corrections. */
    @Command(name = "refit", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Measure refit (model in the loop): for each image of a training folder, one limb of the",
                    "model's own prediction is turned in the image plane, its projected joints are the corrected 2D",
                    "joints, and the mean 2D error (px) before and after the refit is reported."})
    static final class Refit implements Callable<Integer> {

        @Mixin
        DeviceOption device;

        @Option(names = "--model", required = true, paramLabel = "BUNDLE|CHECKPOINT",
                description = "A model bundle (folder or NAME.metro.json), or a checkpoint with --template.")
        Path model;

        @Option(names = "--template", paramLabel = "NPZ", description = "Open template of a bare checkpoint "
                + "(default: templates/<kind>.npz).")
        Path template;

        @Option(names = "--heads", paramLabel = "N", defaultValue = "4",
                description = "Heads of a bare checkpoint. Default: ${DEFAULT-VALUE}.")
        int heads;

        @Option(names = "--data", required = true, paramLabel = "DIR",
                description = "A training folder (e.g. written by 'metroscope synth').")
        Path data;

        @Option(names = "--items", paramLabel = "N", defaultValue = "8", description = "Default: ${DEFAULT-VALUE}.")
        int items;

        @Option(names = "--steps", paramLabel = "N", description = "Adam steps per refit (default: the workspace's).")
        Integer steps;

        @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate (default: the workspace's).")
        Float lr;

        @Option(names = "--degrees", paramLabel = "DEG", defaultValue = "35",
                description = "How far each limb is turned. Default: ${DEFAULT-VALUE}.")
        double degrees;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (items < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--items must be positive");
            }
            io.metroscope.annotate.RefitOptions options = io.metroscope.annotate.RefitOptions.defaults();
            if (steps != null) {
                options = options.withSteps(steps);
            }
            if (lr != null) {
                options = options.withLearningRate(lr);
            }
            io.metroscope.train.TrainingFolder folder = io.metroscope.train.TrainingFolder.open(data);
            io.metroscope.body.TemplateKind kind = folder.kind();
            Path checkpoint;
            Path templateFile;
            int h;
            String id;
            if (model.toString().endsWith(".metro.json") || java.nio.file.Files.isDirectory(model)) {
                io.metroscope.recon.ModelBundle bundle = io.metroscope.recon.ModelBundles.load(model);
                io.metroscope.recon.ModelBundles.verify(bundle);
                if (!(bundle.template() instanceof io.metroscope.recon.ModelBundle.TemplateFile t)) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "the bundle " + model
                            + " uses an official template; give its checkpoint with an open --template instead");
                }
                checkpoint = bundle.weightsPath();
                templateFile = bundle.resolve(t.file().path());
                h = bundle.architecture().heads();
                id = bundle.name();
            } else {
                checkpoint = model;
                templateFile = template != null ? template : Path.of("templates", kind.id() + ".npz");
                h = heads;
                id = model.getFileName().toString();
            }
            io.metroscope.body.OpenTemplate open = io.metroscope.body.OpenTemplates.read(templateFile);
            io.metroscope.platform.ComputeDevice selected = new ComputeDeviceService().resolve(device.spec());
            float[] ref = new float[open.template().refVertices().length];
            for (int i = 0; i < ref.length; i++) {
                ref[i] = (float) open.template().refVertices()[i];
            }
            io.metroscope.annotate.RefitModel source = new io.metroscope.annotate.RefitModel(checkpoint, ref, h, false,
                    selected.device(), id);
            io.metroscope.annotate.RefitOptions o = options;
            PrintWriter err = spec.commandLine().getErr();
            io.metroscope.annotate.RefitCheck.Report r = onThread(() -> io.metroscope.annotate.RefitCheck.run(
                    new io.metroscope.annotate.Refitter(source, open.template()), open, folder, items, degrees, o,
                    line -> log(err, line)));
            spec.commandLine().getOut().print(r.toTable());
            spec.commandLine().getOut().println("device: " + selected.name());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "checkpoint-read", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Read a checkpoint (or a generated METRO-like one of --size-mb) from the page cache with",
                    "TorchCheckpointReader and sum every element, against a plain sequential read and cat."})
    static final class CheckpointRead implements Callable<Integer> {

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

    /** {@code bench write-checkpoint FILE}: the complete official state_dict with random weights. */
    @Command(name = "write-checkpoint", mixinStandardHelpOptions = true,
            description = {"Write a full-size official METRO state_dict with random weights (torch.save zip format,",
                    "loads with torch.load and load_state_dict(strict=True) into the official network)."})
    static final class WriteCheckpoint implements Callable<Integer> {

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
            long t0 = System.nanoTime();
            long bytes = io.metroscope.bench.RandomMetroWeights.writeCheckpoint(file,
                    io.metroscope.model.OfficialArchitectures.of(MeshKind.valueOf(model.trim().toUpperCase(
                            java.util.Locale.ROOT))), seed);
            spec.commandLine().getOut().printf(java.util.Locale.ROOT, "%s: %.3f GB in %.1f s%n", file, bytes / 1e9,
                    (System.nanoTime() - t0) / 1e9);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code bench ui}: FX-thread cost of the Reconstruct and Attention views with a 6890-vertex body. */
    @Command(name = "ui", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Open the real views in a window (needs a display: on a headless machine run it under",
                    "xvfb-run -a -s \"-screen 0 1600x1000x24\") with a synthetic 6890-vertex body and time the FX",
                    "thread: re-colour per joint, mesh update per frame, live frames (overlay stroked on the FX",
                    "thread vs drawn off it), results arriving from a worker. With --model, also the live view",
                    "with that model against the model alone (what display and decoding add). See BENCHMARKS.md."})
    static final class Ui implements Callable<Integer> {

        /** The device of the --model phase; the other phases use a stand-in model. */
        @Mixin
        DeviceOption device;

        @Option(names = "--passes", paramLabel = "N", defaultValue = "10",
                description = "Re-colour passes over the 14 joints. Default: ${DEFAULT-VALUE}.")
        int passes;

        @Option(names = "--frames", paramLabel = "N", defaultValue = "150",
                description = "Frames per mesh-update and live phase. Default: ${DEFAULT-VALUE}.")
        int frames;

        @Option(names = "--results", paramLabel = "N", defaultValue = "20",
                description = "Results arriving in the folder phase. Default: ${DEFAULT-VALUE}.")
        int results;

        @Option(names = "--model-ms", paramLabel = "MS", defaultValue = "40",
                description = "Busy time of the stand-in model per frame or image. Default: ${DEFAULT-VALUE}.")
        double modelMillis;

        @Option(names = "--model", paramLabel = "BUNDLE", description = "Also run the live view with this model "
                + "bundle (e.g. assets/models/body-demo) against the model alone.")
        Path model;

        @Option(names = "--video", paramLabel = "FILE", description = "The --model phase's source (default: a "
                + "synthetic 640×480 camera at 30 fps).")
        Path video;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            io.metroscope.ui.bench.UiBenchmark.Report r = io.metroscope.ui.bench.UiBenchmark.run(
                    new io.metroscope.ui.bench.UiBenchmark.Options(passes, frames, results, modelMillis, model, video,
                            device.spec()),
                    line -> log(err, line));
            out.println(r.toTable());
            out.flush();
            javafx.application.Platform.exit();
            return 0;
        }
    }
}
