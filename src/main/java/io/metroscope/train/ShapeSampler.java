package io.metroscope.train;

import java.util.SplittableRandom;

/** Draws shape coefficients (betas) over a template's shape directions: N(0, σ²) clipped to ±limit. */
public record ShapeSampler(int count, double sigma, double limit) {

    public ShapeSampler {
        if (count < 0 || !(sigma >= 0) || !(limit >= 0)) {
            throw new IllegalArgumentException("count, sigma and limit must be non-negative");
        }
    }

    /** σ = 1, clipped to ±2.5, over {@code count} directions. */
    public static ShapeSampler standard(int count) {
        return new ShapeSampler(count, 1.0, 2.5);
    }

    public double[] sample(SplittableRandom random) {
        double[] betas = new double[count];
        for (int i = 0; i < count; i++) {
            betas[i] = Math.max(-limit, Math.min(limit, sigma * PoseSampler.gaussian(random)));
        }
        return betas;
    }
}
