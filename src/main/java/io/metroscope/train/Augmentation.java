package io.metroscope.train;

import io.metroscope.model.MeshKind;

import java.util.Random;

/**
 * A recipe's training augmentation, drawn per sample as METRO's datasets do ({@code augm_params} in
 * {@code metro/datasets/human_mesh_tsv.py} and {@code hand_mesh_tsv.py}): flip with probability
 * {@code flipProbability}; per-channel noise {@code U[1−noiseFactor, 1+noiseFactor]}; rotation
 * {@code clip(N(0,1)·rotationFactor, ±2·rotationFactor)} degrees, set to 0 with probability
 * {@code noRotationProbability}; scale {@code clip(N(1, scaleFactor), 1 ± scaleFactor)}. Draws come from a stream
 * seeded by (seed, epoch, item), so a run and its resumption see the same augmentation whatever the loader's
 * thread count.
 *
 * @param enabled false: every sample as stored (bytes unchanged)
 */
public record Augmentation(boolean enabled, double scaleFactor, double rotationFactor, double noiseFactor,
        double flipProbability, double noRotationProbability) {

    public Augmentation {
        if (scaleFactor < 0 || scaleFactor >= 1 || rotationFactor < 0 || noiseFactor < 0 || noiseFactor >= 1
                || flipProbability < 0 || flipProbability > 1 || noRotationProbability < 0
                || noRotationProbability > 1) {
            throw new IllegalArgumentException("augmentation factors out of range: scaleFactor and noiseFactor in"
                    + " [0, 1), rotationFactor ≥ 0, probabilities in [0, 1]");
        }
    }

    /**
     * The official values: {@code scale_factor = 0.25}, {@code noise_factor = 0.4}, rotation off with probability
     * 0.6 (both datasets); body {@code rot_factor = 30} and flip with probability 0.5 ({@code human_mesh_tsv.py});
     * hand {@code rot_factor = 90} and no flip ({@code hand_mesh_tsv.py} never sets {@code flip}).
     */
    public static Augmentation official(MeshKind kind) {
        return kind == MeshKind.HAND ? new Augmentation(true, 0.25, 90, 0.4, 0, 0.6)
                : new Augmentation(true, 0.25, 30, 0.4, 0.5, 0.6);
    }

    /** No augmentation. */
    public static Augmentation off() {
        return new Augmentation(false, 0.25, 30, 0.4, 0.5, 0.6);
    }

    /** The parameters of item {@code index} in {@code epoch} of a run seeded {@code seed}. */
    public AugmentParams draw(long seed, int epoch, int index) {
        if (!enabled) {
            return AugmentParams.NONE;
        }
        return draw(new Random(Trainer.mix(Trainer.mix(seed ^ 0xA06E4L, epoch), index)));
    }

    /** One draw in the official order: flip, noise, rotation, scale, rotation-off. */
    AugmentParams draw(Random r) {
        boolean flip = r.nextDouble() < flipProbability;
        float[] noise = new float[3];
        for (int c = 0; c < 3; c++) {
            noise[c] = (float) (1 - noiseFactor + 2 * noiseFactor * r.nextDouble());
        }
        double rotation = Math.min(2 * rotationFactor, Math.max(-2 * rotationFactor, r.nextGaussian() * rotationFactor));
        double scale = Math.min(1 + scaleFactor, Math.max(1 - scaleFactor, r.nextGaussian() * scaleFactor + 1));
        if (r.nextDouble() < noRotationProbability) {
            rotation = 0;
        }
        return new AugmentParams(scale, rotation, flip, noise);
    }
}
