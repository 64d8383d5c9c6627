package io.metroscope.recon;

import io.metroscope.vision.CropTransform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Normalised network input: {@code size()}×3×{@code height}×{@code width} float32, row-major (RGB, ImageNet
 * mean/std), plus one {@link InputItem} per image in the same order. Immutable: the tensor is copied in and out.
 */
public final class InputBatch {

    /** METRO's input side: every released model takes 224×224 crops. */
    public static final int METRO_SIZE = 224;

    private final float[] tensor;
    private final int height;
    private final int width;
    private final List<InputItem> items;

    public InputBatch(float[] tensor, int height, int width, List<InputItem> items) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("height and width must be positive");
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("an input batch needs at least one image");
        }
        long expected = (long) items.size() * 3 * height * width;
        if (tensor.length != expected) {
            throw new IllegalArgumentException("tensor has " + tensor.length + " values, expected " + items.size()
                    + "×3×" + height + "×" + width + " = " + expected);
        }
        this.tensor = tensor.clone();
        this.height = height;
        this.width = width;
        this.items = List.copyOf(items);
    }

    /**
     * A pre-processed B×3×H×W tensor with no original images behind it: items are labelled
     * {@code label[i]} and their crop is the whole image.
     */
    public static InputBatch ofTensor(float[] tensor, int batch, int height, int width, String label) {
        List<InputItem> items = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            items.add(new InputItem(label + "[" + i + "]", new CropTransform(0, 0, 1, 1, width, height)));
        }
        return new InputBatch(tensor, height, width, items);
    }

    public int size() {
        return items.size();
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public List<InputItem> items() {
        return items;
    }

    /** A copy of the whole tensor. */
    public float[] tensor() {
        return tensor.clone();
    }

    /** A copy of images {@code from} (inclusive) to {@code to} (exclusive) of the tensor. */
    public float[] tensor(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IndexOutOfBoundsException("images " + from + ".." + to + " of " + size());
        }
        int each = 3 * height * width;
        return Arrays.copyOfRange(tensor, from * each, to * each);
    }
}
