package io.metroscope.annotate;

import io.metroscope.vision.CropTransform;

/**
 * An item's fixed facts beside its queue row.
 *
 * @param summary     the queue row
 * @param imageSha256 SHA-256 of the image file when it was imported
 * @param imageWidth  image width in pixels
 * @param imageHeight image height in pixels
 * @param crop        where the model's (or the training export's) square crop lies in the image
 * @param source      provenance: what the mesh came from (model id, reconstruction file, mesh file)
 * @param createdAt   import time, milliseconds since the epoch
 */
public record AnnotatedItem(ItemSummary summary, String imageSha256, int imageWidth, int imageHeight,
        CropTransform crop, String source, long createdAt) {

    public long id() {
        return summary.id();
    }
}
