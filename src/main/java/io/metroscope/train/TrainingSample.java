package io.metroscope.train;

/** One training example: the normalised RGB input (3×224×224, ImageNet mean/std, row-major) and its labels. */
public record TrainingSample(float[] image, TrainingItem labels) {
}
