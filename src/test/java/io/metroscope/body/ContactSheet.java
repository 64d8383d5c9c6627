package io.metroscope.body;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.ImageIO;

/** A tiny orthographic z-buffer rasteriser with Lambert shading, for looking at meshes in tests. */
final class ContactSheet {
    private final int cell;
    private final int cols;
    private final BufferedImage image;
    private final double[] depth;

    ContactSheet(int cell, int cols, int rows) {
        this.cell = cell;
        this.cols = cols;
        image = new BufferedImage(cell * cols, cell * rows, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, 0x202830);
            }
        }
        depth = new double[image.getWidth() * image.getHeight()];
        Arrays.fill(depth, Double.POSITIVE_INFINITY);
    }

    /**
     * Draws mesh (METRO frame: x right, y down, z away from the camera) into cell {@code index}, seen from
     * the front (view 0: camera at −z) or the left side (view 1: camera at −x... looking along +x).
     */
    void draw(int index, double[] v, int[] faces, int view, double extent) {
        int ox = (index % cols) * cell;
        int oy = (index / cols) * cell;
        int n = v.length / 3;
        double[] sx = new double[n];
        double[] sy = new double[n];
        double[] sz = new double[n];
        double cx = 0;
        double cy = 0;
        double cz = 0;
        for (int i = 0; i < n; i++) {
            cx += v[3 * i];
            cy += v[3 * i + 1];
            cz += v[3 * i + 2];
        }
        cx /= n;
        cy /= n;
        cz /= n;
        double scale = cell * 0.92 / extent;
        for (int i = 0; i < n; i++) {
            double x = v[3 * i] - cx;
            double y = v[3 * i + 1] - cy;
            double z = v[3 * i + 2] - cz;
            double u = view == 0 ? x : z;
            double d = view == 0 ? z : -x;
            sx[i] = ox + cell / 2.0 + u * scale;
            sy[i] = oy + cell / 2.0 + y * scale;
            sz[i] = d;
        }
        double[] light = {-0.4, -0.5, -0.75};
        double ll = Math.sqrt(light[0] * light[0] + light[1] * light[1] + light[2] * light[2]);
        for (int f = 0; f < faces.length / 3; f++) {
            int a = faces[3 * f];
            int b = faces[3 * f + 1];
            int c = faces[3 * f + 2];
            double[] nrm = MeshOps.faceNormal(v, a, b, c);
            double nl = Math.sqrt(nrm[0] * nrm[0] + nrm[1] * nrm[1] + nrm[2] * nrm[2]);
            if (nl == 0) {
                continue;
            }
            double[] nv = view == 0 ? new double[] {nrm[0], nrm[1], nrm[2]} : new double[] {nrm[2], nrm[1], -nrm[0]};
            double lambert = Math.abs(nv[0] * light[0] + nv[1] * light[1] + nv[2] * light[2]) / (nl * ll);
            boolean back = nv[2] > 0;
            double shade = 0.15 + 0.85 * lambert;
            int r = (int) (shade * (back ? 120 : 230));
            int g = (int) (shade * (back ? 60 : 200));
            int bl = (int) (shade * (back ? 60 : 170));
            int rgb = (r << 16) | (g << 8) | bl;
            raster(sx[a], sy[a], sz[a], sx[b], sy[b], sz[b], sx[c], sy[c], sz[c], rgb, ox, oy);
        }
    }

    private void raster(double x0, double y0, double z0, double x1, double y1, double z1, double x2, double y2,
                        double z2, int rgb, int ox, int oy) {
        int minX = Math.max(ox, (int) Math.floor(Math.min(x0, Math.min(x1, x2))));
        int maxX = Math.min(ox + cell - 1, (int) Math.ceil(Math.max(x0, Math.max(x1, x2))));
        int minY = Math.max(oy, (int) Math.floor(Math.min(y0, Math.min(y1, y2))));
        int maxY = Math.min(oy + cell - 1, (int) Math.ceil(Math.max(y0, Math.max(y1, y2))));
        double area = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
        if (area == 0) {
            return;
        }
        for (int y = minY; y <= maxY; y++) {
            for (int x = minX; x <= maxX; x++) {
                double px = x + 0.5;
                double py = y + 0.5;
                double w0 = ((x1 - px) * (y2 - py) - (x2 - px) * (y1 - py)) / area;
                double w1 = ((x2 - px) * (y0 - py) - (x0 - px) * (y2 - py)) / area;
                double w2 = 1 - w0 - w1;
                if (w0 < 0 || w1 < 0 || w2 < 0) {
                    continue;
                }
                double z = w0 * z0 + w1 * z1 + w2 * z2;
                int idx = y * image.getWidth() + x;
                if (z < depth[idx]) {
                    depth[idx] = z;
                    image.setRGB(x, y, rgb);
                }
            }
        }
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }
}
