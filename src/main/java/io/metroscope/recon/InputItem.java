package io.metroscope.recon;

import io.metroscope.vision.CropTransform;
import java.util.Objects;

/**
 * One image of an {@link InputBatch}: a label for reports and file names (the image path, or
 * {@code tensor.npy[3]}) and where its crop lies in the original image.
 */
public record InputItem(String source, CropTransform crop) {

    public InputItem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(crop, "crop");
    }
}
