package io.metroscope.vision.render;

/**
 * Scan-converts screen-space triangles: a pixel belongs to a triangle when its centre is inside, with the top-left
 * rule deciding centres exactly on an edge, so triangles sharing an edge cover each pixel once — no cracks, no
 * double drawing.
 *
 * <p>Vertices are snapped to 1/256 pixel and the edge functions evaluated in 64-bit integers: float edge tests can
 * disagree between two triangles about the same edge, which is exactly where cracks come from.
 */
public final class Rasterizer {

    /** Receives each covered pixel with the screen-space barycentric weights of the three vertices. */
    @FunctionalInterface
    public interface FragmentVisitor {
        void fragment(int x, int y, float l0, float l1, float l2);
    }

    private static final int SUBPIXEL_BITS = 8;
    private static final long ONE = 1L << SUBPIXEL_BITS;
    private static final long HALF = ONE >> 1;
    // Snapped coordinates stay below 2^29, so edge-function products stay below 2^61: no long overflow.
    // Triangles reaching beyond are skipped (only a pinhole camera with a vertex almost on the near plane gets there).
    private static final float GUARD_BAND = 1 << 21;

    private Rasterizer() {
    }

    /** Visits the pixels of a {@code width × height} image covered by the triangle (vertices in pixel coordinates). */
    public static void triangle(float x0, float y0, float x1, float y1, float x2, float y2,
                                int width, int height, FragmentVisitor visitor) {
        if (!inGuardBand(x0) || !inGuardBand(y0) || !inGuardBand(x1) || !inGuardBand(y1)
                || !inGuardBand(x2) || !inGuardBand(y2)) {
            return;
        }
        long ax = snap(x0);
        long ay = snap(y0);
        long bx = snap(x1);
        long by = snap(y1);
        long cx = snap(x2);
        long cy = snap(y2);
        long area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
        if (area == 0) {
            return;
        }
        // One winding for the loop below; the weights of vertices 1 and 2 are swapped back when reported.
        boolean swapped = area < 0;
        if (swapped) {
            long t = bx;
            bx = cx;
            cx = t;
            t = by;
            by = cy;
            cy = t;
            area = -area;
        }

        int minX = Math.max(0, firstPixel(Math.min(ax, Math.min(bx, cx))));
        int maxX = Math.min(width - 1, lastPixel(Math.max(ax, Math.max(bx, cx))));
        int minY = Math.max(0, firstPixel(Math.min(ay, Math.min(by, cy))));
        int maxY = Math.min(height - 1, lastPixel(Math.max(ay, Math.max(by, cy))));
        if (minX > maxX || minY > maxY) {
            return;
        }

        long px = minX * ONE + HALF;
        long py = minY * ONE + HALF;
        // w0 weighs vertex a (edge b→c), w1 vertex b (edge c→a), w2 vertex c (edge a→b).
        long w0Row = edge(bx, by, cx, cy, px, py);
        long w1Row = edge(cx, cy, ax, ay, px, py);
        long w2Row = edge(ax, ay, bx, by, px, py);
        long stepX0 = -(cy - by) * ONE;
        long stepX1 = -(ay - cy) * ONE;
        long stepX2 = -(by - ay) * ONE;
        long stepY0 = (cx - bx) * ONE;
        long stepY1 = (ax - cx) * ONE;
        long stepY2 = (bx - ax) * ONE;
        long bias0 = isTopLeft(bx, by, cx, cy) ? 0 : -1;
        long bias1 = isTopLeft(cx, cy, ax, ay) ? 0 : -1;
        long bias2 = isTopLeft(ax, ay, bx, by) ? 0 : -1;
        double invArea = 1.0 / area;
        // The weights only interpolate, so float steps suffice; each row restarts from the exact integers.
        float dl0 = (float) (stepX0 * invArea);
        float dl1 = (float) (stepX1 * invArea);
        float dl2 = (float) (stepX2 * invArea);

        for (int y = minY; y <= maxY; y++) {
            long w0 = w0Row;
            long w1 = w1Row;
            long w2 = w2Row;
            float l0 = (float) (w0 * invArea);
            float l1 = (float) (w1 * invArea);
            float l2 = (float) (w2 * invArea);
            for (int x = minX; x <= maxX; x++) {
                if (((w0 + bias0) | (w1 + bias1) | (w2 + bias2)) >= 0) {
                    if (swapped) {
                        visitor.fragment(x, y, l0, l2, l1);
                    } else {
                        visitor.fragment(x, y, l0, l1, l2);
                    }
                }
                w0 += stepX0;
                w1 += stepX1;
                w2 += stepX2;
                l0 += dl0;
                l1 += dl1;
                l2 += dl2;
            }
            w0Row += stepY0;
            w1Row += stepY1;
            w2Row += stepY2;
        }
    }

    private static boolean inGuardBand(float v) {
        return v > -GUARD_BAND && v < GUARD_BAND;
    }

    private static long snap(float v) {
        return (long) Math.rint((double) v * ONE);
    }

    /** First pixel whose centre is at or right of (below) the snapped coordinate. */
    private static int firstPixel(long v) {
        return (int) Math.floorDiv(v - HALF + ONE - 1, ONE);
    }

    /** Last pixel whose centre is at or left of (above) the snapped coordinate. */
    private static int lastPixel(long v) {
        return (int) Math.floorDiv(v - HALF, ONE);
    }

    /** Positive when p is on the inner side of a→b for the winding used here (clockwise on a y-down screen). */
    private static long edge(long ax, long ay, long bx, long by, long px, long py) {
        return (bx - ax) * (py - ay) - (by - ay) * (px - ax);
    }

    /**
     * In this winding a top edge runs exactly horizontally to the right and a left edge runs upwards (y down);
     * centres exactly on such edges are inside, on the others outside.
     */
    private static boolean isTopLeft(long ax, long ay, long bx, long by) {
        long dx = bx - ax;
        long dy = by - ay;
        return dy < 0 || (dy == 0 && dx > 0);
    }
}
