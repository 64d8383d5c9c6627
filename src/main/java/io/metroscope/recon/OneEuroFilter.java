package io.metroscope.recon;

/**
 * The One-Euro filter (Casiez, Roussel and Vogel, CHI 2012) applied element-wise to a fixed-length array: a
 * low-pass filter whose cutoff rises with the (low-passed) speed, so still signals are smoothed hard and fast
 * motion follows with little lag. Per element: {@code dx = (x - x̂prev)/dt}, {@code d̂x = lowpass(dx, α(dCutoff))},
 * {@code cutoff = minCutoff + beta·|d̂x|}, {@code x̂ = lowpass(x, α(cutoff))} with
 * {@code α(fc) = 1 / (1 + 1/(2π·fc·dt))}. Not thread-safe.
 */
public final class OneEuroFilter {

    private final double minCutoff;
    private final double beta;
    private final double dCutoff;
    private double[] value;
    private double[] derivative;
    private double lastTime = Double.NaN;

    /**
     * @param minCutoff cutoff (Hz) when still: lower = smoother, more lag (1.0 is a common start)
     * @param beta speed coefficient: higher = less lag on fast motion (0.0–1.0 typical, scaled to the data's units)
     * @param dCutoff cutoff (Hz) of the derivative's low-pass (1.0 usual)
     */
    public OneEuroFilter(double minCutoff, double beta, double dCutoff) {
        if (!(minCutoff > 0) || !(beta >= 0) || !(dCutoff > 0)) {
            throw new IllegalArgumentException("need minCutoff > 0, beta >= 0, dCutoff > 0: " + minCutoff + ", "
                    + beta + ", " + dCutoff);
        }
        this.minCutoff = minCutoff;
        this.beta = beta;
        this.dCutoff = dCutoff;
    }

    /** Forgets the history: the next sample passes through unchanged. */
    public void reset() {
        value = null;
        derivative = null;
        lastTime = Double.NaN;
    }

    /** Filters one sample taken at {@code timeSeconds}; returns a new array. A length change resets the filter. */
    public double[] filter(double[] x, double timeSeconds) {
        if (value == null || value.length != x.length) {
            value = x.clone();
            derivative = new double[x.length];
            lastTime = timeSeconds;
            return x.clone();
        }
        double dt = timeSeconds - lastTime;
        if (!(dt > 0)) {
            return value.clone(); // same or older timestamp: nothing new to learn
        }
        lastTime = timeSeconds;
        double aD = alpha(dCutoff, dt);
        for (int i = 0; i < x.length; i++) {
            double dx = (x[i] - value[i]) / dt;
            derivative[i] += aD * (dx - derivative[i]);
            double cutoff = minCutoff + beta * Math.abs(derivative[i]);
            value[i] += alpha(cutoff, dt) * (x[i] - value[i]);
        }
        return value.clone();
    }

    /** {@link #filter(double[], double)} for floats. */
    public float[] filter(float[] x, double timeSeconds) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        double[] y = filter(d, timeSeconds);
        float[] out = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = (float) y[i];
        }
        return out;
    }

    static double alpha(double cutoff, double dt) {
        double tau = 1.0 / (2 * Math.PI * cutoff);
        return 1.0 / (1.0 + tau / dt);
    }
}
