package io.metroscope.model;

/**
 * The switch a network built for training shares with its layers: {@code training} selects batch statistics
 * (BatchNorm, running stats updated with PyTorch's momentum 0.1) and dropout; off, the same unfolded weights run
 * in eval mode. Networks built for inference have no such object (their BatchNorm is folded).
 */
final class TrainingMode {

    /** BERT's {@code hidden_dropout_prob} and {@code attention_probs_dropout_prob}. */
    static final float DEFAULT_DROPOUT = 0.1f;
    /** PyTorch BatchNorm momentum (weight of the new batch statistic). */
    static final float BN_MOMENTUM = 0.1f;

    private volatile boolean training = true;
    private volatile float dropout = DEFAULT_DROPOUT;

    boolean training() {
        return training;
    }

    void setTraining(boolean on) {
        training = on;
    }

    float dropout() {
        return dropout;
    }

    void setDropout(float rate) {
        if (rate < 0 || rate >= 1) {
            throw new IllegalArgumentException("dropout must be in [0, 1): " + rate);
        }
        dropout = rate;
    }

    /**
     * Dropout with the current rate, identity in eval mode or at rate 0; on the CPU with a mask drawn on all cores
     * ({@link CpuDropout}), on a GPU LibTorch's fused kernel.
     */
    ai.djl.ndarray.NDArray dropout(ai.djl.ndarray.NDArray x) {
        if (!training || dropout == 0) {
            return x;
        }
        if (!x.getDevice().isGpu()) {
            return CpuDropout.apply(x, dropout);
        }
        return ai.djl.nn.norm.Dropout.dropout(x, dropout, true).singletonOrThrow();
    }
}
