package io.metroscope.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * One training batch ready in host memory: its samples and their images stacked (B,3,H,W) in a direct buffer, which
 * DJL hands to PyTorch as it is (CPU) or copies to the device in one transfer (GPU). Before, the trainer's thread
 * stacked the images into a new {@code float[]} and {@code NDManager.create} copied that into a new direct buffer:
 * two copies of 38 MB at batch 64 between two steps, while a GPU waited.
 */
record HostBatch(List<TrainingSample> samples, ByteBuffer images, Shape shape) {

    /** Stacks {@code samples}' images into {@code buffer} when it is large enough, else into a new buffer. */
    static HostBatch of(List<TrainingSample> samples, ByteBuffer buffer) {
        int per = samples.get(0).image().length;
        int bytes = per * samples.size() * Float.BYTES;
        ByteBuffer out = buffer != null && buffer.capacity() >= bytes ? buffer
                : ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        out.clear().limit(bytes);
        var floats = out.asFloatBuffer();
        for (TrainingSample s : samples) {
            floats.put(s.image());
        }
        return new HostBatch(List.copyOf(samples), out, shape(samples.size(), per));
    }

    /** The (B,3,H,W) shape of {@code batch} square RGB images of {@code floatsPerImage} floats each. */
    static Shape shape(int batch, int floatsPerImage) {
        int side = (int) Math.round(Math.sqrt(floatsPerImage / 3.0));
        return new Shape(batch, 3, side, side);
    }

    int size() {
        return samples.size();
    }

    /** The images as an array of {@code m}; on the CPU it reads this batch's buffer, which must outlive it. */
    NDArray images(NDManager m) {
        return m.create(images.duplicate().order(ByteOrder.nativeOrder()).position(0), shape, DataType.FLOAT32);
    }
}
