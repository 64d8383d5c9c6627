package io.metroscope.recon;

/**
 * How to run a batch: whether to return the last block's attention (and the demo's attention row), and how many
 * images go through the network per forward (cancellation and progress happen between forwards).
 */
public record RunOptions(boolean attention, int batchSize) {

    /** Images per forward when the caller does not say. */
    public static final int DEFAULT_BATCH_SIZE = 8;

    public RunOptions {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        }
    }

    public static RunOptions defaults() {
        return new RunOptions(false, DEFAULT_BATCH_SIZE);
    }

    public RunOptions withAttention(boolean on) {
        return new RunOptions(on, batchSize);
    }
}
