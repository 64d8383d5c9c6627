package io.metroscope.body;

import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * Quadric-error-metric mesh simplification (Garland–Heckbert) by half-edge collapse: each step removes the
 * vertex whose collapse onto a neighbour adds the least plane error, so the kept vertices are a subset of
 * the input and the selection matrix between levels is exact. The error is the sum of the area-weighted
 * squared distances to the original planes around both vertices plus {@code regularisation} × edge length²
 * (which evens out triangle sizes). A collapse is refused when it would break the manifold (link condition),
 * flip or degenerate a triangle, or leave a vertex of valence below 3. Fully deterministic: ties break on
 * vertex indices.
 */
public final class MeshSimplifier {

    /**
     * @param kept           input indices of the surviving vertices, ascending
     * @param faces          faces over the surviving vertices, indexed into {@code kept}
     * @param representative for every input vertex, the index in {@code kept} of the vertex it collapsed into
     */
    public record Result(int[] kept, int[] faces, int[] representative) {
        public int vertexCount() {
            return kept.length;
        }
    }

    private record Candidate(double cost, int from, int to, int stampFrom, int stampTo) {
    }

    private final double[] v;
    private final int[] faces;
    private final boolean[] faceAlive;
    private final IntList[] vertexFaces;
    private final double[][] quadric;
    private final int[] stamp;
    private final boolean[] alive;
    private final int[] collapsedInto;
    private final double regularisation;
    private final PriorityQueue<Candidate> queue = new PriorityQueue<>((x, y) -> {
        int c = Double.compare(x.cost, y.cost);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(x.from, y.from);
        return c != 0 ? c : Integer.compare(x.to, y.to);
    });

    private MeshSimplifier(double[] vertices, int[] faces, double regularisation) {
        this.v = vertices;
        this.faces = faces.clone();
        this.regularisation = regularisation;
        int vc = vertices.length / 3;
        int fc = faces.length / 3;
        faceAlive = new boolean[fc];
        Arrays.fill(faceAlive, true);
        vertexFaces = new IntList[vc];
        quadric = new double[vc][10];
        stamp = new int[vc];
        alive = new boolean[vc];
        collapsedInto = new int[vc];
        Arrays.fill(alive, true);
        Arrays.fill(collapsedInto, -1);
        for (int i = 0; i < vc; i++) {
            vertexFaces[i] = new IntList();
        }
        for (int f = 0; f < fc; f++) {
            int a = faces[3 * f];
            int b = faces[3 * f + 1];
            int c = faces[3 * f + 2];
            vertexFaces[a].add(f);
            vertexFaces[b].add(f);
            vertexFaces[c].add(f);
            double[] n = MeshOps.faceNormal(vertices, a, b, c);
            double len = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
            if (len == 0) {
                continue;
            }
            double area = len / 2;
            double nx = n[0] / len;
            double ny = n[1] / len;
            double nz = n[2] / len;
            double d = -(nx * vertices[3 * a] + ny * vertices[3 * a + 1] + nz * vertices[3 * a + 2]);
            double[] q = {nx * nx, nx * ny, nx * nz, nx * d, ny * ny, ny * nz, ny * d, nz * nz, nz * d, d * d};
            for (int corner : new int[] {a, b, c}) {
                for (int e = 0; e < 10; e++) {
                    quadric[corner][e] += area * q[e];
                }
            }
        }
    }

    /** Simplifies a closed manifold mesh to {@code targetVertices} vertices. */
    public static Result simplify(double[] vertices, int[] faces, int targetVertices, double regularisation) {
        MeshSimplifier s = new MeshSimplifier(vertices, faces, regularisation);
        return s.run(targetVertices);
    }

    private Result run(int target) {
        int vc = v.length / 3;
        for (int i = 0; i < vc; i++) {
            pushEdges(i);
        }
        int remaining = vc;
        while (remaining > target) {
            Candidate c = queue.poll();
            if (c == null) {
                throw new IllegalStateException("simplification stuck at " + remaining + " vertices (target "
                        + target + ")");
            }
            if (!alive[c.from] || !alive[c.to] || stamp[c.from] != c.stampFrom || stamp[c.to] != c.stampTo) {
                continue;
            }
            if (!canCollapse(c.from, c.to)) {
                continue;
            }
            collapse(c.from, c.to);
            remaining--;
        }
        int[] index = new int[vc];
        Arrays.fill(index, -1);
        IntList kept = new IntList();
        for (int i = 0; i < vc; i++) {
            if (alive[i]) {
                index[i] = kept.size();
                kept.add(i);
            }
        }
        IntList out = new IntList();
        for (int f = 0; f < faces.length / 3; f++) {
            if (faceAlive[f]) {
                out.add(index[faces[3 * f]], index[faces[3 * f + 1]], index[faces[3 * f + 2]]);
            }
        }
        int[] rep = new int[vc];
        for (int i = 0; i < vc; i++) {
            int r = i;
            while (!alive[r]) {
                r = collapsedInto[r];
            }
            rep[i] = index[r];
        }
        return new Result(kept.toArray(), out.toArray(), rep);
    }

    private int[] ring(int u) {
        IntList n = new IntList();
        IntList fl = vertexFaces[u];
        for (int i = 0; i < fl.size(); i++) {
            int f = fl.get(i);
            for (int e = 0; e < 3; e++) {
                int w = faces[3 * f + e];
                if (w != u && !n.contains(w)) {
                    n.add(w);
                }
            }
        }
        int[] out = n.toArray();
        Arrays.sort(out);
        return out;
    }

    private void pushEdges(int u) {
        for (int w : ring(u)) {
            push(u, w);
            push(w, u);
        }
    }

    private void push(int from, int to) {
        double[] q = new double[10];
        for (int e = 0; e < 10; e++) {
            q[e] = quadric[from][e] + quadric[to][e];
        }
        double x = v[3 * to];
        double y = v[3 * to + 1];
        double z = v[3 * to + 2];
        double err = q[0] * x * x + 2 * q[1] * x * y + 2 * q[2] * x * z + 2 * q[3] * x + q[4] * y * y
                + 2 * q[5] * y * z + 2 * q[6] * y + q[7] * z * z + 2 * q[8] * z + q[9];
        double cost = Math.max(err, 0) + regularisation * MeshOps.distance2(v, from, to);
        queue.add(new Candidate(cost, from, to, stamp[from], stamp[to]));
    }

    private boolean canCollapse(int u, int w) {
        IntList fu = vertexFaces[u];
        int shared = 0;
        int[] opposite = new int[2];
        for (int i = 0; i < fu.size(); i++) {
            int f = fu.get(i);
            int a = faces[3 * f];
            int b = faces[3 * f + 1];
            int c = faces[3 * f + 2];
            if (a == w || b == w || c == w) {
                if (shared == 2) {
                    return false;
                }
                opposite[shared++] = a != u && a != w ? a : b != u && b != w ? b : c;
            }
        }
        if (shared != 2) {
            return false;
        }
        int[] ru = ring(u);
        int[] rw = ring(w);
        int common = 0;
        for (int x : ru) {
            if (Arrays.binarySearch(rw, x) >= 0) {
                if (x != opposite[0] && x != opposite[1]) {
                    return false;
                }
                common++;
            }
        }
        if (common != 2 || ring(opposite[0]).length <= 3 || ring(opposite[1]).length <= 3 || rw.length + ru.length
                - 4 < 3) {
            return false;
        }
        for (int i = 0; i < fu.size(); i++) {
            int f = fu.get(i);
            int a = faces[3 * f];
            int b = faces[3 * f + 1];
            int c = faces[3 * f + 2];
            if (a == w || b == w || c == w) {
                continue;
            }
            double[] before = MeshOps.faceNormal(v, a, b, c);
            double[] after = MeshOps.faceNormal(v, a == u ? w : a, b == u ? w : b, c == u ? w : c);
            double lb = Math.sqrt(before[0] * before[0] + before[1] * before[1] + before[2] * before[2]);
            double la = Math.sqrt(after[0] * after[0] + after[1] * after[1] + after[2] * after[2]);
            if (la < 1e-12 || lb == 0) {
                return false;
            }
            double cos = (before[0] * after[0] + before[1] * after[1] + before[2] * after[2]) / (la * lb);
            if (cos < 0.2) {
                return false;
            }
            // Refuse needle triangles: the new face's smallest angle must stay reasonable.
            int[] t = {a == u ? w : a, b == u ? w : b, c == u ? w : c};
            double maxEdge2 = Math.max(MeshOps.distance2(v, t[0], t[1]),
                    Math.max(MeshOps.distance2(v, t[1], t[2]), MeshOps.distance2(v, t[2], t[0])));
            if (la / maxEdge2 < 0.05) {
                return false;
            }
        }
        return true;
    }

    private void collapse(int u, int w) {
        IntList fu = vertexFaces[u];
        for (int i = 0; i < fu.size(); i++) {
            int f = fu.get(i);
            int a = faces[3 * f];
            int b = faces[3 * f + 1];
            int c = faces[3 * f + 2];
            if (a == w || b == w || c == w) {
                faceAlive[f] = false;
                for (int corner : new int[] {a, b, c}) {
                    if (corner != u) {
                        vertexFaces[corner].removeValue(f);
                    }
                }
            } else {
                for (int e = 0; e < 3; e++) {
                    if (faces[3 * f + e] == u) {
                        faces[3 * f + e] = w;
                    }
                }
                vertexFaces[w].add(f);
            }
        }
        alive[u] = false;
        collapsedInto[u] = w;
        for (int e = 0; e < 10; e++) {
            quadric[w][e] += quadric[u][e];
        }
        stamp[w]++;
        // Neighbours' valence and shapes changed: refresh their edges too so refused collapses get another try.
        for (int n : ring(w)) {
            stamp[n]++;
        }
        for (int n : ring(w)) {
            pushEdges(n);
        }
    }
}
