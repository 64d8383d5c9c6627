package io.metroscope.body;

import java.util.Arrays;

/**
 * Polygonises an {@link ImplicitShape} with naive surface nets: one vertex per grid cell the surface crosses
 * (the mean of its edge crossings, then projected onto the surface), one quad per crossed grid edge, split along
 * the shorter diagonal. Faces are counter-clockwise seen from outside. The grid is padded so the surface is
 * closed.
 */
final class SurfaceNets {

    private SurfaceNets() {
    }

    /** Vertices (V×3) and triangles (F×3) of the largest connected piece of the zero set. */
    record Mesh(double[] vertices, int[] faces) {
        int vertexCount() {
            return vertices.length / 3;
        }
    }

    static Mesh polygonise(ImplicitShape shape, double h) {
        double[][] bounds = shape.bounds();
        double[] origin = new double[3];
        int[] n = new int[3];
        for (int c = 0; c < 3; c++) {
            origin[c] = Math.floor(bounds[0][c] / h) * h - 3 * h;
            n[c] = (int) Math.ceil((bounds[1][c] + 3 * h - origin[c]) / h) + 1;
        }
        int nx = n[0];
        int ny = n[1];
        int nz = n[2];
        float[] field = new float[nx * ny * nz];
        for (int k = 0; k < nz; k++) {
            double z = origin[2] + k * h;
            for (int j = 0; j < ny; j++) {
                double y = origin[1] + j * h;
                for (int i = 0; i < nx; i++) {
                    double v = shape.value(origin[0] + i * h, y, z);
                    // Never exactly zero: the sign decides everything below.
                    field[(k * ny + j) * nx + i] = v == 0 ? 1e-9f : (float) v;
                }
            }
        }
        int[] cellVertex = new int[nx * ny * nz];
        Arrays.fill(cellVertex, -1);
        double[] verts = new double[3 * 1024];
        int count = 0;
        int[][] corners = new int[8][];
        for (int q = 0; q < 8; q++) {
            corners[q] = new int[] {q & 1, (q >> 1) & 1, (q >> 2) & 1};
        }
        int[][] edges = {{0, 1}, {2, 3}, {4, 5}, {6, 7}, {0, 2}, {1, 3}, {4, 6}, {5, 7}, {0, 4}, {1, 5}, {2, 6}, {3, 7}};
        float[] cv = new float[8];
        for (int k = 0; k < nz - 1; k++) {
            for (int j = 0; j < ny - 1; j++) {
                for (int i = 0; i < nx - 1; i++) {
                    int inside = 0;
                    for (int q = 0; q < 8; q++) {
                        cv[q] = field[((k + corners[q][2]) * ny + j + corners[q][1]) * nx + i + corners[q][0]];
                        if (cv[q] < 0) {
                            inside++;
                        }
                    }
                    if (inside == 0 || inside == 8) {
                        continue;
                    }
                    double sx = 0;
                    double sy = 0;
                    double sz = 0;
                    int crossings = 0;
                    for (int[] e : edges) {
                        float a = cv[e[0]];
                        float b = cv[e[1]];
                        if ((a < 0) != (b < 0)) {
                            double t = a / (double) (a - b);
                            int[] ca = corners[e[0]];
                            int[] cb = corners[e[1]];
                            sx += ca[0] + t * (cb[0] - ca[0]);
                            sy += ca[1] + t * (cb[1] - ca[1]);
                            sz += ca[2] + t * (cb[2] - ca[2]);
                            crossings++;
                        }
                    }
                    if (3 * count + 3 > verts.length) {
                        verts = Arrays.copyOf(verts, verts.length * 2);
                    }
                    verts[3 * count] = origin[0] + (i + sx / crossings) * h;
                    verts[3 * count + 1] = origin[1] + (j + sy / crossings) * h;
                    verts[3 * count + 2] = origin[2] + (k + sz / crossings) * h;
                    cellVertex[(k * ny + j) * nx + i] = count++;
                }
            }
        }
        verts = Arrays.copyOf(verts, 3 * count);
        for (int v = 0; v < count; v++) {
            shape.project(verts, 3 * v, 3);
        }
        IntList tris = new IntList();
        for (int k = 1; k < nz - 1; k++) {
            for (int j = 1; j < ny - 1; j++) {
                for (int i = 1; i < nx - 1; i++) {
                    float f0 = field[(k * ny + j) * nx + i];
                    boolean in0 = f0 < 0;
                    // x edge: cells around it in the (y, z) plane.
                    if (in0 != (field[(k * ny + j) * nx + i + 1] < 0)) {
                        quad(tris, verts, in0, cellVertex[((k - 1) * ny + j - 1) * nx + i],
                                cellVertex[((k - 1) * ny + j) * nx + i], cellVertex[(k * ny + j) * nx + i],
                                cellVertex[(k * ny + j - 1) * nx + i]);
                    }
                    // y edge: cells in the (z, x) plane.
                    if (in0 != (field[(k * ny + j + 1) * nx + i] < 0)) {
                        quad(tris, verts, in0, cellVertex[((k - 1) * ny + j) * nx + i - 1],
                                cellVertex[(k * ny + j) * nx + i - 1], cellVertex[(k * ny + j) * nx + i],
                                cellVertex[((k - 1) * ny + j) * nx + i]);
                    }
                    // z edge: cells in the (x, y) plane.
                    if (in0 != (field[((k + 1) * ny + j) * nx + i] < 0)) {
                        quad(tris, verts, in0, cellVertex[(k * ny + j - 1) * nx + i - 1],
                                cellVertex[(k * ny + j - 1) * nx + i], cellVertex[(k * ny + j) * nx + i],
                                cellVertex[(k * ny + j) * nx + i - 1]);
                    }
                }
            }
        }
        return MeshOps.largestComponent(verts, tris.toArray());
    }

    private static void quad(IntList tris, double[] v, boolean forward, int a, int b, int c, int d) {
        if (a < 0 || b < 0 || c < 0 || d < 0) {
            throw new IllegalStateException("surface nets: crossed edge without its four cells");
        }
        if (!forward) {
            int t = b;
            b = d;
            d = t;
        }
        if (MeshOps.distance2(v, a, c) <= MeshOps.distance2(v, b, d)) {
            tris.add(a, b, c);
            tris.add(a, c, d);
        } else {
            tris.add(a, b, d);
            tris.add(b, c, d);
        }
    }
}
