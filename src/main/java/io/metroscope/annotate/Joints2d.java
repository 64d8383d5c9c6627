package io.metroscope.annotate;

import java.util.Arrays;

/**
 * An item's 2D joints in original-image pixels (continuous coordinates, pixel corners at integers) with a
 * visibility flag each; stored flat as J×3 {@code [x, y, visible]}. Immutable.
 */
public final class Joints2d {

    private final float[] xyv;

    private Joints2d(float[] xyv) {
        this.xyv = xyv;
    }

    /** Joints from J×3 {@code [x, y, visible(0/1)]}. */
    public static Joints2d of(float[] xyv) {
        if (xyv.length % 3 != 0) {
            throw new IllegalArgumentException("2D joints need J×3 values, got " + xyv.length);
        }
        return new Joints2d(xyv.clone());
    }

    /** Joints at J×2 pixel positions, all with the visibility given. */
    public static Joints2d of(float[] xy, boolean[] visible) {
        if (xy.length != 2 * visible.length) {
            throw new IllegalArgumentException(xy.length / 2 + " positions but " + visible.length + " flags");
        }
        float[] out = new float[3 * visible.length];
        for (int j = 0; j < visible.length; j++) {
            out[3 * j] = xy[2 * j];
            out[3 * j + 1] = xy[2 * j + 1];
            out[3 * j + 2] = visible[j] ? 1 : 0;
        }
        return new Joints2d(out);
    }

    public int count() {
        return xyv.length / 3;
    }

    public float x(int j) {
        return xyv[3 * j];
    }

    public float y(int j) {
        return xyv[3 * j + 1];
    }

    public boolean visible(int j) {
        return xyv[3 * j + 2] > 0.5f;
    }

    /** A copy with joint {@code j} at ({@code x}, {@code y}). */
    public Joints2d moved(int j, float x, float y) {
        check(j);
        float[] out = xyv.clone();
        out[3 * j] = x;
        out[3 * j + 1] = y;
        return new Joints2d(out);
    }

    /** A copy with joint {@code j}'s visibility set. */
    public Joints2d withVisibility(int j, boolean visible) {
        check(j);
        float[] out = xyv.clone();
        out[3 * j + 2] = visible ? 1 : 0;
        return new Joints2d(out);
    }

    /** The J×3 values. */
    public float[] toArray() {
        return xyv.clone();
    }

    /** The J×2 positions. */
    public float[] positions() {
        float[] out = new float[2 * count()];
        for (int j = 0; j < count(); j++) {
            out[2 * j] = xyv[3 * j];
            out[2 * j + 1] = xyv[3 * j + 1];
        }
        return out;
    }

    private void check(int j) {
        if (j < 0 || j >= count()) {
            throw new IndexOutOfBoundsException("joint " + j + " of " + count());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Joints2d other && Arrays.equals(xyv, other.xyv);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(xyv);
    }

    @Override
    public String toString() {
        return "Joints2d" + Arrays.toString(xyv);
    }
}
