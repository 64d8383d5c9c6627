package io.metroscope.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.metroscope.vision.ImageDecoder;
import io.metroscope.vision.RgbImage;

/**
 * Random backgrounds for synthetic crops: solid colours, linear gradients, smooth value noise, textured patches
 * (rectangles, ellipses, stripes, checks over a base) and, when a folder is given, random crops of its photos.
 * Thread-safe: decoded photos are cached (shrunk to at most {@value #PHOTO_SIDE} px) and shared.
 */
public final class Backgrounds {
    static final int PHOTO_SIDE = 512;
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp");

    private final List<Path> photos;
    private final ConcurrentHashMap<Path, RgbImage> cache = new ConcurrentHashMap<>();

    private Backgrounds(List<Path> photos) {
        this.photos = List.copyOf(photos);
    }

    /** Procedural backgrounds only. */
    public static Backgrounds procedural() {
        return new Backgrounds(List.of());
    }

    /** Procedural backgrounds and the images of {@code folder} (sorted by name, so choices are reproducible). */
    public static Backgrounds withPhotos(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> files = s.filter(Files::isRegularFile)
                    .filter(p -> EXTENSIONS.stream().anyMatch(e -> p.getFileName().toString()
                            .toLowerCase(Locale.ROOT).endsWith(e)))
                    .sorted().toList();
            return new Backgrounds(files);
        }
    }

    public List<Path> photos() {
        return photos;
    }

    /** A w×h RGB background. */
    public byte[] draw(SplittableRandom r, int w, int h) throws IOException {
        double pick = r.nextDouble();
        if (!photos.isEmpty() && pick < 0.5) {
            return photo(r, w, h);
        }
        double p = photos.isEmpty() ? pick : (pick - 0.5) * 2;
        if (p < 0.12) {
            return solid(r, w, h);
        } else if (p < 0.35) {
            return gradient(r, w, h);
        } else if (p < 0.6) {
            return noise(r, w, h);
        }
        return patches(r, w, h);
    }

    private static byte[] solid(SplittableRandom r, int w, int h) {
        float[] c = randomColor(r);
        byte[] out = new byte[3 * w * h];
        for (int i = 0; i < w * h; i++) {
            put(out, i, c[0], c[1], c[2]);
        }
        return out;
    }

    private static byte[] gradient(SplittableRandom r, int w, int h) {
        float[] a = randomColor(r);
        float[] b = randomColor(r);
        double angle = r.nextDouble() * 2 * Math.PI;
        double dx = Math.cos(angle);
        double dy = Math.sin(angle);
        double half = 0.5 * (Math.abs(dx) * w + Math.abs(dy) * h);
        byte[] out = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float t = (float) (0.5 + ((x - w / 2.0) * dx + (y - h / 2.0) * dy) / (2 * half));
                put(out, y * w + x, lerp(a[0], b[0], t), lerp(a[1], b[1], t), lerp(a[2], b[2], t));
            }
        }
        return out;
    }

    private static byte[] noise(SplittableRandom r, int w, int h) {
        int cells = 3 + r.nextInt(14);
        float[] grid = new float[3 * (cells + 1) * (cells + 1)];
        float[] base = randomColor(r);
        float spread = (float) (0.15 + 0.5 * r.nextDouble());
        for (int i = 0; i < (cells + 1) * (cells + 1); i++) {
            for (int a = 0; a < 3; a++) {
                grid[3 * i + a] = clamp(base[a] + spread * (float) (r.nextDouble() * 2 - 1));
            }
        }
        float grain = (float) (0.06 * r.nextDouble());
        byte[] out = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            float gy = (float) y / h * cells;
            int y0 = Math.min((int) gy, cells - 1);
            float fy = smooth(gy - y0);
            for (int x = 0; x < w; x++) {
                float gx = (float) x / w * cells;
                int x0 = Math.min((int) gx, cells - 1);
                float fx = smooth(gx - x0);
                float g = grain * (float) (r.nextDouble() * 2 - 1);
                int i00 = 3 * (y0 * (cells + 1) + x0);
                int i01 = i00 + 3;
                int i10 = i00 + 3 * (cells + 1);
                int i11 = i10 + 3;
                float[] c = new float[3];
                for (int a = 0; a < 3; a++) {
                    float top = lerp(grid[i00 + a], grid[i01 + a], fx);
                    float bottom = lerp(grid[i10 + a], grid[i11 + a], fx);
                    c[a] = lerp(top, bottom, fy) + g;
                }
                put(out, y * w + x, c[0], c[1], c[2]);
            }
        }
        return out;
    }

    private static byte[] patches(SplittableRandom r, int w, int h) {
        byte[] out = r.nextDouble() < 0.5 ? gradient(r, w, h) : solid(r, w, h);
        int n = 4 + r.nextInt(16);
        for (int k = 0; k < n; k++) {
            float[] c = randomColor(r);
            int kind = r.nextInt(4);
            double cx = r.nextDouble() * w;
            double cy = r.nextDouble() * h;
            double rx = (0.05 + 0.35 * r.nextDouble()) * w;
            double ry = (0.05 + 0.35 * r.nextDouble()) * h;
            double period = 4 + r.nextInt(20);
            float[] c2 = randomColor(r);
            for (int y = Math.max(0, (int) (cy - ry)); y < Math.min(h, (int) (cy + ry) + 1); y++) {
                for (int x = Math.max(0, (int) (cx - rx)); x < Math.min(w, (int) (cx + rx) + 1); x++) {
                    double u = (x - cx) / rx;
                    double v = (y - cy) / ry;
                    boolean inside = switch (kind) {
                        case 0 -> true;
                        case 1 -> u * u + v * v <= 1;
                        case 2 -> true;
                        default -> true;
                    };
                    if (!inside) {
                        continue;
                    }
                    float[] col = c;
                    if (kind == 2 && ((int) Math.floor((x + y) / period) & 1) == 0) {
                        col = c2;
                    } else if (kind == 3 && ((((int) Math.floor(x / period)) + ((int) Math.floor(y / period))) & 1) == 0) {
                        col = c2;
                    }
                    put(out, y * w + x, col[0], col[1], col[2]);
                }
            }
        }
        return out;
    }

    private byte[] photo(SplittableRandom r, int w, int h) throws IOException {
        Path file = photos.get(r.nextInt(photos.size()));
        RgbImage img = cache.get(file);
        if (img == null) {
            img = shrink(ImageDecoder.decode(file));
            cache.putIfAbsent(file, img);
        }
        int side = Math.min(img.width(), img.height());
        int crop = Math.max(8, (int) (side * (0.4 + 0.6 * r.nextDouble())));
        int left = r.nextInt(img.width() - crop + 1);
        int top = r.nextInt(img.height() - crop + 1);
        boolean flip = r.nextBoolean();
        byte[] out = new byte[3 * w * h];
        byte[] src = img.rgb();
        for (int y = 0; y < h; y++) {
            double sy = top + (y + 0.5) * crop / h - 0.5;
            for (int x = 0; x < w; x++) {
                int xx = flip ? w - 1 - x : x;
                double sx = left + (xx + 0.5) * crop / w - 0.5;
                for (int a = 0; a < 3; a++) {
                    out[3 * (y * w + x) + a] = (byte) Math.round(bilinear(src, img.width(), img.height(), sx, sy, a));
                }
            }
        }
        return out;
    }

    private static RgbImage shrink(RgbImage img) {
        int longest = Math.max(img.width(), img.height());
        if (longest <= PHOTO_SIDE) {
            return img;
        }
        double f = (double) longest / PHOTO_SIDE;
        int w = Math.max(1, (int) (img.width() / f));
        int h = Math.max(1, (int) (img.height() / f));
        byte[] out = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // Box filter over the source footprint.
                int x0 = (int) (x * f);
                int x1 = Math.max(x0 + 1, (int) ((x + 1) * f));
                int y0 = (int) (y * f);
                int y1 = Math.max(y0 + 1, (int) ((y + 1) * f));
                for (int a = 0; a < 3; a++) {
                    int sum = 0;
                    for (int yy = y0; yy < y1; yy++) {
                        for (int xx = x0; xx < x1; xx++) {
                            sum += img.rgb()[3 * (yy * img.width() + xx) + a] & 0xff;
                        }
                    }
                    out[3 * (y * w + x) + a] = (byte) (sum / ((x1 - x0) * (y1 - y0)));
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    private static double bilinear(byte[] src, int w, int h, double x, double y, int a) {
        x = Math.max(0, Math.min(w - 1, x));
        y = Math.max(0, Math.min(h - 1, y));
        int x0 = (int) x;
        int y0 = (int) y;
        int x1 = Math.min(w - 1, x0 + 1);
        int y1 = Math.min(h - 1, y0 + 1);
        double fx = x - x0;
        double fy = y - y0;
        double top = (src[3 * (y0 * w + x0) + a] & 0xff) * (1 - fx) + (src[3 * (y0 * w + x1) + a] & 0xff) * fx;
        double bottom = (src[3 * (y1 * w + x0) + a] & 0xff) * (1 - fx) + (src[3 * (y1 * w + x1) + a] & 0xff) * fx;
        return top * (1 - fy) + bottom * fy;
    }

    static float[] randomColor(SplittableRandom r) {
        return Clothing.hsv((float) r.nextDouble(), (float) (r.nextDouble() * 0.8),
                (float) (0.1 + 0.9 * r.nextDouble()));
    }

    private static void put(byte[] out, int pixel, float r, float g, float b) {
        out[3 * pixel] = (byte) Math.round(255 * clamp(r));
        out[3 * pixel + 1] = (byte) Math.round(255 * clamp(g));
        out[3 * pixel + 2] = (byte) Math.round(255 * clamp(b));
    }

    private static float lerp(float a, float b, float t) {
        return a + (b - a) * t;
    }

    private static float smooth(float t) {
        return t * t * (3 - 2 * t);
    }

    private static float clamp(float x) {
        return Math.max(0f, Math.min(1f, x));
    }
}
