package io.metroscope.ui.finetune;

import java.util.Locale;

/**
 * Time figures of a training run: elapsed time without pauses, smoothed throughput, the time left at that pace and
 * the share of it spent waiting for data.
 * Times are passed in (nanoseconds) so the arithmetic is plain; not thread-safe.
 */
final class RunClock {

    private static final double SMOOTHING = 0.2;

    private long startedAt = -1;
    private long pausedAt = -1;
    private long pausedTotal;
    private double samplesPerSecond = Double.NaN;
    private double dataWait = Double.NaN;

    void start(long now) {
        startedAt = now;
        pausedAt = -1;
        pausedTotal = 0;
        samplesPerSecond = Double.NaN;
        dataWait = Double.NaN;
    }

    void pause(long now) {
        if (startedAt >= 0 && pausedAt < 0) {
            pausedAt = now;
        }
    }

    void resume(long now) {
        if (pausedAt >= 0) {
            pausedTotal += now - pausedAt;
            pausedAt = -1;
        }
    }

    /** Training time so far, pauses excluded; 0 before the start. */
    double elapsedSeconds(long now) {
        if (startedAt < 0) {
            return 0;
        }
        long end = pausedAt >= 0 ? pausedAt : now;
        return (end - startedAt - pausedTotal) / 1e9;
    }

    /** Folds one batch's throughput into the running mean. */
    void addThroughput(double value) {
        if (Double.isFinite(value) && value > 0) {
            samplesPerSecond = smoothed(samplesPerSecond, value);
        }
    }

    double samplesPerSecond() {
        return samplesPerSecond;
    }

    /** Folds one batch's share of time spent waiting for data into its running mean. */
    void addDataWait(double share) {
        if (Double.isFinite(share) && share >= 0) {
            dataWait = smoothed(dataWait, share);
        }
    }

    /** The running mean after {@code value}: the value itself when there is none yet (NaN). */
    private static double smoothed(double mean, double value) {
        return Double.isNaN(mean) ? value : (1 - SMOOTHING) * mean + SMOOTHING * value;
    }

    /** Smoothed share (0–1) of the batches' time spent waiting for the loader; NaN before the first batch. */
    double dataWait() {
        return dataWait;
    }

    /** Seconds left for {@code samplesLeft} at the smoothed pace; NaN before any throughput is known. */
    double etaSeconds(long samplesLeft) {
        return Double.isNaN(samplesPerSecond) ? Double.NaN : samplesLeft / samplesPerSecond;
    }

    /** {@code 1:02:03}, {@code 4:05}, or {@code —} for an unknown time. */
    static String format(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "—";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
