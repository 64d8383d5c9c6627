package io.metroscope.body;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.metroscope.format.DType;
import io.metroscope.format.FormatException;
import io.metroscope.format.NdArray;
import io.metroscope.format.Npz;
import io.metroscope.format.PickleAllowlist;
import io.metroscope.format.SafeUnpickler;
import io.metroscope.format.SparseMatrix;

/**
 * The named arrays of an SMPL/MANO model file ({@code .pkl}, {@code .pkl.gz} or smplx-style {@code .npz}), with
 * checked accessors that name the file and key when something is missing or malformed.
 */
final class ModelArrays {
    private final Path file;
    private final Map<String, Object> values;

    private ModelArrays(Path file, Map<String, Object> values) {
        this.file = file;
        this.values = values;
    }

    /** Reads the keys a model needs; {@code wanted} limits what is decoded from an npz (others may be strings). */
    static ModelArrays read(Path file, List<String> wanted) throws FormatException {
        String name = file.getFileName().toString().toLowerCase();
        if (name.endsWith(".npz")) {
            Map<String, Object> values = new LinkedHashMap<>();
            try (Npz npz = Npz.open(file)) {
                for (String key : wanted) {
                    if (npz.contains(key)) {
                        values.put(key, npz.get(key));
                    }
                }
            }
            return new ModelArrays(file, values);
        }
        if (name.endsWith(".pkl") || name.endsWith(".pkl.gz") || name.endsWith(".pickle")) {
            Object root = SafeUnpickler.load(file, PickleAllowlist.SMPL_MODEL);
            if (!(root instanceof Map)) {
                throw new FormatException(file, "the pickle holds " + describe(root) + ", not a model dictionary",
                        "choose the model .pkl from the SMPL/MANO website (e.g. basicModel_neutral_lbs_10_207_0_"
                                + "v1.0.0.pkl or MANO_RIGHT.pkl)");
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) root).entrySet()) {
                values.put(String.valueOf(e.getKey()), e.getValue());
            }
            return new ModelArrays(file, values);
        }
        throw new FormatException(file, "unknown model file type", "choose a .pkl (official download) or an "
                + "smplx-style .npz");
    }

    Path file() {
        return file;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    /** A numeric array with the given shape (−1 = any length). */
    NdArray array(String key, int... shape) throws FormatException {
        Object value = values.get(key);
        if (value == null) {
            throw new FormatException(file, "the model has no '" + key + "' (it has " + new ArrayList<>(
                    values.keySet()) + ")", "choose a complete SMPL/MANO model file");
        }
        if (!(value instanceof NdArray) || ((NdArray) value).dtype() == DType.OBJECT) {
            throw new FormatException(file, "'" + key + "' is " + describe(value) + ", not a numeric array",
                    "choose an unmodified SMPL/MANO model file");
        }
        NdArray array = (NdArray) value;
        if (!matches(array.shape(), shape)) {
            throw new FormatException(file, "'" + key + "' has shape " + Arrays.toString(array.shape())
                    + ", expected " + describeShape(shape), "choose an unmodified SMPL/MANO model file");
        }
        return array;
    }

    double[] doubles(String key, int... shape) throws FormatException {
        return array(key, shape).toDoubleArray();
    }

    /** A K×V regressor stored sparse (scipy in the pickle) or dense (npz). */
    SparseMatrix sparse(String key, int rows, int cols) throws FormatException {
        Object value = values.get(key);
        if (value instanceof SparseMatrix) {
            SparseMatrix m = (SparseMatrix) value;
            if ((rows >= 0 && m.rows() != rows) || (cols >= 0 && m.cols() != cols)) {
                throw new FormatException(file, "'" + key + "' is " + m.rows() + "×" + m.cols() + ", expected "
                        + describeShape(new int[] {rows, cols}), "choose an unmodified SMPL/MANO model file");
            }
            return m;
        }
        NdArray dense = array(key, rows, cols);
        return toSparse(dense.toDoubleArray(), dense.dim(0), dense.dim(1));
    }

    static SparseMatrix toSparse(double[] dense, int rows, int cols) {
        List<int[]> at = new ArrayList<>();
        List<Double> v = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double x = dense[r * cols + c];
                if (x != 0) {
                    at.add(new int[] {r, c});
                    v.add(x);
                }
            }
        }
        int[] ri = new int[at.size()];
        int[] ci = new int[at.size()];
        double[] values = new double[at.size()];
        for (int i = 0; i < ri.length; i++) {
            ri[i] = at.get(i)[0];
            ci[i] = at.get(i)[1];
            values[i] = v.get(i);
        }
        return SparseMatrix.fromCoordinates(rows, cols, ri, ci, values);
    }

    /**
     * Parents from a 2×K {@code kintree_table} (row 0 parent ids, row 1 joint ids; the root's parent is any id
     * that is not a joint, 4294967295 in the official files).
     */
    int[] parents(String key) throws FormatException {
        NdArray table = array(key, 2, -1);
        int k = table.dim(1);
        long[] ids = table.toLongArray();
        Map<Long, Integer> column = new LinkedHashMap<>();
        for (int i = 0; i < k; i++) {
            column.put(ids[k + i], i);
        }
        int[] parents = new int[k];
        for (int i = 0; i < k; i++) {
            Integer p = column.get(ids[i]);
            parents[i] = i == 0 ? -1 : p == null ? -2 : p;
            if (parents[i] == -2 || (i > 0 && parents[i] >= i)) {
                throw new FormatException(file, "'" + key + "' column " + i + " has parent id " + ids[i]
                        + ", which is not an earlier joint", "choose an unmodified SMPL/MANO model file");
            }
        }
        return parents;
    }

    FormatException problem(String problem) {
        return new FormatException(file, problem, "choose an unmodified SMPL/MANO model file");
    }

    private static boolean matches(int[] actual, int[] expected) {
        if (expected.length == 0) {
            return true;
        }
        if (actual.length != expected.length) {
            return false;
        }
        for (int i = 0; i < actual.length; i++) {
            if (expected[i] >= 0 && actual[i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static String describeShape(int[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ", ").append(shape[i] < 0 ? "any" : String.valueOf(shape[i]));
        }
        return b.append(')').toString();
    }

    private static String describe(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof NdArray) {
            return "a " + ((NdArray) value).dtype() + " array";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
