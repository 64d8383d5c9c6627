package io.metroscope.format;

import java.util.function.LongConsumer;

/** Index arithmetic for strided (possibly non-contiguous) element layouts. */
final class Strided {
    private Strided() {
    }

    /** Number of elements; -1 when it does not fit in an int (Java arrays could not hold it). */
    static int elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > Integer.MAX_VALUE) {
                return -1;
            }
        }
        return (int) n;
    }

    static long[] rowMajorStrides(int[] shape) {
        long[] strides = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= shape[i];
        }
        return strides;
    }

    static long[] columnMajorStrides(int[] shape) {
        long[] strides = new long[shape.length];
        long s = 1;
        for (int i = 0; i < shape.length; i++) {
            strides[i] = s;
            s *= shape[i];
        }
        return strides;
    }

    /** The highest element index a view touches, or -1 for an empty view. */
    static long lastIndex(int[] shape, long[] strides, long offset) {
        long last = offset;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 0) {
                return -1;
            }
            last += (long) (shape[i] - 1) * strides[i];
        }
        return last;
    }

    /** Calls {@code action} with the storage element index of every element, in row-major (C) order. */
    static void forEachIndex(int[] shape, long[] strides, long offset, LongConsumer action) {
        int count = elementCount(shape);
        if (count <= 0) {
            return;
        }
        int rank = shape.length;
        int[] counter = new int[rank];
        long index = offset;
        for (int n = 0; n < count; n++) {
            action.accept(index);
            for (int d = rank - 1; d >= 0; d--) {
                if (++counter[d] < shape[d]) {
                    index += strides[d];
                    break;
                }
                counter[d] = 0;
                index -= (long) (shape[d] - 1) * strides[d];
            }
        }
    }
}
