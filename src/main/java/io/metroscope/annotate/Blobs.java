package io.metroscope.annotate;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** float32 arrays as the little-endian BLOBs the project stores (numpy's {@code <f4}, so tools can read them). */
public final class Blobs {

    private Blobs() {
    }

    /** The values as little-endian float32 bytes. */
    public static byte[] of(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    /** The floats of a little-endian float32 BLOB; fails on a length that is not a multiple of 4. */
    public static float[] floats(byte[] blob) {
        if (blob.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("a float32 BLOB needs a multiple of 4 bytes, has " + blob.length);
        }
        float[] out = new float[blob.length / Float.BYTES];
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
