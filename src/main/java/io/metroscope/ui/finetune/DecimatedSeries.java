package io.metroscope.ui.finetune;

/**
 * A chart series with a bounded number of points however long the run: once full, neighbouring points are merged
 * pairwise (averaged) and later points are averaged in buckets of the doubled stride, so the whole run stays in
 * view at a fixed cost per redraw. Not thread-safe (the FX thread owns it).
 */
final class DecimatedSeries {

    private final double[] xs;
    private final double[] ys;
    private int size;
    private int stride = 1;
    private double bucketX;
    private double bucketY;
    private int bucketCount;
    private long added;

    /** {@code capacity}: most points kept (rounded up to even, at least 2). */
    DecimatedSeries(int capacity) {
        int c = Math.max(2, capacity + (capacity & 1));
        xs = new double[c];
        ys = new double[c];
    }

    /** Adds a point; non-finite values are skipped (a chart cannot place them). */
    void add(double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            return;
        }
        added++;
        bucketX += x;
        bucketY += y;
        bucketCount++;
        if (bucketCount == stride) {
            push(bucketX / stride, bucketY / stride);
            bucketX = 0;
            bucketY = 0;
            bucketCount = 0;
        }
    }

    private void push(double x, double y) {
        if (size == xs.length) {
            for (int i = 0; i < size / 2; i++) {
                xs[i] = (xs[2 * i] + xs[2 * i + 1]) / 2;
                ys[i] = (ys[2 * i] + ys[2 * i + 1]) / 2;
            }
            size /= 2;
            stride *= 2;
        }
        xs[size] = x;
        ys[size] = y;
        size++;
    }

    /** Points to draw: the kept ones plus the unfinished bucket's mean. */
    int size() {
        return size + (bucketCount > 0 ? 1 : 0);
    }

    double x(int i) {
        return i < size ? xs[i] : bucketX / bucketCount;
    }

    double y(int i) {
        return i < size ? ys[i] : bucketY / bucketCount;
    }

    /** Raw points added so far (skipped ones not counted). */
    long added() {
        return added;
    }

    /** How many raw points one kept point stands for now. */
    int stride() {
        return stride;
    }

    void clear() {
        size = 0;
        stride = 1;
        bucketX = 0;
        bucketY = 0;
        bucketCount = 0;
        added = 0;
    }
}
