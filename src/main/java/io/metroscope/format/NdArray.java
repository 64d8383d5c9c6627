package io.metroscope.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * An n-dimensional array in row-major (C) order: numeric elements in {@code data} (its byte order is the
 * buffer's order), or, for {@link DType#OBJECT}, unpickled Java objects in {@code objects}.
 * Records compare arrays by identity; use {@link #sameContent} to compare values.
 */
public record NdArray(DType dtype, int[] shape, ByteBuffer data, Object[] objects) {

    public NdArray {
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
        }
        int count = Strided.elementCount(shape);
        if (count < 0) {
            throw new IllegalArgumentException("more than 2^31-1 elements: " + Arrays.toString(shape));
        }
        if (dtype == DType.OBJECT) {
            if (objects == null || objects.length != count || data != null) {
                throw new IllegalArgumentException("object arrays need exactly " + count + " objects and no data");
            }
        } else {
            if (data == null || objects != null) {
                throw new IllegalArgumentException("numeric arrays need data and no objects");
            }
            if ((long) data.capacity() < (long) count * dtype.byteSize()) {
                throw new IllegalArgumentException("data has " + data.capacity() + " bytes, shape "
                        + Arrays.toString(shape) + " of " + dtype + " needs " + (long) count * dtype.byteSize());
            }
        }
    }

    /** Wraps float32 values (row-major) in the given shape. */
    public static NdArray ofFloats(float[] values, int... shape) {
        ByteBuffer b = allocate(values.length, DType.FLOAT32, shape);
        b.asFloatBuffer().put(values);
        return new NdArray(DType.FLOAT32, shape, b, null);
    }

    /** Rounds float32 values to float16 (nearest, ties to even) in the given shape. */
    public static NdArray ofHalfs(float[] values, int... shape) {
        ByteBuffer b = allocate(values.length, DType.FLOAT16, shape);
        for (int i = 0; i < values.length; i++) {
            b.putShort(2 * i, HalfFloats.floatToHalf(values[i]));
        }
        return new NdArray(DType.FLOAT16, shape, b, null);
    }

    public static NdArray ofDoubles(double[] values, int... shape) {
        ByteBuffer b = allocate(values.length, DType.FLOAT64, shape);
        b.asDoubleBuffer().put(values);
        return new NdArray(DType.FLOAT64, shape, b, null);
    }

    public static NdArray ofInts(int[] values, int... shape) {
        ByteBuffer b = allocate(values.length, DType.INT32, shape);
        b.asIntBuffer().put(values);
        return new NdArray(DType.INT32, shape, b, null);
    }

    public static NdArray ofLongs(long[] values, int... shape) {
        ByteBuffer b = allocate(values.length, DType.INT64, shape);
        b.asLongBuffer().put(values);
        return new NdArray(DType.INT64, shape, b, null);
    }

    public static NdArray ofBooleans(boolean[] values, int... shape) {
        ByteBuffer b = allocate(values.length, DType.BOOL, shape);
        for (int i = 0; i < values.length; i++) {
            b.put(i, (byte) (values[i] ? 1 : 0));
        }
        return new NdArray(DType.BOOL, shape, b, null);
    }

    private static ByteBuffer allocate(int length, DType dtype, int[] shape) {
        if (Strided.elementCount(shape) != length) {
            throw new IllegalArgumentException(length + " values do not fill shape " + Arrays.toString(shape));
        }
        return ByteBuffer.allocate(length * dtype.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** A read-only view of the element bytes (positions are independent of other callers). */
    @Override
    public ByteBuffer data() {
        return data == null ? null : data.asReadOnlyBuffer().order(data.order());
    }

    @Override
    public Object[] objects() {
        return objects == null ? null : objects.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return Strided.elementCount(shape);
    }

    /** Length of dimension {@code axis}. */
    public int dim(int axis) {
        return shape[axis];
    }

    public double getDouble(int flatIndex) {
        return dtype.readDouble(data, checkIndex(flatIndex) * dtype.byteSize());
    }

    public long getLong(int flatIndex) {
        return dtype.readLong(data, checkIndex(flatIndex) * dtype.byteSize());
    }

    /** Element {@code flatIndex} of an object array. */
    public Object getObject(int flatIndex) {
        if (objects == null) {
            throw new IllegalStateException("not an object array: " + dtype);
        }
        return objects[checkIndex(flatIndex)];
    }

    public float[] toFloatArray() {
        float[] out = new float[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) getDouble(i);
        }
        return out;
    }

    public double[] toDoubleArray() {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = getDouble(i);
        }
        return out;
    }

    public long[] toLongArray() {
        long[] out = new long[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = getLong(i);
        }
        return out;
    }

    /** Elements as ints; throws ArithmeticException when one does not fit. */
    public int[] toIntArray() {
        int[] out = new int[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.toIntExact(getLong(i));
        }
        return out;
    }

    public boolean[] toBooleanArray() {
        boolean[] out = new boolean[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = getDouble(i) != 0;
        }
        return out;
    }

    /** Same dtype, shape and element values (byte order and storage may differ). */
    public boolean sameContent(NdArray other) {
        if (dtype != other.dtype || !Arrays.equals(shape, other.shape)) {
            return false;
        }
        if (dtype == DType.OBJECT) {
            return Arrays.deepEquals(objects, other.objects);
        }
        for (int i = 0; i < size(); i++) {
            if (dtype.isFloatingPoint()
                    ? Double.compare(getDouble(i), other.getDouble(i)) != 0
                    : getLong(i) != other.getLong(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "NdArray[" + dtype + " " + Arrays.toString(shape) + "]";
    }

    private int checkIndex(int flatIndex) {
        return Objects.checkIndex(flatIndex, size());
    }

    /** Builds a C-order array from raw element bytes laid out in C or Fortran order. */
    static NdArray fromRaw(DType dtype, ByteOrder order, int[] shape, boolean fortranOrder, ByteBuffer raw) {
        ByteBuffer source = raw.slice().order(order);
        int count = Strided.elementCount(shape);
        if (!fortranOrder || shape.length < 2 || count == 0) {
            return new NdArray(dtype, shape, source, null);
        }
        int size = dtype.byteSize();
        ByteBuffer target = ByteBuffer.allocate(count * size).order(order);
        int[] next = {0};
        // Walk the Fortran storage in C order: element i of the result is at the column-major offset.
        Strided.forEachIndex(shape, Strided.columnMajorStrides(shape), 0, index -> {
            int from = (int) index * size;
            for (int b = 0; b < size; b++) {
                target.put(next[0]++, source.get(from + b));
            }
        });
        return new NdArray(dtype, shape, target, null);
    }
}
