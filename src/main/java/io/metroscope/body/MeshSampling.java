package io.metroscope.body;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.metroscope.format.DType;
import io.metroscope.format.FormatException;
import io.metroscope.format.NdArray;
import io.metroscope.format.Npz;
import io.metroscope.format.SparseMatrix;

/**
 * The mesh hierarchy of a GraphCMR/Pose2Mesh sampling file ({@code mesh_downsampling.npz},
 * {@code mano_downsampling.npz}): {@code down.get(i)} maps level i to level i+1 (rows = coarser vertices),
 * {@code up.get(i)} maps level i+1 back to level i. METRO only uses the D matrices, which are pure selections.
 */
public record MeshSampling(List<SparseMatrix> down, List<SparseMatrix> up) {

    public MeshSampling {
        down = List.copyOf(down);
        up = List.copyOf(up);
    }

    /** Reads {@code D} and {@code U} (object arrays of scipy.sparse matrices); {@code A}, {@code M} are ignored. */
    public static MeshSampling read(Path file) throws FormatException {
        try (Npz npz = Npz.open(file)) {
            List<SparseMatrix> down = matrices(npz, file, "D");
            List<SparseMatrix> up = npz.contains("U") ? matrices(npz, file, "U") : List.of();
            for (int i = 0; i + 1 < down.size(); i++) {
                if (down.get(i).rows() != down.get(i + 1).cols()) {
                    throw new FormatException(file, "D[" + i + "] gives " + down.get(i).rows() + " vertices but D["
                            + (i + 1) + "] expects " + down.get(i + 1).cols(), "the file is damaged; copy it again");
                }
            }
            return new MeshSampling(down, up);
        }
    }

    private static List<SparseMatrix> matrices(Npz npz, Path file, String key) throws FormatException {
        NdArray array = npz.get(key);
        if (array.dtype() != DType.OBJECT || array.rank() != 1 || array.size() == 0) {
            throw new FormatException(file, "'" + key + "' is not a list of sparse matrices",
                    "choose mesh_downsampling.npz / mano_downsampling.npz from the METRO repository");
        }
        List<SparseMatrix> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Object m = array.getObject(i);
            if (!(m instanceof SparseMatrix)) {
                throw new FormatException(file, key + "[" + i + "] is not a sparse matrix",
                        "choose mesh_downsampling.npz / mano_downsampling.npz from the METRO repository");
            }
            out.add((SparseMatrix) m);
        }
        return out;
    }

    /** Vertex count of the finest level (columns of D[0]). */
    public int fullVertexCount() {
        return down.get(0).cols();
    }

    /** Vertex count after {@code steps} downsamplings. */
    public int vertexCount(int steps) {
        return steps == 0 ? fullVertexCount() : down.get(steps - 1).rows();
    }

    /** Applies D[0..steps) to V×3 vertices (an index gather, since D selects vertices). */
    public double[] downsample(double[] vertices, int steps) {
        double[] x = vertices;
        for (int i = 0; i < steps; i++) {
            x = down.get(i).multiply(x, 3);
        }
        return x;
    }
}
