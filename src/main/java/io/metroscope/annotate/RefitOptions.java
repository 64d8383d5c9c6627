package io.metroscope.annotate;

/**
 * How a refit optimises its copy of the model: Adam steps on the one image, the learning rate (EFT uses 5e-5; on
 * the small demo body network 50 steps at 2e-5 cut the 2D error most: 90 % against 62 % for 30 steps at 5e-5; at
 * 1e-4 the first steps disturb joints nobody moved), the weight of the 3D joint term relative to the 2D term (METRO's
 * training weights 1000 : 100), the global gradient-norm clip (≤ 0: none), and whether the learned upsampling
 * (coarse → mid → full vertices) stays as trained, so that only the network before it moves.
 */
public record RefitOptions(int steps, float learningRate, double weight3d, double clipNorm, boolean freezeUpsampling) {

    public RefitOptions {
        if (steps < 1 || steps > 10_000) {
            throw new IllegalArgumentException("a refit needs 1 to 10000 steps, got " + steps);
        }
        if (!(learningRate > 0) || learningRate > 1) {
            throw new IllegalArgumentException("the learning rate must be in (0, 1], got " + learningRate);
        }
        if (!(weight3d >= 0)) {
            throw new IllegalArgumentException("the 3D weight must be ≥ 0, got " + weight3d);
        }
    }

    /**
     * 50 steps at 2e-5, 3D weight 10, clip 10, the upsampling kept as trained: on the demo body
     * (src/bench/BENCHMARKS.md, "Refit with the upsampling kept") that took 2.5 times less time and left the mesh as
     * smooth as the model's, where training it too bent the surface into spikes to reach the joints, for 0.07 px
     * less 2D error.
     */
    public static RefitOptions defaults() {
        return new RefitOptions(50, 2e-5f, 10, 10, true);
    }

    public RefitOptions withSteps(int newSteps) {
        return new RefitOptions(newSteps, learningRate, weight3d, clipNorm, freezeUpsampling);
    }

    public RefitOptions withLearningRate(float newRate) {
        return new RefitOptions(steps, newRate, weight3d, clipNorm, freezeUpsampling);
    }

    public RefitOptions withFreezeUpsampling(boolean freeze) {
        return new RefitOptions(steps, learningRate, weight3d, clipNorm, freeze);
    }
}
