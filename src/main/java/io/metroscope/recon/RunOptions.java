package io.metroscope.recon;

/**
 * How to run a batch: whether to return the last block's attention (and the demo's attention row), how many
 * images go through the network per forward (cancellation and progress happen between forwards), and whether body
 * crops are also predicted mirrored and averaged ({@link FlipAverage}; twice the network work).
 */
public record RunOptions(boolean attention, int batchSize, boolean flipAverage) {

    /** Images per forward when the caller does not say. */
    public static final int DEFAULT_BATCH_SIZE = 8;

    public RunOptions {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        }
    }

    /** Options without flip averaging, as METRO runs. */
    public RunOptions(boolean attention, int batchSize) {
        this(attention, batchSize, false);
    }

    public static RunOptions defaults() {
        return new RunOptions(false, DEFAULT_BATCH_SIZE);
    }

    public RunOptions withAttention(boolean on) {
        return new RunOptions(on, batchSize, flipAverage);
    }

    public RunOptions withFlipAverage(boolean on) {
        return new RunOptions(attention, batchSize, on);
    }
}
