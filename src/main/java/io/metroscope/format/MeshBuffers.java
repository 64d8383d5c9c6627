package io.metroscope.format;

import java.util.Arrays;

/** Growable primitive arrays for readers, which cannot know counts up front (OBJ) or must not trust them (PLY). */
final class MeshBuffers {
    // Some JVMs refuse arrays right at Integer.MAX_VALUE.
    static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

    private MeshBuffers() {
    }

    /** A growable float array. */
    static final class Floats {
        private float[] data = new float[64];
        private int size;

        void add(float v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, grow(size));
            }
            data[size++] = v;
        }

        int size() {
            return size;
        }

        float get(int i) {
            return data[i];
        }

        void set(int i, float v) {
            data[i] = v;
        }

        float[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }

    /** A growable int array. */
    static final class Ints {
        private int[] data = new int[64];
        private int size;

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, grow(size));
            }
            data[size++] = v;
        }

        int size() {
            return size;
        }

        int get(int i) {
            return data[i];
        }

        void set(int i, int v) {
            data[i] = v;
        }

        void clear() {
            size = 0;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }

    private static int grow(int size) {
        if (size >= MAX_LENGTH) {
            throw new OutOfMemoryError("mesh array would exceed " + MAX_LENGTH + " elements");
        }
        return (int) Math.min(MAX_LENGTH, Math.max(64L, size + (size >> 1)));
    }
}
