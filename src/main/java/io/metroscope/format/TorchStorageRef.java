package io.metroscope.format;

/**
 * A storage named by a torch persistent id; its bytes are found later (zip entry or legacy data section).
 * {@code viewOffset} is non-zero only for the pre-1.0 storage views of the legacy format.
 */
record TorchStorageRef(String key, DType dtype, String location, long elementCount, String rootKey,
        long viewOffset) {
}
