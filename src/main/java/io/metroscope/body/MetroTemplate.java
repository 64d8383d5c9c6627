package io.metroscope.body;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.metroscope.format.SparseMatrix;

/**
 * A METRO template: the rest mesh, its coarse levels and the root-centred reference tokens the network starts
 * from. All coordinates are flat row-major ×3 float64 arrays in metres, METRO's frame (x right, y down).
 *
 * @param kind            body or hand
 * @param fullVertices    V×3 template mesh as the official code builds it (not centred)
 * @param faces           F×3 triangles of the full mesh
 * @param midVertices     body: 1723×3 ({@code D[0]·V}); hand: empty (no middle level)
 * @param coarseVertices  431×3 / 195×3 token vertices (not centred)
 * @param downsampling    full → … → coarse matrices actually applied (body D[0], D[1]; hand D[0])
 * @param upsampling      the sampling file's U matrices for the same levels (METRO's forward uses learned
 *                        upsampling instead; kept for tools)
 * @param jointRegressor  mesh → {@code regressorJoints} (body H36M-17×6890, hand FreiHAND-21×778)
 * @param regressorJoints the joint set {@code jointRegressor} produces
 * @param tokenJoints     the joint set of the joint tokens (LSP-14 / FreiHAND-21)
 * @param root            the root joint subtracted (H36M pelvis / wrist), 3 values
 * @param refVertices     N×3 {@code ref_vertices}: token joints then coarse vertices, minus {@code root}
 * @param provenance      free-form notes on what the template was built from (file names, constants)
 */
public record MetroTemplate(TemplateKind kind, double[] fullVertices, int[] faces, double[] midVertices,
                            double[] coarseVertices, List<SparseMatrix> downsampling, List<SparseMatrix> upsampling,
                            SparseMatrix jointRegressor, JointSet regressorJoints, JointSet tokenJoints,
                            double[] root, double[] refVertices, Map<String, String> provenance) {

    public MetroTemplate {
        Objects.requireNonNull(kind, "kind");
        downsampling = List.copyOf(downsampling);
        upsampling = List.copyOf(upsampling);
        provenance = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(provenance));
        int v = fullVertices.length / 3;
        int c = coarseVertices.length / 3;
        if (fullVertices.length % 3 != 0 || coarseVertices.length % 3 != 0 || midVertices.length % 3 != 0
                || faces.length % 3 != 0) {
            throw new IllegalArgumentException("vertex and face arrays must be N×3");
        }
        if (downsampling.isEmpty() || downsampling.get(0).cols() != v
                || downsampling.get(downsampling.size() - 1).rows() != c) {
            throw new IllegalArgumentException("downsampling must lead from " + v + " to " + c + " vertices");
        }
        if (jointRegressor.rows() != regressorJoints.size() || jointRegressor.cols() != v) {
            throw new IllegalArgumentException("the joint regressor must be " + regressorJoints.size() + "×" + v);
        }
        if (root.length != 3) {
            throw new IllegalArgumentException("root must have 3 values");
        }
        if (refVertices.length != 3 * (tokenJoints.size() + c)) {
            throw new IllegalArgumentException("ref_vertices must be " + (tokenJoints.size() + c) + "×3");
        }
    }

    public int fullVertexCount() {
        return fullVertices.length / 3;
    }

    public int coarseVertexCount() {
        return coarseVertices.length / 3;
    }

    /** Tokens the transformer sees: joints + coarse vertices (445 body, 216 hand). */
    public int tokenCount() {
        return refVertices.length / 3;
    }

    public List<String> tokenJointNames() {
        return tokenJoints.names();
    }

    /** The root-centred template joints (first rows of {@link #refVertices}). */
    public double[] refJoints() {
        return Arrays.copyOf(refVertices, 3 * tokenJoints.size());
    }

    /** How regressed joints become token joints (body: METRO's H36M_J17_TO_J14; hand: identity). */
    public JointMapping regressorToTokens() {
        if (regressorJoints == JointSet.H36M_17 && tokenJoints == JointSet.LSP_14) {
            return JointMapping.H36M_17_TO_LSP_14;
        }
        return JointMapping.byName(regressorJoints, tokenJoints);
    }

    /** The down-sampled levels of a full mesh (V×3), finest first: body {@code [mid, coarse]}, hand {@code [coarse]}. */
    public List<double[]> levelsOf(double[] meshVertices) {
        List<double[]> levels = new java.util.ArrayList<>(downsampling.size());
        double[] level = meshVertices;
        for (SparseMatrix d : downsampling) {
            level = d.multiply(level, 3);
            levels.add(level);
        }
        return levels;
    }

    /** {@link #levelsOf(double[])} for a float32 mesh, as networks and labels hold them. */
    public List<float[]> levelsOf(float[] meshVertices) {
        double[] mesh = new double[meshVertices.length];
        for (int i = 0; i < mesh.length; i++) {
            mesh[i] = meshVertices[i];
        }
        List<float[]> out = new java.util.ArrayList<>(downsampling.size());
        for (double[] level : levelsOf(mesh)) {
            float[] f = new float[level.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) level[i];
            }
            out.add(f);
        }
        return out;
    }

    /** Token joints of a full mesh (V×3) as METRO's post-processing computes them: regress, then map. */
    public double[] tokenJointsOf(double[] meshVertices) {
        return regressorToTokens().apply(jointRegressor.multiply(meshVertices, 3), 3);
    }
}
