package io.metroscope.ui.reconstruct;

import io.metroscope.vision.RgbImage;
import java.util.Arrays;

/**
 * Draws a live frame with its projected wireframe, skeleton and joints into one ARGB pixel array, at the frame's
 * resolution and on any thread: the FX thread then only uploads the finished pixels (one {@code setPixels})
 * instead of stroking thousands of lines on a canvas. Each mesh edge is drawn once, alpha-blended.
 */
final class WireframeRaster {

    private static final Over MESH = new Over(0x78c8ff, 90); // alpha of 255, as the canvas's 0.35
    private static final Over BONE = new Over(0xff7a45, 255);
    private static final int JOINT_RGB = 0xffffff;

    private final int[] edges;

    /** Collects the unique edges of a triangle list (3 vertex indices per face). */
    WireframeRaster(int[] faces) {
        long[] keys = new long[faces.length];
        for (int t = 0; t < faces.length; t += 3) {
            for (int k = 0; k < 3; k++) {
                int a = faces[t + k];
                int b = faces[t + (k + 1) % 3];
                keys[t + k] = ((long) Math.min(a, b) << 32) | Math.max(a, b);
            }
        }
        Arrays.sort(keys);
        int unique = 0;
        for (int i = 0; i < keys.length; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                keys[unique++] = keys[i];
            }
        }
        edges = new int[2 * unique];
        for (int i = 0; i < unique; i++) {
            edges[2 * i] = (int) (keys[i] >>> 32);
            edges[2 * i + 1] = (int) keys[i];
        }
    }

    int edgeCount() {
        return edges.length / 2;
    }

    /**
     * Fills {@code out} (width×height ARGB, opaque) with the frame, then the wireframe of {@code vertices}
     * (image pixels, xy per vertex), the bones ({@code parents}, -1 for none) and the joints; null vertices or
     * joints draw none.
     */
    void compose(RgbImage frame, float[] vertices, float[] joints, int[] parents, int[] out) {
        int w = frame.width();
        int h = frame.height();
        if (out.length < w * h) {
            throw new IllegalArgumentException("need " + w * h + " pixels, got " + out.length);
        }
        byte[] rgb = frame.rgb();
        for (int i = 0, p = 0; i < w * h; i++, p += 3) {
            out[i] = 0xff000000 | (rgb[p] & 255) << 16 | (rgb[p + 1] & 255) << 8 | rgb[p + 2] & 255;
        }
        draw(out, w, h, vertices, joints, parents);
    }

    /**
     * Draws the wireframe of {@code vertices}, the bones and the joints (pixel coordinates of {@code out}, xy per
     * point; null draws none) over what {@code out} (w×h, non-premultiplied ARGB) holds: over a frame, or over
     * transparent pixels for a layer that goes over an image.
     */
    void draw(int[] out, int w, int h, float[] vertices, float[] joints, int[] parents) {
        if (vertices != null) {
            for (int e = 0; e < edges.length; e += 2) {
                int a = 2 * edges[e];
                int b = 2 * edges[e + 1];
                line(out, w, h, vertices[a], vertices[a + 1], vertices[b], vertices[b + 1], MESH);
            }
        }
        if (joints != null) {
            int n = joints.length / 2;
            for (int j = 0; j < n && j < parents.length; j++) {
                int p = parents[j];
                if (p >= 0) {
                    // A bone about 2.5 px wide: three parallel lines.
                    for (int d = -1; d <= 1; d++) {
                        line(out, w, h, joints[2 * j] + d * 0.7f, joints[2 * j + 1] - d * 0.7f, joints[2 * p] + d * 0.7f,
                                joints[2 * p + 1] - d * 0.7f, BONE);
                    }
                }
            }
            for (int j = 0; j < n; j++) {
                disc(out, w, h, joints[2 * j], joints[2 * j + 1], 3, JOINT_RGB);
            }
        }
    }

    /** A DDA line, one blended pixel per step along the longer axis; clipped to the image. */
    private static void line(int[] out, int w, int h, float x0, float y0, float x1, float y1, Over over) {
        float dx = x1 - x0;
        float dy = y1 - y0;
        int steps = (int) Math.ceil(Math.max(Math.abs(dx), Math.abs(dy)));
        if (steps > 4 * (w + h) || Float.isNaN(dx) || Float.isNaN(dy)) {
            return; // a degenerate projection far off the image: nothing useful to draw
        }
        float sx = steps == 0 ? 0 : dx / steps;
        float sy = steps == 0 ? 0 : dy / steps;
        // Every step of the line lies between its end points: when both are inside, no pixel needs its own check.
        boolean inside = x0 >= 0 && y0 >= 0 && x1 >= 0 && y1 >= 0 && x0 < w && x1 < w && y0 < h && y1 < h;
        float x = x0;
        float y = y0;
        for (int i = 0; i <= steps; i++, x += sx, y += sy) {
            int px = (int) x;
            int py = (int) y;
            if (inside || px >= 0 && py >= 0 && px < w && py < h) {
                // Clamped for the unchecked path: the summed steps can pass an end point by a rounding error.
                int k = Math.min(py, h - 1) * w + Math.min(px, w - 1);
                out[k] = over.onto(out[k]);
            }
        }
    }

    private static void disc(int[] out, int w, int h, float cx, float cy, int r, int rgb) {
        for (int y = (int) cy - r; y <= (int) cy + r; y++) {
            for (int x = (int) cx - r; x <= (int) cx + r; x++) {
                float ddx = x + 0.5f - cx;
                float ddy = y + 0.5f - cy;
                if (x >= 0 && y >= 0 && x < w && y < h && ddx * ddx + ddy * ddy <= r * r) {
                    out[y * w + x] = 0xff000000 | rgb;
                }
            }
        }
    }

    /** {@code rgb} at {@code alpha} over a non-premultiplied ARGB pixel (opaque or not). */
    static int blend(int under, int rgb, int alpha) {
        return new Over(rgb, alpha).onto(under);
    }

    /**
     * One colour at one alpha, drawn over pixels many times: its weighted channels are computed once, and an opaque
     * pixel (the frame) is blended with two multiplications for all three channels.
     */
    private record Over(int rgb, int alpha, int weightedRedBlue, int weightedGreen) {

        Over(int rgb, int alpha) {
            this(rgb, alpha, (rgb & 0xff00ff) * alpha, (rgb & 0xff00) * alpha);
        }

        int onto(int under) {
            if (under >>> 24 == 255) {
                int inv = 255 - alpha;
                // Red and blue side by side in one int: each product stays below 2^16, so neither spills.
                int rb = (under & 0xff00ff) * inv + weightedRedBlue;
                int g = ((under & 0xff00) >>> 8) * inv + (weightedGreen >>> 8);
                return 0xff000000 | div255Pair(rb) | div255(g) << 8;
            }
            return translucent(under);
        }

        /** Source over a translucent pixel: out alpha a + u(1 − a), colours weighted by their coverage. */
        private int translucent(int under) {
            int ua = under >>> 24;
            int below = ua * (255 - alpha) / 255;
            int oa = alpha + below;
            if (oa == 0) {
                return 0;
            }
            int r = (((rgb >> 16) & 255) * alpha + ((under >> 16) & 255) * below) / oa;
            int g = (((rgb >> 8) & 255) * alpha + ((under >> 8) & 255) * below) / oa;
            int b = ((rgb & 255) * alpha + (under & 255) * below) / oa;
            return oa << 24 | r << 16 | g << 8 | b;
        }

        /** x / 255 rounded down, exactly, for 0 ≤ x ≤ 255²: (x + 1 + x / 256) / 256. */
        private static int div255(int x) {
            return (x + 1 + (x >>> 8)) >>> 8;
        }

        /** {@link #div255} of the two 16-bit fields of {@code pair} (red high, blue low) at once. */
        private static int div255Pair(int pair) {
            return ((pair + 0x00010001 + ((pair >>> 8) & 0x00ff00ff)) >>> 8) & 0x00ff00ff;
        }
    }
}
