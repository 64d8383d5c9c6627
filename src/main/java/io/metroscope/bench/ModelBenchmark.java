package io.metroscope.bench;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import io.metroscope.body.JointSet;
import io.metroscope.body.MetroTemplate;
import io.metroscope.body.TemplateKind;
import io.metroscope.format.FormatException;
import io.metroscope.format.SparseMatrix;
import io.metroscope.model.MeshKind;
import io.metroscope.model.MetroArchitecture;
import io.metroscope.model.MetroLoadOptions;
import io.metroscope.model.MetroModel;
import io.metroscope.model.MetroOutput;
import io.metroscope.model.OfficialArchitectures;
import io.metroscope.recon.InputItem;
import io.metroscope.recon.PostProcessor;
import io.metroscope.vision.ImageDecoder;
import io.metroscope.vision.OfficialPreprocessing;
import io.metroscope.vision.PreprocessedImage;
import io.metroscope.vision.RgbImage;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

/**
 * Times the full-size METRO body and hand networks (random weights, {@link OfficialArchitectures}) end to end,
 * per stage: JPEG decode, official pre-processing, backbone, transformer (token building + encoder), heads
 * (camera + learned upsampling), output copy to Java, post-processing (root centring, joint regression,
 * projection). Every measured iteration runs all stages for one batch; stage times are per batch.
 */
public final class ModelBenchmark {

    /** Stage names in execution order; {@code forward} = backbone + transformer + heads + output. */
    public static final List<String> STAGES = List.of("decode", "preprocess", "backbone", "transformer", "heads",
            "output", "postprocess");

    private static final int IMAGE_WIDTH = 640;
    private static final int IMAGE_HEIGHT = 480;

    /** What to run. */
    public record Options(List<MeshKind> models, List<Integer> batches, int warmup, int runs, boolean attention,
            Device device, long seed) {
        public Options {
            models = List.copyOf(models);
            batches = List.copyOf(batches);
            if (warmup < 0 || runs < 1) {
                throw new IllegalArgumentException("warm-up must be ≥ 0 and runs ≥ 1");
            }
        }

        public static Options defaults() {
            return new Options(List.of(MeshKind.BODY, MeshKind.HAND), List.of(1, 8), 2, 5, false, Device.cpu(), 1);
        }
    }

    /** Milliseconds of one stage over the measured runs. */
    public record Stat(String stage, double median, double p90, double mean, double min, double[] samples) {
        static Stat of(String stage, double[] samples) {
            double[] s = samples.clone();
            Arrays.sort(s);
            return new Stat(stage, percentile(s, 50), percentile(s, 90), Arrays.stream(s).average().orElse(0),
                    s[0], samples.clone());
        }
    }

    /** One model at one batch size. */
    public record Case(String model, int batch, int runs, List<Stat> stages, Stat forward, Stat forwardCpu,
            Stat total, String loadBefore, String loadAfter) {
        public Stat stage(String name) {
            return stages.stream().filter(s -> s.stage().equals(name)).findFirst().orElseThrow();
        }
    }

    /** Everything a run measured, with the machine it ran on. */
    public record Report(String cpu, int cpus, int intraOpThreads, int interOpThreads, String device,
            String jvm, List<Case> cases) {

        /** A Markdown table: median / p90 ms per stage and batch. */
        public String toTable() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "CPU: %s (%d cpus), PyTorch threads intra-op %d / inter-op %d, "
                    + "device %s, %s%n%n", cpu, cpus, intraOpThreads, interOpThreads, device, jvm));
            sb.append("| model | batch | runs |");
            for (String s : STAGES) {
                sb.append(' ').append(s).append(" |");
            }
            sb.append(" forward | forward CPU | total | per image | load avg before → after |\n|---|---|---|");
            sb.append("---|".repeat(STAGES.size() + 5)).append('\n');
            for (Case c : cases) {
                sb.append(String.format(Locale.ROOT, "| %s | %d | %d |", c.model(), c.batch(), c.runs()));
                for (Stat s : c.stages()) {
                    sb.append(' ').append(ms(s)).append(" |");
                }
                sb.append(' ').append(ms(c.forward())).append(" | ").append(ms(c.forwardCpu())).append(" | ")
                        .append(ms(c.total())).append(" | ")
                        .append(String.format(Locale.ROOT, "%.1f", c.total().median() / c.batch())).append(" | ")
                        .append(c.loadBefore()).append(" → ").append(c.loadAfter()).append(" |\n");
            }
            sb.append("\nCells: median / p90 milliseconds per batch (wall clock). forward CPU: process CPU time of the "
                    + "forward (all threads; with --threads 1 the work itself, little affected by other load).\n");
            return sb.toString();
        }

        private static String ms(Stat s) {
            return String.format(Locale.ROOT, "%.1f / %.1f", s.median(), s.p90());
        }
    }

    private ModelBenchmark() {
    }

    /**
     * Runs {@code options} on the calling thread (grad recording is switched off on it first).
     * {@code progress} receives one line per model and case.
     */
    public static Report run(Options options, Consumer<String> progress) throws IOException {
        JniUtils.setGradMode(false);
        Path dir = Files.createTempDirectory("metroscope-bench");
        try {
            Path image = dir.resolve("bench.jpg");
            writeTestImage(image);
            List<Case> cases = new ArrayList<>();
            for (MeshKind kind : options.models()) {
                MetroArchitecture arch = OfficialArchitectures.of(kind);
                long t0 = System.nanoTime();
                try (MetroModel model = MetroModel.fromTensors(RandomMetroWeights.tensors(arch, options.seed(), false),
                        RandomMetroWeights.template(arch, options.seed()), new MetroLoadOptions(4, false,
                                options.device()))) {
                    progress.accept(String.format(Locale.ROOT, "%s: random full-size weights built in %.1f s",
                            name(kind), (System.nanoTime() - t0) / 1e9));
                    PostProcessor post = new PostProcessor(syntheticTemplate(arch, options.seed()));
                    for (int batch : options.batches()) {
                        Case c = measure(model, post, kind, batch, image, options);
                        progress.accept(String.format(Locale.ROOT, "%s batch %d: forward median %.1f ms (load %s → %s)",
                                name(kind), batch, c.forward().median(), c.loadBefore(), c.loadAfter()));
                        cases.add(c);
                    }
                }
            }
            return new Report(cpuModel(), Runtime.getRuntime().availableProcessors(), JniUtils.getNumThreads(),
                    JniUtils.getNumInteropThreads(), options.device().toString(),
                    "Java " + Runtime.version(), cases);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Forward wall and CPU milliseconds of the optimised and the unoptimised build of one model, interleaved. */
    public record AbResult(String model, int batch, Stat optimisedWall, Stat optimisedCpu, Stat plainWall,
            Stat plainCpu, String loadBefore, String loadAfter) {
        public String toRow() {
            return String.format(Locale.ROOT, "| %s | %d | %.0f / %.0f | %.0f / %.0f | %.2f | %.2f | %s → %s |", model,
                    batch, plainWall.median(), plainCpu.median(), optimisedWall.median(), optimisedCpu.median(),
                    optimisedWall.median() / plainWall.median(), optimisedCpu.median() / plainCpu.median(),
                    loadBefore, loadAfter);
        }

        public static String header() {
            return "| model | batch | unoptimised wall / CPU ms | optimised wall / CPU ms | ratio wall | ratio CPU "
                    + "| load avg |\n|---|---|---|---|---|---|---|";
        }
    }

    /**
     * Builds the model twice from the same random weights, once with the load-time optimisations (BatchNorm
     * folding, QKV fusion) and once without ({@code metroscope.model.unoptimised}), and times their forwards
     * alternately, so that both see the same machine load.
     */
    public static List<AbResult> abUnoptimised(Options options, Consumer<String> progress) {
        JniUtils.setGradMode(false);
        List<AbResult> results = new ArrayList<>();
        for (MeshKind kind : options.models()) {
            MetroArchitecture arch = OfficialArchitectures.of(kind);
            var tensors = RandomMetroWeights.tensors(arch, options.seed(), false);
            float[] template = RandomMetroWeights.template(arch, options.seed());
            MetroLoadOptions load = new MetroLoadOptions(4, false, options.device());
            MetroModel optimised = MetroModel.fromTensors(tensors, template, load);
            System.setProperty("metroscope.model.unoptimised", "true");
            MetroModel plain;
            try {
                plain = MetroModel.fromTensors(tensors, template, load);
            } finally {
                System.clearProperty("metroscope.model.unoptimised");
            }
            try (optimised; plain) {
                for (int batch : options.batches()) {
                    float[] input = new float[batch * 3 * 224 * 224];
                    java.util.Random random = new java.util.Random(batch);
                    for (int i = 0; i < input.length; i++) {
                        input[i] = (float) random.nextGaussian();
                    }
                    String before = loadAverage();
                    double[][] t = new double[4][options.runs()];
                    for (int it = -options.warmup(); it < options.runs(); it++) {
                        for (int which = 0; which < 2; which++) {
                            MetroModel m = (it + which) % 2 == 0 ? optimised : plain;
                            int slot = m == optimised ? 0 : 2;
                            long c0 = processCpuNanos();
                            long w0 = System.nanoTime();
                            m.predict(input, batch, 224, 224, false);
                            if (it >= 0) {
                                t[slot][it] = (System.nanoTime() - w0) / 1e6;
                                t[slot + 1][it] = (processCpuNanos() - c0) / 1e6;
                            }
                        }
                    }
                    AbResult r = new AbResult(name(kind), batch, Stat.of("optimised", t[0]), Stat.of("optimised CPU", t[1]),
                            Stat.of("unoptimised", t[2]), Stat.of("unoptimised CPU", t[3]), before, loadAverage());
                    progress.accept(r.toRow());
                    results.add(r);
                }
            }
        }
        return results;
    }

    private static Case measure(MetroModel model, PostProcessor post, MeshKind kind, int batch, Path image,
            Options options) throws FormatException {
        int total = options.warmup() + options.runs();
        Map<String, double[]> samples = new LinkedHashMap<>();
        for (String s : STAGES) {
            samples.put(s, new double[options.runs()]);
        }
        double[] forward = new double[options.runs()];
        double[] forwardCpu = new double[options.runs()];
        double[] all = new double[options.runs()];
        String before = loadAverage();
        for (int it = 0; it < total; it++) {
            int r = it - options.warmup();
            Map<String, Long> marks = new LinkedHashMap<>();
            long start = System.nanoTime();
            // In parallel, as OfficialImageInputs reads a batch.
            List<RgbImage> decoded = IntStream.range(0, batch).parallel().mapToObj(b -> decodeTestImage(image))
                    .toList();
            marks.put("decode", System.nanoTime());
            List<PreprocessedImage> crops = decoded.parallelStream().map(OfficialPreprocessing::centerCrop).toList();
            float[] input = OfficialPreprocessing.batch(crops);
            marks.put("preprocess", System.nanoTime());
            long cpuStart = processCpuNanos();
            List<MetroOutput> outputs = model.predict(input, batch, OfficialPreprocessing.SIZE,
                    OfficialPreprocessing.SIZE, options.attention(), stage -> marks.put(stage, System.nanoTime()));
            long cpuEnd = processCpuNanos();
            for (int b = 0; b < batch; b++) {
                post.apply(outputs.get(b), new InputItem(image.toString(), crops.get(b).cropToImage()), name(kind),
                        0, batch);
            }
            marks.put("postprocess", System.nanoTime());
            if (r < 0) {
                continue;
            }
            long previous = start;
            for (String s : STAGES) {
                long t = marks.get(s);
                samples.get(s)[r] = (t - previous) / 1e6;
                previous = t;
            }
            forward[r] = (marks.get("output") - marks.get("preprocess")) / 1e6;
            all[r] = (marks.get("postprocess") - start) / 1e6;
            forwardCpu[r] = (cpuEnd - cpuStart) / 1e6;
        }
        List<Stat> stats = new ArrayList<>();
        samples.forEach((s, v) -> stats.add(Stat.of(s, v)));
        return new Case(name(kind), batch, options.runs(), stats, Stat.of("forward", forward),
                Stat.of("forward CPU", forwardCpu), Stat.of("total", all),
                before, loadAverage());
    }

    /** CPU time of this process (all threads), nanoseconds. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    static String name(MeshKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /**
     * A stand-in template with the right sizes for post-processing: the architecture's token count, a sparse
     * joint regressor (H36M-17 × 6890 body / FreiHAND-21 × 778 hand, 6 weights a row like the real ones).
     */
    static MetroTemplate syntheticTemplate(MetroArchitecture arch, long seed) {
        boolean body = arch.kind() == MeshKind.BODY;
        int v = arch.tokens().fullVertices();
        int c = arch.tokens().coarseVertices();
        JointSet regressorJoints = body ? JointSet.H36M_17 : JointSet.FREIHAND_21;
        JointSet tokenJoints = body ? JointSet.LSP_14 : JointSet.FREIHAND_21;
        int rows = regressorJoints.size();
        int perRow = 6;
        int[] r = new int[rows * perRow];
        int[] col = new int[rows * perRow];
        double[] w = new double[rows * perRow];
        java.util.Random random = new java.util.Random(seed);
        for (int j = 0; j < rows; j++) {
            for (int k = 0; k < perRow; k++) {
                r[j * perRow + k] = j;
                col[j * perRow + k] = (j * 397 + k * 53) % v;
                w[j * perRow + k] = 1.0 / perRow;
            }
        }
        int[] dr = new int[c];
        int[] dc = new int[c];
        double[] dv = new double[c];
        for (int i = 0; i < c; i++) {
            dr[i] = i;
            dc[i] = (int) ((long) i * v / c);
            dv[i] = 1;
        }
        double[] full = new double[3 * v];
        for (int i = 0; i < full.length; i++) {
            full[i] = random.nextGaussian() * 0.3;
        }
        return new MetroTemplate(body ? TemplateKind.BODY : TemplateKind.HAND, full, new int[0], new double[0],
                new double[3 * c], List.of(SparseMatrix.fromCoordinates(c, v, dr, dc, dv)), List.of(),
                SparseMatrix.fromCoordinates(rows, v, r, col, w), regressorJoints, tokenJoints, new double[3],
                new double[3 * (tokenJoints.size() + c)], Map.of("source", "synthetic benchmark template"));
    }

    private static RgbImage decodeTestImage(Path image) {
        try {
            return ImageDecoder.decode(image);
        } catch (FormatException e) {
            throw new IllegalStateException("the benchmark's own test image " + image + " did not decode", e);
        }
    }

    /** A 640×480 RGB JPEG with smooth gradients and some texture (what a camera frame costs to decode). */
    static void writeTestImage(Path file) throws IOException {
        BufferedImage img = new BufferedImage(IMAGE_WIDTH, IMAGE_HEIGHT, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(7);
        for (int y = 0; y < IMAGE_HEIGHT; y++) {
            for (int x = 0; x < IMAGE_WIDTH; x++) {
                int red = (x * 255 / IMAGE_WIDTH + random.nextInt(24)) & 0xFF;
                int green = (y * 255 / IMAGE_HEIGHT + random.nextInt(24)) & 0xFF;
                int blue = ((x ^ y) & 0x7F) + random.nextInt(24);
                img.setRGB(x, y, red << 16 | green << 8 | Math.min(blue, 255));
            }
        }
        if (!ImageIO.write(img, "jpg", file.toFile())) {
            throw new IOException("no JPEG writer");
        }
    }

    /** {@code /proc/loadavg}'s first three fields, or "n/a". */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /** The CPU's model name from /proc/cpuinfo, or os.arch. */
    public static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return System.getProperty("os.arch");
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 1) {
            return sorted[0];
        }
        double pos = p / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
