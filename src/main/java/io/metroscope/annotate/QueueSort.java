package io.metroscope.annotate;

/** Orders of the review queue; ties fall back to the item id, so the order is always the same. */
public enum QueueSort {
    IMPORT_ORDER("import order", "id"),
    ERROR_HIGH_FIRST("largest error first", "estimated_error IS NULL, estimated_error DESC, id"),
    ERROR_LOW_FIRST("smallest error first", "estimated_error IS NULL, estimated_error ASC, id"),
    RECENTLY_CHANGED("recently changed", "updated_at DESC, id"),
    IMAGE_PATH("image name", "image_path, id");

    private final String label;
    private final String orderBy;

    QueueSort(String label, String orderBy) {
        this.label = label;
        this.orderBy = orderBy;
    }

    /** The words shown to people. */
    public String label() {
        return label;
    }

    /** The SQL ORDER BY clause (a constant, never user text). */
    String orderBy() {
        return orderBy;
    }

    @Override
    public String toString() {
        return label;
    }
}
