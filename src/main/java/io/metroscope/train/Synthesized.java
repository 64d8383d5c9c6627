package io.metroscope.train;

/** One synthetic item: its labels and its size×size RGB image (interleaved bytes). */
public record Synthesized(TrainingItem labels, byte[] rgb) {
}
