package io.metroscope.train;

import java.util.List;

/**
 * Where a run stands, saved beside every checkpoint for resume: the next {@code epoch} and {@code batch} within it,
 * optimizer {@code steps} taken, the epoch's loss so far ({@code lossSum} over {@code lossCount} batches), the best
 * score so far ({@code bestScore}, lower is better; {@code bestMetric} names it) and its epoch, and per-epoch history.
 * Random streams are derived from (seed, epoch, batch), so this position is the whole RNG state.
 */
public record TrainerState(int epoch, int batch, long steps, double lossSum, int lossCount, double bestScore,
        int bestEpoch, String bestMetric, List<EpochRecord> history) {

    /** One finished epoch: its learning rate, mean training loss and validation scores (NaN when not measured). */
    public record EpochRecord(int epoch, double learningRate, double trainLoss, EvalSummary validation) {
    }

    public TrainerState {
        history = List.copyOf(history);
    }

    public static TrainerState start() {
        return new TrainerState(0, 0, 0, 0, 0, Double.POSITIVE_INFINITY, -1, "", List.of());
    }
}
