package io.metroscope.vision;

import io.metroscope.format.FormatException;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns image files into METRO network inputs exactly as the official demo does: decode + {@code convert('RGB')},
 * {@code Resize(224)}, {@code CenterCrop(224)}, {@code ToTensor}, ImageNet {@code Normalize}; or, for raw photos,
 * a GraphCMR-style crop around a person's/hand's box instead of the centre crop.
 */
public final class OfficialPreprocessing {

    /** Network input side length. */
    public static final int SIZE = 224;

    private final DecodeOptions decodeOptions;

    /** Pre-processing that decodes with {@code decodeOptions} (use {@link DecodeOptions#officialParity()} for parity). */
    public OfficialPreprocessing(DecodeOptions decodeOptions) {
        this.decodeOptions = java.util.Objects.requireNonNull(decodeOptions, "decodeOptions");
    }

    /** The options files are decoded with. */
    public DecodeOptions decodeOptions() {
        return decodeOptions;
    }

    /** Decodes {@code file} and applies the official transforms. */
    public PreprocessedImage load(Path file) throws FormatException {
        return centerCrop(ImageDecoder.decode(file, decodeOptions));
    }

    /** Decodes {@code file} and crops {@code box} from it. */
    public PreprocessedImage load(Path file, CropBox box) throws FormatException {
        return boxCrop(ImageDecoder.decode(file, decodeOptions), box);
    }

    /** {@code Resize(224)} + {@code CenterCrop(224)} + normalisation of a decoded image. */
    public static PreprocessedImage centerCrop(RgbImage image) {
        Crop resized = OfficialTransforms.resize(image, SIZE);
        Crop cropped = OfficialTransforms.centerCrop(resized.pixels(), SIZE);
        CropTransform toImage = OfficialTransforms.compose(resized.toImage(), cropped.toImage());
        return new PreprocessedImage(OfficialTransforms.toNormalizedChw(cropped.pixels()), cropped.pixels(), toImage);
    }

    /** A {@link BoxCropper} crop of {@code box} + normalisation. */
    public static PreprocessedImage boxCrop(RgbImage image, CropBox box) {
        Crop crop = BoxCropper.crop(image, box, SIZE);
        return new PreprocessedImage(OfficialTransforms.toNormalizedChw(crop.pixels()), crop.pixels(),
                crop.toImage());
    }

    /** The inputs stacked into one {@code B × 3 × 224 × 224} float array, in list order. */
    public static float[] batch(List<PreprocessedImage> images) {
        int per = 3 * SIZE * SIZE;
        float[] out = new float[Math.multiplyExact(images.size(), per)];
        for (int i = 0; i < images.size(); i++) {
            float[] input = images.get(i).input();
            if (input.length != per) {
                throw new IllegalArgumentException("image " + i + " has " + input.length + " values, expected "
                        + per + " (3x224x224)");
            }
            System.arraycopy(input, 0, out, i * per, per);
        }
        return out;
    }
}
