package io.metroscope.body;

import java.util.ArrayList;
import java.util.List;

/**
 * A smooth solid built from labelled primitives (tapered capsules and axis-aligned ellipsoids) joined, in
 * order, by a polynomial smooth minimum. Negative inside. The label of a point is the joint of the nearest
 * primitive, which seeds the skinning weights. All arithmetic is plain IEEE double, so results are the same
 * on every JVM.
 */
final class ImplicitShape {

    /** A primitive: a round cone from a (radius ra) to b (radius rb), or an ellipsoid at a with radii r. */
    record Primitive(int label, double[] a, double[] b, double ra, double rb, double[] radii, double blend) {

        static Primitive cone(int label, double[] a, double[] b, double ra, double rb, double blend) {
            return new Primitive(label, a.clone(), b.clone(), ra, rb, null, blend);
        }

        static Primitive ellipsoid(int label, double[] centre, double[] radii, double blend) {
            return new Primitive(label, centre.clone(), null, 0, 0, radii.clone(), blend);
        }

        double distance(double x, double y, double z) {
            if (radii != null) {
                double px = (x - a[0]) / radii[0];
                double py = (y - a[1]) / radii[1];
                double pz = (z - a[2]) / radii[2];
                double k0 = Math.sqrt(px * px + py * py + pz * pz);
                double qx = px / radii[0];
                double qy = py / radii[1];
                double qz = pz / radii[2];
                double k1 = Math.sqrt(qx * qx + qy * qy + qz * qz);
                if (k1 == 0) {
                    return -Math.min(radii[0], Math.min(radii[1], radii[2]));
                }
                return k0 * (k0 - 1) / k1;
            }
            double dx = b[0] - a[0];
            double dy = b[1] - a[1];
            double dz = b[2] - a[2];
            double len2 = dx * dx + dy * dy + dz * dz;
            double t = ((x - a[0]) * dx + (y - a[1]) * dy + (z - a[2]) * dz) / len2;
            t = Math.max(0, Math.min(1, t));
            double cx = x - (a[0] + t * dx);
            double cy = y - (a[1] + t * dy);
            double cz = z - (a[2] + t * dz);
            return Math.sqrt(cx * cx + cy * cy + cz * cz) - (ra + t * (rb - ra));
        }

        double[] min() {
            if (radii != null) {
                return new double[] {a[0] - radii[0], a[1] - radii[1], a[2] - radii[2]};
            }
            double r = Math.max(ra, rb);
            return new double[] {Math.min(a[0], b[0]) - r, Math.min(a[1], b[1]) - r, Math.min(a[2], b[2]) - r};
        }

        double[] max() {
            if (radii != null) {
                return new double[] {a[0] + radii[0], a[1] + radii[1], a[2] + radii[2]};
            }
            double r = Math.max(ra, rb);
            return new double[] {Math.max(a[0], b[0]) + r, Math.max(a[1], b[1]) + r, Math.max(a[2], b[2]) + r};
        }
    }

    private final List<Primitive> primitives;

    ImplicitShape(List<Primitive> primitives) {
        this.primitives = List.copyOf(primitives);
    }

    List<Primitive> primitives() {
        return primitives;
    }

    /** Polynomial smooth minimum (quadratic, blend radius k). */
    static double smoothMin(double a, double b, double k) {
        if (k <= 0) {
            return Math.min(a, b);
        }
        double h = Math.max(k - Math.abs(a - b), 0) / k;
        return Math.min(a, b) - h * h * k * 0.25;
    }

    double value(double x, double y, double z) {
        double f = Double.POSITIVE_INFINITY;
        for (Primitive p : primitives) {
            double d = p.distance(x, y, z);
            f = f == Double.POSITIVE_INFINITY ? d : smoothMin(f, d, p.blend());
        }
        return f;
    }

    /** Joint label of the nearest primitive (the first on ties). */
    int label(double x, double y, double z) {
        double best = Double.POSITIVE_INFINITY;
        int label = -1;
        for (Primitive p : primitives) {
            double d = p.distance(x, y, z);
            if (d < best) {
                best = d;
                label = p.label();
            }
        }
        return label;
    }

    /** Central-difference gradient. */
    double[] gradient(double x, double y, double z) {
        double e = 1e-5;
        return new double[] {
            (value(x + e, y, z) - value(x - e, y, z)) / (2 * e),
            (value(x, y + e, z) - value(x, y - e, z)) / (2 * e),
            (value(x, y, z + e) - value(x, y, z - e)) / (2 * e)};
    }

    /** Moves a point onto the zero set by a few Newton steps along the gradient (in place). */
    void project(double[] p, int offset, int steps) {
        for (int s = 0; s < steps; s++) {
            double f = value(p[offset], p[offset + 1], p[offset + 2]);
            double[] g = gradient(p[offset], p[offset + 1], p[offset + 2]);
            double g2 = g[0] * g[0] + g[1] * g[1] + g[2] * g[2];
            if (g2 < 1e-12) {
                return;
            }
            double step = f / g2;
            for (int c = 0; c < 3; c++) {
                p[offset + c] -= step * g[c];
            }
        }
    }

    double[][] bounds() {
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (Primitive p : primitives) {
            double[] a = p.min();
            double[] b = p.max();
            for (int c = 0; c < 3; c++) {
                lo[c] = Math.min(lo[c], a[c]);
                hi[c] = Math.max(hi[c], b[c]);
            }
        }
        return new double[][] {lo, hi};
    }

    static List<Primitive> list() {
        return new ArrayList<>();
    }
}
