package io.metroscope.ui;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Times named pieces of work on the JavaFX application thread (wall and thread-CPU time), so that a slow stall
 * seen by {@link FxThreadWatchdog} can be traced to the handler that caused it. Cheap enough to stay on in the
 * app: two clock reads per task. Keeps per task the count, totals, worst and the last {@value #RECENT} samples
 * (for medians and percentiles in benchmarks).
 */
public final class FxTiming {

    /** Samples kept per task for percentiles. */
    static final int RECENT = 512;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Map<String, Stats> STATS = new ConcurrentHashMap<>();

    private FxTiming() {
    }

    /** Runs {@code work} and records its time under {@code task}. */
    public static void run(String task, Runnable work) {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        try {
            work.run();
        } finally {
            record(task, t0, cpu0);
        }
    }

    /** Computes {@code work} and records its time under {@code task}. */
    public static <T> T call(String task, Supplier<T> work) {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        try {
            return work.get();
        } finally {
            record(task, t0, cpu0);
        }
    }

    private static void record(String task, long t0, long cpu0) {
        double wall = (System.nanoTime() - t0) / 1e6;
        double cpu = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e6;
        STATS.computeIfAbsent(task, k -> new Stats()).add(wall, cpu);
    }

    /** What has been recorded for {@code task} (all zero when nothing was). */
    public static Summary of(String task) {
        Stats s = STATS.get(task);
        return s == null ? new Summary(task, 0, 0, 0, 0, 0, 0, 0) : s.summary(task);
    }

    /** Every task recorded so far, by name. */
    public static Map<String, Summary> all() {
        Map<String, Summary> out = new TreeMap<>();
        STATS.forEach((k, v) -> out.put(k, v.summary(k)));
        return out;
    }

    /** Forgets every figure (e.g. before a benchmark phase). */
    public static void reset() {
        STATS.clear();
    }

    /**
     * One task's figures, in milliseconds: count, mean, median, p95 and worst wall time over the recent samples
     * (worst over all), and mean and worst thread-CPU time.
     */
    public record Summary(String task, long count, double meanMillis, double medianMillis, double p95Millis,
            double worstMillis, double meanCpuMillis, double worstCpuMillis) {

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%-28s n=%-5d median %6.2f  p95 %6.2f  worst %7.2f ms  "
                    + "(CPU mean %5.2f, worst %6.2f ms)", task, count, medianMillis, p95Millis, worstMillis,
                    meanCpuMillis, worstCpuMillis);
        }
    }

    /** Running figures of one task. */
    private static final class Stats {
        private final double[] recent = new double[RECENT];
        private long count;
        private double total;
        private double worst;
        private double totalCpu;
        private double worstCpu;

        synchronized void add(double wall, double cpu) {
            recent[(int) (count % RECENT)] = wall;
            count++;
            total += wall;
            worst = Math.max(worst, wall);
            totalCpu += cpu;
            worstCpu = Math.max(worstCpu, cpu);
        }

        synchronized Summary summary(String task) {
            double[] kept = Arrays.copyOf(recent, (int) Math.min(count, RECENT));
            Arrays.sort(kept);
            return new Summary(task, count, count == 0 ? 0 : total / count, percentile(kept, 0.5),
                    percentile(kept, 0.95), worst, count == 0 ? 0 : totalCpu / count, worstCpu);
        }
    }

    /** The {@code q} quantile of sorted values (nearest rank); 0 for none. */
    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }
}
