package io.metroscope.recon;

/**
 * How the live pipeline runs.
 *
 * @param smoothing One-Euro smoothing of the crop box and the outputs, or null for raw per-frame results
 * @param everyFrame for non-live sources (files): process every frame (the grabber waits for the model) instead of
 *                   dropping frames the model had no time for; ignored for cameras, which never wait
 * @param realTime   for non-live sources: play at the file's own rate (frames the model misses are dropped, as
 *                   with a camera) instead of as fast as it decodes; ignored when {@code everyFrame}
 * @param stallTimeoutMillis a live source that delivers no frame for this long is reported as failed and the
 *                   pipeline stops (0: never)
 * @param detectEvery run the crop locator (person detector) on every N-th processed frame and reuse its box in
 *                   between (1: every frame); frames where it found nobody are retried on the next frame
 */
public record LiveOptions(Smoothing smoothing, boolean everyFrame, boolean realTime, long stallTimeoutMillis,
        int detectEvery) {

    /** One-Euro parameters ({@link OneEuroFilter}); the box uses the same, scaled to pixels. */
    public record Smoothing(double minCutoff, double beta, double dCutoff) {

        public Smoothing {
            new OneEuroFilter(minCutoff, beta, dCutoff); // validates
        }

        /** Defaults that calm a webcam at 10–30 fps: min cutoff 1.5 Hz, beta 0.5, derivative cutoff 1 Hz. */
        public static Smoothing defaults() {
            return new Smoothing(1.5, 0.5, 1.0);
        }
    }

    public LiveOptions {
        if (stallTimeoutMillis < 0) {
            throw new IllegalArgumentException("stall timeout must not be negative");
        }
        if (detectEvery < 1) {
            throw new IllegalArgumentException("detectEvery must be at least 1: " + detectEvery);
        }
    }

    /** Every frame detected. */
    public LiveOptions(Smoothing smoothing, boolean everyFrame, boolean realTime, long stallTimeoutMillis) {
        this(smoothing, everyFrame, realTime, stallTimeoutMillis, 1);
    }

    /** Camera-style: newest frame wins, smoothing on, stall after 5 s. */
    public static LiveOptions live() {
        return new LiveOptions(Smoothing.defaults(), false, true, 5000);
    }

    public LiveOptions withSmoothing(Smoothing s) {
        return new LiveOptions(s, everyFrame, realTime, stallTimeoutMillis, detectEvery);
    }

    public LiveOptions withEveryFrame(boolean on) {
        return new LiveOptions(smoothing, on, realTime, stallTimeoutMillis, detectEvery);
    }

    public LiveOptions withRealTime(boolean on) {
        return new LiveOptions(smoothing, everyFrame, on, stallTimeoutMillis, detectEvery);
    }

    public LiveOptions withStallTimeoutMillis(long millis) {
        return new LiveOptions(smoothing, everyFrame, realTime, millis, detectEvery);
    }

    public LiveOptions withDetectEvery(int n) {
        return new LiveOptions(smoothing, everyFrame, realTime, stallTimeoutMillis, n);
    }
}
