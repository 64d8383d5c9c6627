package io.metroscope.format;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One tensor of a state dict: a strided view (shape, strides and offset in elements) onto a
 * {@link TensorStorage}. The {@code to...Array} methods copy it out contiguous in row-major order.
 */
public record TorchTensor(String name, DType dtype, int[] shape, long[] strides, long storageOffset,
        TensorStorage storage) {

    public TorchTensor {
        shape = shape.clone();
        strides = strides.clone();
        if (shape.length != strides.length) {
            throw new IllegalArgumentException(name + ": shape and strides differ in rank");
        }
        for (int i = 0; i < shape.length; i++) {
            // torch has neither negative sizes nor negative strides; either would index before the storage.
            if (shape[i] < 0 || strides[i] < 0) {
                throw new IllegalArgumentException(name + ": negative size or stride (shape "
                        + Arrays.toString(shape) + ", strides " + Arrays.toString(strides) + ")");
            }
        }
        if (Strided.elementCount(shape) < 0) {
            throw new IllegalArgumentException(name + ": more than 2^31-1 elements " + Arrays.toString(shape));
        }
        long last;
        try {
            last = lastIndexExact(shape, strides, storageOffset);
        } catch (ArithmeticException e) {
            last = Long.MAX_VALUE;
        }
        if (storageOffset < 0 || last >= storage.elementCount()) {
            throw new IllegalArgumentException(name + ": view (offset " + storageOffset + ", shape "
                    + Arrays.toString(shape) + ", strides " + Arrays.toString(strides) + ") reaches element "
                    + last + " but storage " + storage.key() + " has only " + storage.elementCount());
        }
    }

    /** {@link Strided#lastIndex} without silent overflow (forged strides can be huge). */
    private static long lastIndexExact(int[] shape, long[] strides, long offset) {
        long last = offset;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 0) {
                return -1;
            }
            last = Math.addExact(last, Math.multiplyExact((long) shape[i] - 1, strides[i]));
        }
        return last;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public long[] strides() {
        return strides.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int numel() {
        return Strided.elementCount(shape);
    }

    /** True when the elements are laid out row-major without gaps (offset may be non-zero). */
    public boolean isContiguous() {
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    public float[] toFloatArray() {
        float[] out = new float[numel()];
        ByteBuffer b = storage.bytes();
        int size = dtype.byteSize();
        int[] i = {0};
        if (dtype == DType.FLOAT32) {
            Strided.forEachIndex(shape, strides, storageOffset, index -> out[i[0]++] = b.getFloat((int) index * 4));
        } else {
            Strided.forEachIndex(shape, strides, storageOffset,
                    index -> out[i[0]++] = (float) dtype.readDouble(b, (int) index * size));
        }
        return out;
    }

    public double[] toDoubleArray() {
        double[] out = new double[numel()];
        ByteBuffer b = storage.bytes();
        int size = dtype.byteSize();
        int[] i = {0};
        Strided.forEachIndex(shape, strides, storageOffset, index -> out[i[0]++] = dtype.readDouble(b, (int) index * size));
        return out;
    }

    /** Elements as longs (floating point truncated toward zero, bool as 0/1). */
    public long[] toLongArray() {
        long[] out = new long[numel()];
        ByteBuffer b = storage.bytes();
        int size = dtype.byteSize();
        int[] i = {0};
        Strided.forEachIndex(shape, strides, storageOffset, index -> out[i[0]++] = dtype.readLong(b, (int) index * size));
        return out;
    }

    /** A contiguous copy as an {@link NdArray} of the same dtype (bfloat16 becomes float32: NumPy has none). */
    public NdArray toNdArray() {
        if (dtype == DType.BFLOAT16) {
            return NdArray.ofFloats(toFloatArray(), shape);
        }
        int size = dtype.byteSize();
        ByteBuffer source = storage.bytes();
        ByteBuffer target = ByteBuffer.allocate(numel() * size).order(source.order());
        int[] at = {0};
        Strided.forEachIndex(shape, strides, storageOffset, index -> {
            for (int k = 0; k < size; k++) {
                target.put(at[0]++, source.get((int) index * size + k));
            }
        });
        return new NdArray(dtype, shape, target, null);
    }

    @Override
    public String toString() {
        return "TorchTensor[" + name + " " + dtype + " " + Arrays.toString(shape) + "]";
    }
}
