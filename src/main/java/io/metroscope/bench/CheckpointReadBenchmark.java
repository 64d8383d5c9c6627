package io.metroscope.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.metroscope.format.DType;
import io.metroscope.format.FormatException;
import io.metroscope.format.NdArray;
import io.metroscope.format.StateDict;
import io.metroscope.format.TorchCheckpointReader;
import io.metroscope.format.TorchCheckpointWriter;
import io.metroscope.format.TorchTensor;

/**
 * How fast {@link TorchCheckpointReader} makes a checkpoint's values available, against the speed of simply
 * reading the file ({@code cat FILE > /dev/null}), both from the page cache.
 *
 * <p>One run: generate a METRO-like float32 checkpoint (about 1 GB by default) with {@link TorchCheckpointWriter}
 * when no file is given; read the file once to warm the page cache; then, {@code repeats} times each, (1) read
 * it sequentially through a FileChannel into one reusable direct buffer, (2) optionally run the real
 * {@code cat}, (3) {@code TorchCheckpointReader.read} and sum every element of every tensor, streaming over the
 * mapped storages in small chunks so the heap stays small. Throughput is file bytes / median time. Peak heap is
 * the sum of the heap pools' peak usage during the reader passes (an upper bound), measured after a GC.
 *
 * <p>Targets (issue): reader ≥ 1 GB/s and peak heap &lt; 100 MB with {@code -Xmx256m}.
 */
public final class CheckpointReadBenchmark {
    /** GB here is 10^9 bytes. */
    private static final double GB = 1e9;
    private static final int CHUNK_FLOATS = 1 << 16;
    private static final int READ_BUFFER = 1 << 20;

    /** Settings of one run. {@code file} null: generate {@code generateBytes} into a temporary folder. */
    public record Options(Path file, long generateBytes, int repeats, boolean runCat) {
        public static Options defaults() {
            return new Options(null, 1_000_000_000L, 3, true);
        }
    }

    /** Measured numbers; {@code catGBps} is NaN when cat was not run. Times are medians of the repeats. */
    public record Result(String file, boolean generated, long fileBytes, int tensors, int repeats,
            double baselineGBps, double catGBps, double readerGBps, double readerOverBaseline,
            long peakHeapBytes, long maxHeapBytes, double checksum, double openMillis, String jvm, int cpus) {

        public boolean meetsTargets() {
            return readerGBps >= 1.0 && peakHeapBytes < 100L * 1024 * 1024;
        }

        /** A Markdown table. */
        public String toTable() {
            StringBuilder sb = new StringBuilder();
            sb.append("| measurement | value |\n|---|---|\n");
            row(sb, "file", (generated ? "generated, " : "") + String.format(Locale.ROOT, "%.3f GB, %d tensors",
                    fileBytes / GB, tensors));
            row(sb, "baseline: FileChannel sequential read", gbps(baselineGBps));
            row(sb, "baseline: cat FILE > /dev/null", Double.isNaN(catGBps) ? "not run" : gbps(catGBps));
            row(sb, "TorchCheckpointReader.read + sum of every element", gbps(readerGBps));
            row(sb, "reader / FileChannel baseline", String.format(Locale.ROOT, "%.2f", readerOverBaseline));
            row(sb, "of which read() (open, pickle, map)", String.format(Locale.ROOT, "%.1f ms", openMillis));
            row(sb, "peak heap during reader passes", String.format(Locale.ROOT, "%.1f MB (max heap %.0f MB)",
                    peakHeapBytes / 1048576.0, maxHeapBytes / 1048576.0));
            row(sb, "targets (≥ 1 GB/s, peak heap < 100 MB)", meetsTargets() ? "met" : "NOT met");
            row(sb, "repeats (median)", Integer.toString(repeats));
            row(sb, "JVM, CPUs", jvm + ", " + cpus);
            return sb.toString();
        }

        public String toJson() {
            try {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", file);
                m.put("generated", generated);
                m.put("fileBytes", fileBytes);
                m.put("tensors", tensors);
                m.put("repeats", repeats);
                m.put("baselineGBps", baselineGBps);
                m.put("catGBps", Double.isNaN(catGBps) ? null : catGBps);
                m.put("readerGBps", readerGBps);
                m.put("readerOverBaseline", readerOverBaseline);
                m.put("openMillis", openMillis);
                m.put("peakHeapBytes", peakHeapBytes);
                m.put("maxHeapBytes", maxHeapBytes);
                m.put("checksum", checksum);
                m.put("meetsTargets", meetsTargets());
                m.put("jvm", jvm);
                m.put("cpus", cpus);
                return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void row(StringBuilder sb, String name, String value) {
            sb.append("| ").append(name).append(" | ").append(value).append(" |\n");
        }

        private static String gbps(double v) {
            return String.format(Locale.ROOT, "%.2f GB/s", v);
        }
    }

    private CheckpointReadBenchmark() {
    }

    /** Runs the benchmark; a generated file is deleted afterwards. */
    public static Result run(Options options) throws IOException {
        Path file = options.file();
        Path tempDir = null;
        try {
            if (file == null) {
                tempDir = Files.createTempDirectory("metroscope-bench-");
                file = tempDir.resolve("metro-like.pth");
                generate(file, options.generateBytes());
            }
            return measure(file, tempDir != null, Math.max(1, options.repeats()), options.runCat());
        } finally {
            if (tempDir != null) {
                Files.deleteIfExists(file);
                Files.deleteIfExists(tempDir);
            }
        }
    }

    // ---- measurement -------------------------------------------------------------------------------------

    private static Result measure(Path file, boolean generated, int repeats, boolean runCat) throws IOException {
        long size = Files.size(file);
        ByteBuffer buffer = ByteBuffer.allocateDirect(READ_BUFFER);
        readSequentially(file, buffer); // warm the page cache
        long[] baseline = new long[repeats];
        long[] cat = new long[repeats];
        long[] reader = new long[repeats];
        long[] open = new long[repeats];
        double checksum = 0;
        int tensors = 0;
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            readSequentially(file, buffer);
            baseline[r] = System.nanoTime() - t0;
        }
        if (runCat) {
            for (int r = 0; r < repeats; r++) {
                cat[r] = runCat(file);
                if (cat[r] < 0) {
                    runCat = false;
                    break;
                }
            }
        }
        System.gc();
        List<MemoryPoolMXBean> heapPools = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                pool.resetPeakUsage();
                heapPools.add(pool);
            }
        }
        float[] chunk = new float[CHUNK_FLOATS];
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            StateDict dict = TorchCheckpointReader.read(file);
            open[r] = System.nanoTime() - t0;
            double sum = 0;
            for (TorchTensor t : dict.tensors().values()) {
                sum += sum(t, chunk);
            }
            reader[r] = System.nanoTime() - t0;
            checksum = sum;
            tensors = dict.size();
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            peak += pool.getPeakUsage().getUsed();
        }
        double baselineGBps = size / GB / seconds(median(baseline));
        double readerGBps = size / GB / seconds(median(reader));
        return new Result(file.toString(), generated, size, tensors, repeats, baselineGBps,
                runCat ? size / GB / seconds(median(cat)) : Double.NaN, readerGBps, readerGBps / baselineGBps, peak,
                Runtime.getRuntime().maxMemory(), checksum, median(open) / 1e6,
                System.getProperty("java.vm.name") + " " + Runtime.version(),
                Runtime.getRuntime().availableProcessors());
    }

    private static void readSequentially(Path file, ByteBuffer buffer) throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            while (true) {
                buffer.clear();
                if (ch.read(buffer) < 0) {
                    return;
                }
            }
        }
    }

    /** Nanoseconds {@code cat FILE > /dev/null} took, or -1 when cat is not available. */
    private static long runCat(Path file) {
        try {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder("cat", file.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                return -1;
            }
            return System.nanoTime() - t0;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Sum of every element: contiguous float32 streams over the mapped bytes; anything else is copied out. */
    static double sum(TorchTensor t) {
        return sum(t, new float[CHUNK_FLOATS]);
    }

    /** As {@link #sum(TorchTensor)}, streaming through {@code chunk} (reused: no garbage per tensor). */
    static double sum(TorchTensor t, float[] chunk) {
        if (t.dtype() == DType.FLOAT32 && t.isContiguous()) {
            FloatBuffer floats = t.storage().bytes().asFloatBuffer();
            int from = Math.toIntExact(t.storageOffset());
            int n = t.numel();
            // Eight independent sums keep the adder busy (a single chain waits on each add's latency).
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            double s4 = 0;
            double s5 = 0;
            double s6 = 0;
            double s7 = 0;
            for (int done = 0; done < n; ) {
                int len = Math.min(chunk.length, n - done);
                floats.get(from + done, chunk, 0, len);
                int i = 0;
                for (; i + 7 < len; i += 8) {
                    s0 += chunk[i];
                    s1 += chunk[i + 1];
                    s2 += chunk[i + 2];
                    s3 += chunk[i + 3];
                    s4 += chunk[i + 4];
                    s5 += chunk[i + 5];
                    s6 += chunk[i + 6];
                    s7 += chunk[i + 7];
                }
                for (; i < len; i++) {
                    s0 += chunk[i];
                }
                done += len;
            }
            return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        }
        double s = 0;
        for (double v : t.toDoubleArray()) {
            s += v;
        }
        return s;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double seconds(long nanos) {
        return Math.max(nanos, 1) / 1e9;
    }

    // ---- synthetic METRO-like checkpoint -----------------------------------------------------------------

    /** One tensor of the synthetic checkpoint. */
    record Spec(String name, DType dtype, int[] shape) {
        long bytes() {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n * dtype.byteSize();
        }
    }

    /**
     * Tensor names and shapes in the proportions of METRO's body checkpoint (HRNet convolutions with batch-norm
     * statistics and int64 {@code num_batches_tracked}, BERT layers of width 1024, a 30522×1024 word
     * embedding) until {@code targetBytes} is reached (overshooting by less than one tensor, at most 12.6 MB).
     */
    static List<Spec> metroLikeSpecs(long targetBytes) {
        List<Spec> specs = new ArrayList<>();
        long total = 0;
        if (targetBytes >= 400_000_000L) {
            Spec words = new Spec("trans_encoder.0.bert.embeddings.word_embeddings.weight", DType.FLOAT32,
                    new int[] {30522, 1024});
            specs.add(words);
            total += words.bytes();
        }
        int[] widths = {64, 128, 256, 512};
        for (int block = 0; total < targetBytes; block++) {
            List<Spec> add = new ArrayList<>();
            for (int c : widths) {
                String p = "backbone.stage" + block + ".branch" + c + ".";
                add.add(new Spec(p + "conv.weight", DType.FLOAT32, new int[] {c, c, 3, 3}));
                for (String stat : new String[] {"weight", "bias", "running_mean", "running_var"}) {
                    add.add(new Spec(p + "bn." + stat, DType.FLOAT32, new int[] {c}));
                }
                add.add(new Spec(p + "bn.num_batches_tracked", DType.INT64, new int[0]));
            }
            String l = "trans_encoder.0.bert.encoder.layer." + block + ".";
            for (String m : new String[] {"attention.self.query", "attention.self.key", "attention.self.value",
                    "attention.output.dense"}) {
                add.add(new Spec(l + m + ".weight", DType.FLOAT32, new int[] {1024, 1024}));
                add.add(new Spec(l + m + ".bias", DType.FLOAT32, new int[] {1024}));
            }
            add.add(new Spec(l + "attention.output.LayerNorm.weight", DType.FLOAT32, new int[] {1024}));
            add.add(new Spec(l + "attention.output.LayerNorm.bias", DType.FLOAT32, new int[] {1024}));
            add.add(new Spec(l + "intermediate.dense.weight", DType.FLOAT32, new int[] {3072, 1024}));
            add.add(new Spec(l + "intermediate.dense.bias", DType.FLOAT32, new int[] {3072}));
            add.add(new Spec(l + "output.dense.weight", DType.FLOAT32, new int[] {1024, 3072}));
            add.add(new Spec(l + "output.dense.bias", DType.FLOAT32, new int[] {1024}));
            add.add(new Spec(l + "output.LayerNorm.weight", DType.FLOAT32, new int[] {1024}));
            add.add(new Spec(l + "output.LayerNorm.bias", DType.FLOAT32, new int[] {1024}));
            for (Spec s : add) {
                if (total >= targetBytes) {
                    break;
                }
                specs.add(s);
                total += s.bytes();
            }
        }
        return specs;
    }

    /** Writes a synthetic checkpoint of about {@code targetBytes}, one tensor at a time (off-heap). */
    public static void generate(Path file, long targetBytes) throws FormatException {
        List<Spec> specs = metroLikeSpecs(targetBytes);
        long largest = specs.stream().mapToLong(Spec::bytes).max().orElse(8);
        ByteBuffer scratch = ByteBuffer.allocateDirect(Math.toIntExact(Math.max(largest, 8)))
                .order(ByteOrder.LITTLE_ENDIAN);
        int seed = 1;
        try (TorchCheckpointWriter writer = TorchCheckpointWriter.create(file)) {
            for (Spec s : specs) {
                int bytes = (int) s.bytes();
                ByteBuffer data = scratch.duplicate().position(0).limit(bytes).slice().order(ByteOrder.LITTLE_ENDIAN);
                if (s.dtype() == DType.INT64) {
                    data.putLong(0, seed);
                } else {
                    FloatBuffer f = data.asFloatBuffer();
                    // Small values of both signs, cheap to make and not all equal.
                    for (int i = 0; i < bytes / 4; i++) {
                        f.put(i, ((i * 31 + seed) % 2001 - 1000) * 1e-5f);
                    }
                }
                seed++;
                writer.add(s.name(), new NdArray(s.dtype(), s.shape(), data, null));
            }
            writer.commit();
        }
    }

    /**
     * {@code CheckpointReadBenchmark [FILE] [--size-mb N] [--repeats N] [--no-cat] [--json]}: prints the table
     * (or JSON). Run with e.g. {@code -Xmx256m} to check the heap target.
     */
    public static void main(String[] args) throws IOException {
        Options o = Options.defaults();
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size-mb" -> o = new Options(o.file(), Long.parseLong(args[++i]) * 1_000_000L, o.repeats(),
                        o.runCat());
                case "--repeats" -> o = new Options(o.file(), o.generateBytes(), Integer.parseInt(args[++i]),
                        o.runCat());
                case "--no-cat" -> o = new Options(o.file(), o.generateBytes(), o.repeats(), false);
                case "--json" -> json = true;
                default -> o = new Options(Path.of(args[i]), o.generateBytes(), o.repeats(), o.runCat());
            }
        }
        Result r = run(o);
        System.out.println(json ? r.toJson() : r.toTable());
    }
}
