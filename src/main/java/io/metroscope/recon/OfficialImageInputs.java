package io.metroscope.recon;

import io.metroscope.format.FormatException;
import io.metroscope.vision.DecodeOptions;
import io.metroscope.vision.OfficialPreprocessing;
import io.metroscope.vision.PreprocessedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Image files → {@link InputBatch} through the official demo's pre-processing ({@link OfficialPreprocessing}:
 * decode + {@code convert('RGB')}, {@code Resize(224)}, {@code CenterCrop(224)}, ImageNet normalisation), with
 * each image's crop → image transform.
 */
public final class OfficialImageInputs implements ImageInputs {

    private final OfficialPreprocessing preprocessing;

    /** Decoding like Pillow and the official demo ({@link DecodeOptions#officialParity()}: EXIF ignored). */
    public static OfficialImageInputs officialParity() {
        return new OfficialImageInputs(DecodeOptions.officialParity());
    }

    public OfficialImageInputs(DecodeOptions decodeOptions) {
        this.preprocessing = new OfficialPreprocessing(decodeOptions);
    }

    @Override
    public InputBatch read(List<Path> images) throws FormatException {
        List<PreprocessedImage> loaded = new ArrayList<>(images.size());
        List<InputItem> items = new ArrayList<>(images.size());
        for (Path image : images) {
            PreprocessedImage p = preprocessing.load(image);
            loaded.add(p);
            items.add(new InputItem(image.toString(), p.cropToImage()));
        }
        return new InputBatch(OfficialPreprocessing.batch(loaded), InputBatch.METRO_SIZE, InputBatch.METRO_SIZE, items);
    }
}
