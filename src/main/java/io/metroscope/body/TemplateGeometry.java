package io.metroscope.body;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.metroscope.format.SparseMatrix;

/**
 * The steps shared by the open body and hand generators: implicit solid → regular closed mesh → simplified
 * levels with selection and upsampling matrices → skinning weights, ring joint regressors, shape fields.
 */
final class TemplateGeometry {

    private TemplateGeometry() {
    }

    /**
     * Polygonises {@code shape} on a grid of step {@code h}, simplifies to {@code targetVertices} favouring even
     * edges, then relaxes tangentially (vertices re-projected on the surface) into a regular triangulation.
     */
    static SurfaceNets.Mesh regularSurface(ImplicitShape shape, double h, int targetVertices, int relaxIterations) {
        SurfaceNets.Mesh dense = SurfaceNets.polygonise(shape, h);
        MeshSimplifier.Result r = MeshSimplifier.simplify(dense.vertices(), dense.faces(), targetVertices, 2.0);
        double[] v = gather(dense.vertices(), r.kept());
        relax(shape, v, r.faces(), relaxIterations);
        return new SurfaceNets.Mesh(v, r.faces());
    }

    /** Tangential Laplacian smoothing with re-projection on the implicit surface (Jacobi, in place). */
    static void relax(ImplicitShape shape, double[] v, int[] faces, int iterations) {
        int vc = v.length / 3;
        int[][] ring = MeshOps.neighbours(faces, vc);
        for (int it = 0; it < iterations; it++) {
            double[] n = MeshOps.vertexNormals(v, faces);
            double[] next = v.clone();
            for (int i = 0; i < vc; i++) {
                double[] c = new double[3];
                for (int j : ring[i]) {
                    for (int k = 0; k < 3; k++) {
                        c[k] += v[3 * j + k];
                    }
                }
                double[] d = new double[3];
                for (int k = 0; k < 3; k++) {
                    d[k] = c[k] / ring[i].length - v[3 * i + k];
                }
                double dn = d[0] * n[3 * i] + d[1] * n[3 * i + 1] + d[2] * n[3 * i + 2];
                for (int k = 0; k < 3; k++) {
                    next[3 * i + k] = v[3 * i + k] + 0.5 * (d[k] - dn * n[3 * i + k]);
                }
                shape.project(next, 3 * i, 2);
            }
            System.arraycopy(next, 0, v, 0, v.length);
        }
    }

    static double[] gather(double[] v, int[] indices) {
        double[] out = new double[3 * indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(v, 3 * indices[i], out, 3 * i, 3);
        }
        return out;
    }

    /** Selection matrix (kept.length × from): row r picks input vertex kept[r]. */
    static SparseMatrix selection(int[] kept, int from) {
        int[] ptr = new int[kept.length + 1];
        double[] ones = new double[kept.length];
        for (int r = 0; r < kept.length; r++) {
            ptr[r + 1] = r + 1;
            ones[r] = 1;
        }
        return new SparseMatrix(kept.length, from, ptr, kept.clone(), ones);
    }

    /**
     * Upsampling (fine × coarse): each fine vertex as the barycentric combination of the closest point on the
     * coarse mesh; a fine vertex that was kept maps to itself with weight 1.
     */
    static SparseMatrix upsampling(double[] fine, double[] coarse, int[] coarseFaces, int[] kept) {
        int fc = fine.length / 3;
        int cc = coarse.length / 3;
        int[] keptAt = new int[fc];
        Arrays.fill(keptAt, -1);
        for (int i = 0; i < kept.length; i++) {
            keptAt[kept[i]] = i;
        }
        int tris = coarseFaces.length / 3;
        double[] centre = new double[3 * tris];
        double[] radius = new double[tris];
        for (int t = 0; t < tris; t++) {
            for (int k = 0; k < 3; k++) {
                centre[3 * t + k] = (coarse[3 * coarseFaces[3 * t] + k] + coarse[3 * coarseFaces[3 * t + 1] + k]
                        + coarse[3 * coarseFaces[3 * t + 2] + k]) / 3;
            }
            for (int e = 0; e < 3; e++) {
                int a = coarseFaces[3 * t + e];
                double dx = coarse[3 * a] - centre[3 * t];
                double dy = coarse[3 * a + 1] - centre[3 * t + 1];
                double dz = coarse[3 * a + 2] - centre[3 * t + 2];
                radius[t] = Math.max(radius[t], Math.sqrt(dx * dx + dy * dy + dz * dz));
            }
        }
        IntList rows = new IntList();
        IntList cols = new IntList();
        List<Double> vals = new ArrayList<>();
        for (int i = 0; i < fc; i++) {
            if (keptAt[i] >= 0) {
                rows.add(i);
                cols.add(keptAt[i]);
                vals.add(1.0);
                continue;
            }
            double px = fine[3 * i];
            double py = fine[3 * i + 1];
            double pz = fine[3 * i + 2];
            double best = Double.MAX_VALUE;
            double[] bestW = null;
            int bestT = -1;
            for (int t = 0; t < tris; t++) {
                double dx = px - centre[3 * t];
                double dy = py - centre[3 * t + 1];
                double dz = pz - centre[3 * t + 2];
                double lower = Math.sqrt(dx * dx + dy * dy + dz * dz) - radius[t];
                if (lower > 0 && lower * lower >= best) {
                    continue;
                }
                double[] w = MeshOps.closestOnTriangle(coarse, coarseFaces[3 * t], coarseFaces[3 * t + 1],
                        coarseFaces[3 * t + 2], px, py, pz);
                if (w[3] < best) {
                    best = w[3];
                    bestW = w;
                    bestT = t;
                }
            }
            for (int e = 0; e < 3; e++) {
                if (bestW[e] > 1e-9) {
                    rows.add(i);
                    cols.add(coarseFaces[3 * bestT + e]);
                    vals.add(bestW[e]);
                }
            }
        }
        double[] values = new double[vals.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = vals.get(i);
        }
        SparseMatrix m = SparseMatrix.fromCoordinates(fc, cc, rows.toArray(), cols.toArray(), values);
        return normaliseRows(m);
    }

    static SparseMatrix normaliseRows(SparseMatrix m) {
        double[] vals = m.values().clone();
        for (int r = 0; r < m.rows(); r++) {
            double s = 0;
            for (int k = m.rowPointers()[r]; k < m.rowPointers()[r + 1]; k++) {
                s += vals[k];
            }
            for (int k = m.rowPointers()[r]; k < m.rowPointers()[r + 1]; k++) {
                vals[k] /= s;
            }
        }
        return new SparseMatrix(m.rows(), m.cols(), m.rowPointers(), m.columnIndices(), vals);
    }

    /**
     * Skinning weights V×K: one-hot on each vertex's label, diffused over the mesh by {@code iterations} of
     * uniform Laplacian averaging (so blends follow the surface and never jump between legs), then cut to
     * the {@code maxInfluences} largest and normalised to sum 1.
     */
    static double[] skinningWeights(int[] faces, int[] labels, int joints, int iterations, int maxInfluences) {
        int vc = labels.length;
        int[][] ring = MeshOps.neighbours(faces, vc);
        double[] w = new double[vc * joints];
        for (int i = 0; i < vc; i++) {
            w[i * joints + labels[i]] = 1;
        }
        for (int it = 0; it < iterations; it++) {
            double[] next = new double[w.length];
            for (int i = 0; i < vc; i++) {
                for (int k = 0; k < joints; k++) {
                    double s = w[i * joints + k];
                    for (int j : ring[i]) {
                        s += w[j * joints + k];
                    }
                    next[i * joints + k] = s / (ring[i].length + 1);
                }
            }
            w = next;
        }
        for (int i = 0; i < vc; i++) {
            Integer[] order = new Integer[joints];
            for (int k = 0; k < joints; k++) {
                order[k] = k;
            }
            final int row = i;
            final double[] ww = w;
            Arrays.sort(order, (a, b) -> ww[row * joints + a] != ww[row * joints + b]
                    ? Double.compare(ww[row * joints + b], ww[row * joints + a]) : Integer.compare(a, b));
            double sum = 0;
            for (int r = 0; r < joints; r++) {
                int k = order[r];
                if (r >= maxInfluences || w[i * joints + k] < 1e-4) {
                    w[i * joints + k] = 0;
                } else {
                    sum += w[i * joints + k];
                }
            }
            for (int k = 0; k < joints; k++) {
                w[i * joints + k] /= sum;
            }
        }
        return w;
    }

    /**
     * One regressor row: a weighted ring of vertices around {@code joint} — vertices whose label is in
     * {@code labels}, within {@code radius} of the joint and {@code slab} of the plane through it normal to
     * {@code axis}, Gaussian-weighted — corrected by the least change that makes the weights sum to 1 and
     * reproduce the joint exactly; negative weights are dropped and the correction repeated.
     */
    static double[][] ringRow(double[] v, int[] vertexLabels, double[] joint, double[] axis, int[] labels,
                              double radius, double slab) {
        double al = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
        double[] a = {axis[0] / al, axis[1] / al, axis[2] / al};
        IntList idx = new IntList();
        List<Double> w0 = new ArrayList<>();
        for (int i = 0; i < v.length / 3; i++) {
            if (labels != null && !contains(labels, vertexLabels[i])) {
                continue;
            }
            double dx = v[3 * i] - joint[0];
            double dy = v[3 * i + 1] - joint[1];
            double dz = v[3 * i + 2] - joint[2];
            double ax = dx * a[0] + dy * a[1] + dz * a[2];
            double d2 = dx * dx + dy * dy + dz * dz;
            double r2 = d2 - ax * ax;
            if (Math.abs(ax) > slab || d2 > radius * radius) {
                continue;
            }
            idx.add(i);
            w0.add(StrictMath.exp(-(ax * ax) / (slab * slab)) * StrictMath.exp(-r2 / (radius * radius)));
        }
        int n = idx.size();
        if (n < 4) {
            throw new IllegalStateException("only " + n + " vertices around joint " + Arrays.toString(joint));
        }
        int[] ids = idx.toArray();
        double[] w = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            w[i] = w0.get(i);
            total += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= total;
        }
        boolean[] active = new boolean[n];
        Arrays.fill(active, true);
        for (int pass = 0; pass < 20; pass++) {
            // Solve min |x - w|² s.t. A x = b over active entries, A = [1; vx; vy; vz].
            double[] b = {1, joint[0], joint[1], joint[2]};
            double[][] aat = new double[4][4];
            double[] resid = b.clone();
            for (int i = 0; i < n; i++) {
                if (!active[i]) {
                    continue;
                }
                double[] col = {1, v[3 * ids[i]], v[3 * ids[i] + 1], v[3 * ids[i] + 2]};
                for (int r = 0; r < 4; r++) {
                    resid[r] -= col[r] * w[i];
                    for (int c = 0; c < 4; c++) {
                        aat[r][c] += col[r] * col[c];
                    }
                }
            }
            double[] lambda = solve4(aat, resid);
            boolean negative = false;
            for (int i = 0; i < n; i++) {
                if (!active[i]) {
                    w[i] = 0;
                    continue;
                }
                double[] col = {1, v[3 * ids[i]], v[3 * ids[i] + 1], v[3 * ids[i] + 2]};
                w[i] += col[0] * lambda[0] + col[1] * lambda[1] + col[2] * lambda[2] + col[3] * lambda[3];
                if (w[i] < 0) {
                    negative = true;
                }
            }
            if (!negative) {
                break;
            }
            if (pass < 19) {
                for (int i = 0; i < n; i++) {
                    if (w[i] < 0) {
                        active[i] = false;
                        w[i] = 0;
                    }
                }
            }
        }
        IntList keptIdx = new IntList();
        List<Double> keptW = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (w[i] != 0) {
                keptIdx.add(ids[i]);
                keptW.add(w[i]);
            }
        }
        double[] ci = new double[keptIdx.size()];
        double[] cw = new double[keptIdx.size()];
        for (int i = 0; i < ci.length; i++) {
            ci[i] = keptIdx.get(i);
            cw[i] = keptW.get(i);
        }
        return new double[][] {ci, cw};
    }

    private static boolean contains(int[] values, int x) {
        for (int value : values) {
            if (value == x) {
                return true;
            }
        }
        return false;
    }

    /** Gaussian elimination with partial pivoting for a 4×4 system. */
    private static double[] solve4(double[][] m, double[] rhs) {
        int n = 4;
        double[][] a = new double[n][n + 1];
        for (int r = 0; r < n; r++) {
            System.arraycopy(m[r], 0, a[r], 0, n);
            a[r][n] = rhs[r];
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k <= n; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = a[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }

    /** Builds a sparse matrix from ring rows ({@link #ringRow} outputs). */
    static SparseMatrix rowsToMatrix(List<double[][]> rows, int cols) {
        IntList r = new IntList();
        IntList c = new IntList();
        List<Double> vals = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            double[][] row = rows.get(i);
            for (int k = 0; k < row[0].length; k++) {
                r.add(i);
                c.add((int) row[0][k]);
                vals.add(row[1][k]);
            }
        }
        double[] values = new double[vals.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = vals.get(i);
        }
        return SparseMatrix.fromCoordinates(rows.size(), cols, r.toArray(), c.toArray(), values);
    }

    /**
     * A shape field over skinned vertices: every vertex moves with the bones it is weighted to — each bone j
     * (joint J_j to end E_j) moves its joint by {@code dJ_j}, its end by {@code dE_j} (vertices in between by
     * the interpolation along the bone) and scales the offset from the bone axis by {@code radial_j} (per axis).
     */
    static double[] boneField(double[] v, double[] weights, double[] joints, double[] ends, double[] dJ,
                              double[] dE, double[] radial) {
        int vc = v.length / 3;
        int k = joints.length / 3;
        double[] d = new double[3 * vc];
        for (int i = 0; i < vc; i++) {
            for (int j = 0; j < k; j++) {
                double w = weights[i * k + j];
                if (w == 0) {
                    continue;
                }
                double[] ab = {ends[3 * j] - joints[3 * j], ends[3 * j + 1] - joints[3 * j + 1],
                    ends[3 * j + 2] - joints[3 * j + 2]};
                double len2 = ab[0] * ab[0] + ab[1] * ab[1] + ab[2] * ab[2];
                double t = 0;
                if (len2 > 0) {
                    t = ((v[3 * i] - joints[3 * j]) * ab[0] + (v[3 * i + 1] - joints[3 * j + 1]) * ab[1]
                            + (v[3 * i + 2] - joints[3 * j + 2]) * ab[2]) / len2;
                    t = Math.max(0, Math.min(1, t));
                }
                for (int c = 0; c < 3; c++) {
                    double axisPoint = joints[3 * j + c] + t * ab[c];
                    double off = v[3 * i + c] - axisPoint;
                    double move = dJ[3 * j + c] + t * (dE[3 * j + c] - dJ[3 * j + c]) + radial[3 * j + c] * off;
                    d[3 * i + c] += w * move;
                }
            }
        }
        return d;
    }
}
