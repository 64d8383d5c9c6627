package io.metroscope.format;

/** What {@code torch._utils._rebuild_tensor_v2} was called with, before the storage bytes are known. */
record TorchTensorRef(TorchStorageRef storage, long storageOffset, int[] shape, int[] strides) {
}
