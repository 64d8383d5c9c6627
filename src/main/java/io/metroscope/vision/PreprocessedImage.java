package io.metroscope.vision;

/**
 * One network input: the normalised tensor, the crop it was made from (for display) and the mapping from crop
 * to original-image coordinates (to draw 2D results on the original image).
 *
 * @param input float CHW tensor, {@code 3 × size × size}, ImageNet-normalised RGB
 * @param crop the {@code size × size} RGB crop before {@code ToTensor}
 * @param cropToImage crop → original image coordinates
 */
public record PreprocessedImage(float[] input, RgbImage crop, CropTransform cropToImage) {
}
