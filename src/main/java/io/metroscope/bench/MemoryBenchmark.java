package io.metroscope.bench;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import io.metroscope.model.MetroArchitecture;
import io.metroscope.model.MetroLoadOptions;
import io.metroscope.model.MetroModel;
import io.metroscope.model.OfficialArchitectures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Native-memory stability of a full-size body model loaded from a real checkpoint file: writes the complete
 * random-weights state_dict (≈ 0.97 GB) with {@code TorchCheckpointWriter} (unless a file is given), loads it
 * with {@link MetroModel#load}, warms up, then runs {@code iterations} batch-1 inferences and reports the
 * process RSS ({@code VmRSS}) before and after. Target: growth &lt; 50 MB over 200 inferences.
 */
public final class MemoryBenchmark {

    public static final long TARGET_GROWTH_BYTES = 50L * 1024 * 1024;

    /** {@code checkpoint} null: generate one in a temporary folder and delete it afterwards. */
    public record Options(Path checkpoint, int iterations, int warmup, boolean attention, Device device, long seed) {
    }

    /** RSS in bytes at the named points; {@code samples} every {@code sampleEvery} iterations. */
    public record Result(String checkpoint, long checkpointBytes, double writeSeconds, double loadSeconds,
            long rssBeforeLoad, long rssAfterLoad, long rssAfterWarmup, long rssAfterRuns, long rssPeak,
            int iterations, double medianForwardMs, List<long[]> samples, String loadBefore, String loadAfter) {

        public long growth() {
            return rssAfterRuns - rssAfterWarmup;
        }

        public boolean meetsTarget() {
            return growth() < TARGET_GROWTH_BYTES;
        }

        public String toTable() {
            StringBuilder sb = new StringBuilder("| measurement | value |\n|---|---|\n");
            row(sb, "checkpoint", String.format(Locale.ROOT, "%s (%.3f GB%s)", checkpoint, checkpointBytes / 1e9,
                    Double.isNaN(writeSeconds) ? "" : String.format(Locale.ROOT, ", written in %.1f s", writeSeconds)));
            row(sb, "MetroModel.load", String.format(Locale.ROOT, "%.1f s", loadSeconds));
            row(sb, "RSS before load / after load", mb(rssBeforeLoad) + " / " + mb(rssAfterLoad));
            row(sb, "RSS after warm-up", mb(rssAfterWarmup));
            row(sb, "RSS after " + iterations + " inferences", mb(rssAfterRuns));
            row(sb, "RSS growth over the inferences", mb(growth()) + (meetsTarget() ? " (target < 50 MB: met)"
                    : " (target < 50 MB: NOT met)"));
            row(sb, "peak RSS sampled", mb(rssPeak));
            row(sb, "median batch-1 forward", String.format(Locale.ROOT, "%.1f ms", medianForwardMs));
            row(sb, "load average before → after", loadBefore + " → " + loadAfter);
            return sb.toString();
        }

        private static void row(StringBuilder sb, String k, String v) {
            sb.append("| ").append(k).append(" | ").append(v).append(" |\n");
        }

        private static String mb(long bytes) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
        }
    }

    private MemoryBenchmark() {
    }

    public static Result run(Options o, Consumer<String> progress) throws IOException {
        JniUtils.setGradMode(false);
        MetroArchitecture arch = OfficialArchitectures.body();
        Path dir = null;
        Path file = o.checkpoint();
        double writeSeconds = Double.NaN;
        String loadBefore = ModelBenchmark.loadAverage();
        try {
            if (file == null) {
                dir = Files.createTempDirectory("metroscope-memory");
                file = dir.resolve("metro_body_random_state_dict.bin");
                long t0 = System.nanoTime();
                RandomMetroWeights.writeCheckpoint(file, arch, o.seed());
                writeSeconds = (System.nanoTime() - t0) / 1e9;
                progress.accept(String.format(Locale.ROOT, "wrote %s (%.3f GB) in %.1f s", file,
                        Files.size(file) / 1e9, writeSeconds));
            }
            System.gc();
            long beforeLoad = rss();
            long t0 = System.nanoTime();
            float[] template = RandomMetroWeights.template(arch, o.seed());
            try (MetroModel model = MetroModel.load(file, template, new MetroLoadOptions(4, false, o.device()))) {
                double loadSeconds = (System.nanoTime() - t0) / 1e9;
                System.gc();
                long afterLoad = rss();
                progress.accept(String.format(Locale.ROOT, "loaded in %.1f s; RSS %.0f MB", loadSeconds,
                        afterLoad / 1048576.0));
                float[] input = new float[3 * 224 * 224];
                java.util.Random random = new java.util.Random(o.seed());
                for (int i = 0; i < input.length; i++) {
                    input[i] = (float) random.nextGaussian();
                }
                for (int i = 0; i < o.warmup(); i++) {
                    model.predict(input, 1, 224, 224, o.attention());
                }
                System.gc();
                long afterWarmup = rss();
                long peak = afterWarmup;
                List<long[]> samples = new ArrayList<>();
                double[] times = new double[o.iterations()];
                for (int i = 0; i < o.iterations(); i++) {
                    long s = System.nanoTime();
                    model.predict(input, 1, 224, 224, o.attention());
                    times[i] = (System.nanoTime() - s) / 1e6;
                    long now = rss();
                    peak = Math.max(peak, now);
                    if ((i + 1) % 20 == 0 || i == o.iterations() - 1) {
                        samples.add(new long[] {i + 1, now});
                        progress.accept(String.format(Locale.ROOT, "  %d inferences: RSS %.1f MB", i + 1,
                                now / 1048576.0));
                    }
                }
                System.gc();
                long afterRuns = rss();
                java.util.Arrays.sort(times);
                return new Result(file.toString(), Files.size(file), writeSeconds, loadSeconds, beforeLoad, afterLoad,
                        afterWarmup, afterRuns, peak, o.iterations(), ModelBenchmark.percentile(times, 50), samples,
                        loadBefore, ModelBenchmark.loadAverage());
            }
        } finally {
            if (dir != null) {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        }
    }

    /** This process's resident set size ({@code VmRSS} of /proc/self/status) in bytes; −1 if unknown. */
    public static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return -1;
    }
}
