package io.metroscope.body;

import java.util.Arrays;

/** A growable int array (no boxing, insertion order kept). */
final class IntList {
    private int[] data = new int[8];
    private int size;

    void add(int v) {
        if (size == data.length) {
            data = Arrays.copyOf(data, size * 2);
        }
        data[size++] = v;
    }

    void add(int a, int b, int c) {
        add(a);
        add(b);
        add(c);
    }

    int get(int i) {
        return data[i];
    }

    void set(int i, int v) {
        data[i] = v;
    }

    int size() {
        return size;
    }

    boolean contains(int v) {
        for (int i = 0; i < size; i++) {
            if (data[i] == v) {
                return true;
            }
        }
        return false;
    }

    void removeValue(int v) {
        for (int i = 0; i < size; i++) {
            if (data[i] == v) {
                System.arraycopy(data, i + 1, data, i, size - i - 1);
                size--;
                return;
            }
        }
    }

    int[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
