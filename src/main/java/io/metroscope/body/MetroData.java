package io.metroscope.body;

import java.nio.file.Files;
import java.nio.file.Path;

import io.metroscope.format.FormatException;
import io.metroscope.format.NdArray;
import io.metroscope.format.Npy;
import io.metroscope.format.SparseMatrix;

/** The auxiliary files of METRO's {@code metro/modeling/data} folder that template building needs. */
public final class MetroData {
    public static final String H36M_REGRESSOR = "J_regressor_h36m_correct.npy";
    public static final String BODY_SAMPLING = "mesh_downsampling.npz";
    public static final String HAND_SAMPLING = "mano_downsampling.npz";

    private MetroData() {
    }

    /** {@code folder/name}, or a FormatException saying where the file comes from. */
    public static Path require(Path folder, String name) throws FormatException {
        Path file = folder.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new FormatException(file, "missing", "copy " + name + " from METRO's metro/modeling/data folder "
                    + "(github.com/microsoft/MeshTransformer) into " + folder);
        }
        return file;
    }

    /** The H36M 17-joint regressor (17×V, dense in the file) as a sparse matrix. */
    public static SparseMatrix readH36mRegressor(Path file) throws FormatException {
        NdArray dense = Npy.read(file);
        if (dense.rank() != 2 || dense.dim(0) != JointSet.H36M_17.size()) {
            throw new FormatException(file, "shape " + java.util.Arrays.toString(dense.shape()) + ", expected (17, V)",
                    "copy J_regressor_h36m_correct.npy from METRO's metro/modeling/data folder again");
        }
        return ModelArrays.toSparse(dense.toDoubleArray(), dense.dim(0), dense.dim(1));
    }
}
