package io.metroscope.train;

import java.util.SplittableRandom;

/**
 * Paints random occluders (rectangles, ellipses, blobs; flat, shaded or striped) over a rendered person and returns
 * where they are: the union of occluders covers at most {@code maxFraction} of the person's silhouette.
 */
public final class Occluders {
    private static final int ATTEMPTS = 8;

    private Occluders() {
    }

    /**
     * Paints over {@code rgb} (w×h, interleaved) and returns the occluder mask (1 = occluded), or an all-zero mask
     * when none was drawn. {@code silhouette} is the person's coverage 0..255 per pixel.
     */
    public static byte[] paint(byte[] rgb, byte[] silhouette, int w, int h, double maxFraction,
                               SplittableRandom r) {
        byte[] mask = new byte[w * h];
        if (maxFraction <= 0) {
            return mask;
        }
        int minX = w;
        int minY = h;
        int maxX = -1;
        int maxY = -1;
        int person = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if ((silhouette[y * w + x] & 0xff) >= 128) {
                    person++;
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        if (person == 0) {
            return mask;
        }
        double target = maxFraction * (0.3 + 0.7 * r.nextDouble());
        int shapes = 1 + r.nextInt(3);
        int covered = 0;
        byte[] candidate = new byte[w * h];
        for (int s = 0; s < shapes; s++) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                double share = target / shapes * (1.0 - attempt / (double) ATTEMPTS);
                java.util.Arrays.fill(candidate, (byte) 0);
                double cx = minX + r.nextDouble() * (maxX - minX + 1);
                double cy = minY + r.nextDouble() * (maxY - minY + 1);
                // An area of about share·person, elongated at random.
                double area = Math.max(16, share * person * (0.8 + 0.8 * r.nextDouble()));
                double aspect = Math.exp((r.nextDouble() * 2 - 1) * 1.2);
                double rx = Math.sqrt(area * aspect) / 2;
                double ry = Math.sqrt(area / aspect) / 2;
                int kind = r.nextInt(3);
                drawShape(candidate, w, h, kind, cx, cy, rx, ry, r);
                int newCovered = 0;
                for (int i = 0; i < w * h; i++) {
                    if ((mask[i] | candidate[i]) != 0 && (silhouette[i] & 0xff) >= 128) {
                        newCovered++;
                    }
                }
                if (newCovered <= maxFraction * person) {
                    fill(rgb, candidate, mask, w, h, cx, cy, rx, ry, r);
                    covered = newCovered;
                    break;
                }
            }
        }
        assert covered <= maxFraction * person;
        return mask;
    }

    private static void drawShape(byte[] out, int w, int h, int kind, double cx, double cy, double rx, double ry,
                                  SplittableRandom r) {
        if (kind == 0) {
            double angle = r.nextDouble() * Math.PI;
            double c = Math.cos(angle);
            double s = Math.sin(angle);
            double reach = Math.hypot(rx, ry);
            raster(out, w, h, cx, cy, reach, (x, y) -> {
                double u = (x - cx) * c + (y - cy) * s;
                double v = -(x - cx) * s + (y - cy) * c;
                return Math.abs(u) <= rx && Math.abs(v) <= ry;
            });
        } else if (kind == 1) {
            double reach = Math.max(rx, ry);
            raster(out, w, h, cx, cy, reach, (x, y) -> sq((x - cx) / rx) + sq((y - cy) / ry) <= 1);
        } else {
            // A blob: the union of a few overlapping discs.
            int n = 3 + r.nextInt(4);
            double radius = Math.sqrt(rx * ry) * 0.7;
            for (int i = 0; i < n; i++) {
                double bx = cx + (r.nextDouble() * 2 - 1) * rx * 0.7;
                double by = cy + (r.nextDouble() * 2 - 1) * ry * 0.7;
                double br = radius * (0.6 + 0.5 * r.nextDouble());
                raster(out, w, h, bx, by, br, (x, y) -> sq(x - bx) + sq(y - by) <= br * br);
            }
        }
    }

    private interface Inside {
        boolean test(double x, double y);
    }

    private static void raster(byte[] out, int w, int h, double cx, double cy, double reach, Inside inside) {
        int x0 = Math.max(0, (int) Math.floor(cx - reach));
        int x1 = Math.min(w - 1, (int) Math.ceil(cx + reach));
        int y0 = Math.max(0, (int) Math.floor(cy - reach));
        int y1 = Math.min(h - 1, (int) Math.ceil(cy + reach));
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                if (inside.test(x + 0.5, y + 0.5)) {
                    out[y * w + x] = 1;
                }
            }
        }
    }

    private static void fill(byte[] rgb, byte[] shape, byte[] mask, int w, int h, double cx, double cy, double rx,
                             double ry, SplittableRandom r) {
        float[] a = Backgrounds.randomColor(r);
        float[] b = Backgrounds.randomColor(r);
        int style = r.nextInt(3);
        double angle = r.nextDouble() * Math.PI;
        double dx = Math.cos(angle);
        double dy = Math.sin(angle);
        double period = 3 + r.nextInt(10);
        double extent = Math.max(1, Math.max(rx, ry));
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (shape[i] == 0) {
                    continue;
                }
                mask[i] = 1;
                double along = (x - cx) * dx + (y - cy) * dy;
                float t = switch (style) {
                    case 0 -> 0f;
                    case 1 -> (float) Math.max(0, Math.min(1, 0.5 + along / (2 * extent)));
                    default -> ((int) Math.floor(along / period) & 1);
                };
                for (int c = 0; c < 3; c++) {
                    rgb[3 * i + c] = (byte) Math.round(255 * (a[c] + (b[c] - a[c]) * t));
                }
            }
        }
    }

    private static double sq(double x) {
        return x * x;
    }
}
