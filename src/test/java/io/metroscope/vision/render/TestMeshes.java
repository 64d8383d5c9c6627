package io.metroscope.vision.render;

import io.metroscope.format.MeshData;

/** Procedural meshes for render tests, wound counter-clockwise seen from outside (right-handed outward normals). */
final class TestMeshes {
    private TestMeshes() {
    }

    /** A UV sphere: poles on the y axis, {@code rings} bands of latitude, {@code segments} of longitude. */
    static MeshData sphere(float cx, float cy, float cz, float radius, int rings, int segments) {
        int cols = segments;
        float[] pos = new float[3 * (rings + 1) * cols];
        for (int i = 0; i <= rings; i++) {
            double theta = Math.PI * i / rings;
            for (int j = 0; j < cols; j++) {
                double phi = 2 * Math.PI * j / cols;
                int v = 3 * (i * cols + j);
                pos[v] = cx + (float) (radius * Math.sin(theta) * Math.cos(phi));
                pos[v + 1] = cy + (float) (radius * Math.cos(theta));
                pos[v + 2] = cz + (float) (radius * Math.sin(theta) * Math.sin(phi));
            }
        }
        // ∂θ × ∂φ points inwards here, so each quad is split with the opposite winding.
        return MeshData.of(pos, grid(rings, cols, false, true));
    }

    /** A torus around the y axis: {@code major} radius of the ring, {@code minor} of the tube. */
    static MeshData torus(float major, float minor, int tubeSteps, int ringSteps) {
        float[] pos = new float[3 * tubeSteps * ringSteps];
        for (int i = 0; i < tubeSteps; i++) {
            double v = 2 * Math.PI * i / tubeSteps;
            for (int j = 0; j < ringSteps; j++) {
                double u = 2 * Math.PI * j / ringSteps;
                int k = 3 * (i * ringSteps + j);
                double rr = major + minor * Math.cos(v);
                pos[k] = (float) (rr * Math.cos(u));
                pos[k + 1] = (float) (minor * Math.sin(v));
                pos[k + 2] = (float) (rr * Math.sin(u));
            }
        }
        return MeshData.of(pos, grid(tubeSteps, ringSteps, true, false));
    }

    /** Triangles of a rows × cols vertex grid; columns wrap, rows wrap when {@code closedRows}. */
    private static int[] grid(int rows, int cols, boolean closedRows, boolean flip) {
        int bands = rows;
        int[] tris = new int[6 * bands * cols];
        int n = 0;
        int rowCount = closedRows ? rows : rows + 1;
        for (int i = 0; i < bands; i++) {
            int i1 = (i + 1) % rowCount;
            for (int j = 0; j < cols; j++) {
                int j1 = (j + 1) % cols;
                int v00 = i * cols + j;
                int v10 = i1 * cols + j;
                int v11 = i1 * cols + j1;
                int v01 = i * cols + j1;
                if (flip) {
                    n = put(tris, n, v00, v11, v10);
                    n = put(tris, n, v00, v01, v11);
                } else {
                    n = put(tris, n, v00, v10, v11);
                    n = put(tris, n, v00, v11, v01);
                }
            }
        }
        return tris;
    }

    private static int put(int[] tris, int n, int a, int b, int c) {
        tris[n] = a;
        tris[n + 1] = b;
        tris[n + 2] = c;
        return n + 3;
    }

    /** Rotates every vertex: about x by {@code ax}, then about y by {@code ay} (radians). */
    static MeshData rotated(MeshData mesh, double ax, double ay) {
        float[] p = mesh.positions().clone();
        double cx = Math.cos(ax);
        double sx = Math.sin(ax);
        double cy = Math.cos(ay);
        double sy = Math.sin(ay);
        for (int i = 0; i < p.length; i += 3) {
            double x = p[i];
            double y = p[i + 1] * cx - p[i + 2] * sx;
            double z = p[i + 1] * sx + p[i + 2] * cx;
            p[i] = (float) (x * cy + z * sy);
            p[i + 1] = (float) y;
            p[i + 2] = (float) (-x * sy + z * cy);
        }
        return new MeshData(p, mesh.triangles(), null, mesh.colors());
    }

    /** Concatenates meshes (colours kept only when all have them). */
    static MeshData merge(MeshData... meshes) {
        int vp = 0;
        int tp = 0;
        boolean colors = true;
        for (MeshData m : meshes) {
            vp += m.positions().length;
            tp += m.triangles().length;
            colors &= m.hasColors();
        }
        float[] pos = new float[vp];
        float[] col = colors ? new float[vp] : null;
        int[] tris = new int[tp];
        int vo = 0;
        int to = 0;
        for (MeshData m : meshes) {
            System.arraycopy(m.positions(), 0, pos, vo, m.positions().length);
            if (colors) {
                System.arraycopy(m.colors(), 0, col, vo, m.colors().length);
            }
            for (int i = 0; i < m.triangles().length; i++) {
                tris[to + i] = m.triangles()[i] + vo / 3;
            }
            vo += m.positions().length;
            to += m.triangles().length;
        }
        return new MeshData(pos, tris, null, col);
    }

    /** Six times the signed volume: positive when the closed mesh's normals point outwards. */
    static double signedVolume6(MeshData m) {
        float[] p = m.positions();
        int[] t = m.triangles();
        double sum = 0;
        for (int f = 0; f < t.length; f += 3) {
            int a = 3 * t[f];
            int b = 3 * t[f + 1];
            int c = 3 * t[f + 2];
            double cxv = (double) p[b + 1] * p[c + 2] - (double) p[b + 2] * p[c + 1];
            double cyv = (double) p[b + 2] * p[c] - (double) p[b] * p[c + 2];
            double czv = (double) p[b] * p[c + 1] - (double) p[b + 1] * p[c];
            sum += p[a] * cxv + p[a + 1] * cyv + p[a + 2] * czv;
        }
        return sum;
    }

    /** One triangle of a single colour. */
    static MeshData triangle(float[] xyz, Rgb color) {
        return MeshData.of(xyz, new int[] {0, 1, 2}).withUniformColor(color.r(), color.g(), color.b());
    }

    /** An axis-aligned quad in the plane z = {@code z}, wound so its normal points to -z (toward a +z-looking camera). */
    static MeshData quad(float x0, float y0, float x1, float y1, float z) {
        float[] p = {x0, y0, z, x1, y0, z, x1, y1, z, x0, y1, z};
        // (b−a)×(c−a) for a=(x0,y0), b=(x1,y0), c=(x1,y1) is +z when x1>x0, y1>y0: so go a, c, b.
        return MeshData.of(p, new int[] {0, 2, 1, 0, 3, 2});
    }
}
