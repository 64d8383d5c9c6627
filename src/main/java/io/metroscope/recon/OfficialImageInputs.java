package io.metroscope.recon;

import io.metroscope.format.FormatException;
import io.metroscope.vision.DecodeOptions;
import io.metroscope.vision.OfficialPreprocessing;
import io.metroscope.vision.PreprocessedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

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

    /** Decodes and crops the images in parallel (on a GPU this work otherwise costs more than the forward). */
    @Override
    public InputBatch read(List<Path> images) throws FormatException {
        PreprocessedImage[] loaded = new PreprocessedImage[images.size()];
        FormatException[] failed = new FormatException[images.size()];
        IntStream.range(0, images.size()).parallel().forEach(i -> {
            try {
                loaded[i] = preprocessing.load(images.get(i));
            } catch (FormatException e) {
                failed[i] = e;
            }
        });
        for (FormatException e : failed) {
            if (e != null) {
                throw e; // the first bad file in input order, as a sequential read would report it
            }
        }
        List<InputItem> items = new ArrayList<>(images.size());
        for (int i = 0; i < loaded.length; i++) {
            items.add(new InputItem(images.get(i).toString(), loaded[i].cropToImage()));
        }
        return new InputBatch(OfficialPreprocessing.batch(List.of(loaded)), InputBatch.METRO_SIZE,
                InputBatch.METRO_SIZE, items);
    }
}
