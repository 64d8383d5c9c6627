package io.metroscope.vision;

/** A crop's pixels together with the mapping from crop to source-image coordinates. */
public record Crop(RgbImage pixels, CropTransform toImage) {
}
