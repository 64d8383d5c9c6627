package io.metroscope.annotate;

import io.metroscope.vision.CropTransform;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /**
     * Where an exported row came from, after {@code key: index} (the export's row): item id, image path and
     * SHA-256, status, labeler and source, in that order.
     */
    public Map<String, Object> provenance(String key, int index) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(key, index);
        p.put("item_id", id());
        p.put("image", summary.imagePath());
        p.put("image_sha256", imageSha256);
        p.put("status", summary.status().id());
        p.put("labeler", summary.labeler());
        p.put("source", source);
        return p;
    }
}
