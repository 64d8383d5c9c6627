package io.metroscope.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The raw little-endian elements of one torch storage, usually memory-mapped from the checkpoint. Several
 * tensors may share one storage (views, tied weights).
 */
public record TensorStorage(String key, DType dtype, long elementCount, ByteBuffer bytes) {

    public TensorStorage {
        if (bytes.capacity() < elementCount * dtype.byteSize()) {
            throw new IllegalArgumentException("storage " + key + " holds " + bytes.capacity() + " bytes, "
                    + elementCount + " " + dtype + " elements need " + elementCount * dtype.byteSize());
        }
    }

    /** A read-only little-endian view; use absolute gets (positions are not shared with other callers). */
    @Override
    public ByteBuffer bytes() {
        return bytes.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }
}
