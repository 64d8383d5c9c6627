package io.metroscope.body;

import java.util.Arrays;

/** Small triangle-mesh utilities over flat arrays (vertices V×3, faces F×3). Deterministic, single-threaded. */
public final class MeshOps {

    private MeshOps() {
    }

    static double distance2(double[] v, int a, int b) {
        double dx = v[3 * a] - v[3 * b];
        double dy = v[3 * a + 1] - v[3 * b + 1];
        double dz = v[3 * a + 2] - v[3 * b + 2];
        return dx * dx + dy * dy + dz * dz;
    }

    /** For every undirected edge (a &lt; b, key a·V + b), the number of faces using it; sorted by key. */
    public static long[][] edgeFaceCounts(int[] faces, int vertexCount) {
        long[] keys = new long[faces.length];
        for (int f = 0; f < faces.length / 3; f++) {
            for (int e = 0; e < 3; e++) {
                int a = faces[3 * f + e];
                int b = faces[3 * f + (e + 1) % 3];
                keys[3 * f + e] = (long) Math.min(a, b) * vertexCount + Math.max(a, b);
            }
        }
        Arrays.sort(keys);
        long[] unique = new long[keys.length];
        long[] counts = new long[keys.length];
        int n = 0;
        for (int i = 0; i < keys.length; i++) {
            if (n > 0 && unique[n - 1] == keys[i]) {
                counts[n - 1]++;
            } else {
                unique[n] = keys[i];
                counts[n++] = 1;
            }
        }
        return new long[][] {Arrays.copyOf(unique, n), Arrays.copyOf(counts, n)};
    }

    /** True when every edge is shared by exactly two faces and each is used once in each direction. */
    public static boolean isClosedManifold(int[] faces, int vertexCount) {
        for (long c : edgeFaceCounts(faces, vertexCount)[1]) {
            if (c != 2) {
                return false;
            }
        }
        long[] directed = new long[faces.length];
        for (int f = 0; f < faces.length / 3; f++) {
            for (int e = 0; e < 3; e++) {
                directed[3 * f + e] = (long) faces[3 * f + e] * vertexCount + faces[3 * f + (e + 1) % 3];
            }
        }
        Arrays.sort(directed);
        for (int i = 1; i < directed.length; i++) {
            if (directed[i] == directed[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** Sorted 1-ring neighbours of every vertex. */
    public static int[][] neighbours(int[] faces, int vertexCount) {
        IntList[] lists = new IntList[vertexCount];
        for (int i = 0; i < vertexCount; i++) {
            lists[i] = new IntList();
        }
        for (int f = 0; f < faces.length / 3; f++) {
            for (int e = 0; e < 3; e++) {
                int a = faces[3 * f + e];
                int b = faces[3 * f + (e + 1) % 3];
                if (!lists[a].contains(b)) {
                    lists[a].add(b);
                }
                if (!lists[b].contains(a)) {
                    lists[b].add(a);
                }
            }
        }
        int[][] out = new int[vertexCount][];
        for (int i = 0; i < vertexCount; i++) {
            out[i] = lists[i].toArray();
            Arrays.sort(out[i]);
        }
        return out;
    }

    /** Area-weighted vertex normals (unit length). */
    public static double[] vertexNormals(double[] v, int[] faces) {
        double[] n = new double[v.length];
        for (int f = 0; f < faces.length / 3; f++) {
            double[] fn = faceNormal(v, faces[3 * f], faces[3 * f + 1], faces[3 * f + 2]);
            for (int e = 0; e < 3; e++) {
                for (int c = 0; c < 3; c++) {
                    n[3 * faces[3 * f + e] + c] += fn[c];
                }
            }
        }
        for (int i = 0; i < n.length / 3; i++) {
            double l = Math.sqrt(n[3 * i] * n[3 * i] + n[3 * i + 1] * n[3 * i + 1] + n[3 * i + 2] * n[3 * i + 2]);
            if (l > 0) {
                n[3 * i] /= l;
                n[3 * i + 1] /= l;
                n[3 * i + 2] /= l;
            }
        }
        return n;
    }

    /** Unnormalised face normal (twice the area). */
    static double[] faceNormal(double[] v, int a, int b, int c) {
        double ux = v[3 * b] - v[3 * a];
        double uy = v[3 * b + 1] - v[3 * a + 1];
        double uz = v[3 * b + 2] - v[3 * a + 2];
        double wx = v[3 * c] - v[3 * a];
        double wy = v[3 * c + 1] - v[3 * a + 1];
        double wz = v[3 * c + 2] - v[3 * a + 2];
        return new double[] {uy * wz - uz * wy, uz * wx - ux * wz, ux * wy - uy * wx};
    }

    /** Signed volume (positive for outward-facing counter-clockwise faces). */
    public static double volume(double[] v, int[] faces) {
        double vol = 0;
        for (int f = 0; f < faces.length / 3; f++) {
            int a = 3 * faces[3 * f];
            int b = 3 * faces[3 * f + 1];
            int c = 3 * faces[3 * f + 2];
            vol += v[a] * (v[b + 1] * v[c + 2] - v[b + 2] * v[c + 1])
                    - v[a + 1] * (v[b] * v[c + 2] - v[b + 2] * v[c])
                    + v[a + 2] * (v[b] * v[c + 1] - v[b + 1] * v[c]);
        }
        return vol / 6;
    }

    /** Smallest interior angle (radians) of every face. */
    public static double[] minAngles(double[] v, int[] faces) {
        double[] out = new double[faces.length / 3];
        for (int f = 0; f < out.length; f++) {
            double best = Math.PI;
            for (int e = 0; e < 3; e++) {
                int a = faces[3 * f + e];
                int b = faces[3 * f + (e + 1) % 3];
                int c = faces[3 * f + (e + 2) % 3];
                double[] u = {v[3 * b] - v[3 * a], v[3 * b + 1] - v[3 * a + 1], v[3 * b + 2] - v[3 * a + 2]};
                double[] w = {v[3 * c] - v[3 * a], v[3 * c + 1] - v[3 * a + 1], v[3 * c + 2] - v[3 * a + 2]};
                double dot = u[0] * w[0] + u[1] * w[1] + u[2] * w[2];
                double lu = Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
                double lw = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
                double cos = lu == 0 || lw == 0 ? 1 : Math.max(-1, Math.min(1, dot / (lu * lw)));
                best = Math.min(best, StrictMath.acos(cos));
            }
            out[f] = best;
        }
        return out;
    }

    /** Keeps the largest face-connected component, drops unused vertices, re-indexes. */
    static SurfaceNets.Mesh largestComponent(double[] v, int[] faces) {
        int vc = v.length / 3;
        int[] parent = new int[vc];
        for (int i = 0; i < vc; i++) {
            parent[i] = i;
        }
        for (int f = 0; f < faces.length / 3; f++) {
            union(parent, faces[3 * f], faces[3 * f + 1]);
            union(parent, faces[3 * f], faces[3 * f + 2]);
        }
        int[] size = new int[vc];
        for (int f = 0; f < faces.length / 3; f++) {
            size[find(parent, faces[3 * f])]++;
        }
        int best = 0;
        for (int i = 1; i < vc; i++) {
            if (size[i] > size[best]) {
                best = i;
            }
        }
        IntList kept = new IntList();
        for (int f = 0; f < faces.length / 3; f++) {
            int a = faces[3 * f];
            int b = faces[3 * f + 1];
            int c = faces[3 * f + 2];
            if (find(parent, a) == best && a != b && b != c && a != c) {
                kept.add(a, b, c);
            }
        }
        return compact(v, kept.toArray());
    }

    /** Drops vertices no face uses and re-indexes (order kept). */
    static SurfaceNets.Mesh compact(double[] v, int[] faces) {
        int vc = v.length / 3;
        int[] map = new int[vc];
        Arrays.fill(map, -1);
        for (int idx : faces) {
            map[idx] = 0;
        }
        int n = 0;
        for (int i = 0; i < vc; i++) {
            if (map[i] == 0) {
                map[i] = n++;
            }
        }
        double[] out = new double[3 * n];
        for (int i = 0; i < vc; i++) {
            if (map[i] >= 0) {
                System.arraycopy(v, 3 * i, out, 3 * map[i], 3);
            }
        }
        int[] f2 = new int[faces.length];
        for (int i = 0; i < faces.length; i++) {
            f2[i] = map[faces[i]];
        }
        return new SurfaceNets.Mesh(out, f2);
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    /** Closest point on triangle (a, b, c) to p: barycentric weights {wa, wb, wc} and squared distance. */
    static double[] closestOnTriangle(double[] v, int a, int b, int c, double px, double py, double pz) {
        double ax = v[3 * a], ay = v[3 * a + 1], az = v[3 * a + 2];
        double abx = v[3 * b] - ax, aby = v[3 * b + 1] - ay, abz = v[3 * b + 2] - az;
        double acx = v[3 * c] - ax, acy = v[3 * c + 1] - ay, acz = v[3 * c + 2] - az;
        double apx = px - ax, apy = py - ay, apz = pz - az;
        double d1 = abx * apx + aby * apy + abz * apz;
        double d2 = acx * apx + acy * apy + acz * apz;
        double u;
        double w;
        if (d1 <= 0 && d2 <= 0) {
            u = 0;
            w = 0;
        } else {
            double bpx = px - v[3 * b], bpy = py - v[3 * b + 1], bpz = pz - v[3 * b + 2];
            double d3 = abx * bpx + aby * bpy + abz * bpz;
            double d4 = acx * bpx + acy * bpy + acz * bpz;
            double cpx = px - v[3 * c], cpy = py - v[3 * c + 1], cpz = pz - v[3 * c + 2];
            double d5 = abx * cpx + aby * cpy + abz * cpz;
            double d6 = acx * cpx + acy * cpy + acz * cpz;
            double vc = d1 * d4 - d3 * d2;
            double vb = d5 * d2 - d1 * d6;
            double va = d3 * d6 - d5 * d4;
            if (d3 >= 0 && d4 <= d3) {
                u = 1;
                w = 0;
            } else if (vc <= 0 && d1 >= 0 && d3 <= 0) {
                u = d1 / (d1 - d3);
                w = 0;
            } else if (d6 >= 0 && d5 <= d6) {
                u = 0;
                w = 1;
            } else if (vb <= 0 && d2 >= 0 && d6 <= 0) {
                u = 0;
                w = d2 / (d2 - d6);
            } else if (va <= 0 && (d4 - d3) >= 0 && (d5 - d6) >= 0) {
                w = (d4 - d3) / ((d4 - d3) + (d5 - d6));
                u = 1 - w;
            } else {
                double denom = 1 / (va + vb + vc);
                u = vb * denom;
                w = vc * denom;
            }
        }
        double qx = ax + u * abx + w * acx - px;
        double qy = ay + u * aby + w * acy - py;
        double qz = az + u * abz + w * acz - pz;
        return new double[] {1 - u - w, u, w, qx * qx + qy * qy + qz * qz};
    }
}
