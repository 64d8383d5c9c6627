package io.metroscope.format;

import java.util.Map;

import net.razorvine.pickle.PickleException;

/** A pickled scipy.sparse csc/csr/coo matrix; its instance dict arrives through BUILD. */
final class PickledSparse implements PickleStateful, PickleResolvable {
    private final String format;
    private Map<?, ?> state;

    PickledSparse(String format) {
        this.format = format;
    }

    @Override
    public void setState(Object value) {
        if (!(value instanceof Map)) {
            throw new PickleException("scipy.sparse state is " + PickleValues.describe(value));
        }
        state = (Map<?, ?>) value;
    }

    @Override
    public Object resolve(PickleResolver resolver) {
        if (state == null) {
            throw new PickleException("scipy.sparse " + format + " matrix without state");
        }
        Object shapeValue = state.containsKey("_shape") ? state.get("_shape") : state.get("shape");
        int[] shape = PickleValues.toIntArray(shapeValue, "scipy.sparse shape");
        if (shape.length != 2) {
            throw new PickleException("scipy.sparse shape has " + shape.length + " dimensions");
        }
        double[] data = array(resolver, "data").toDoubleArray();
        try {
            switch (format) {
                case "csc":
                    return SparseMatrix.fromCsc(shape[0], shape[1], array(resolver, "indptr").toIntArray(),
                            array(resolver, "indices").toIntArray(), data);
                case "csr":
                    return SparseMatrix.fromCsr(shape[0], shape[1], array(resolver, "indptr").toIntArray(),
                            array(resolver, "indices").toIntArray(), data);
                default:
                    int[] rows;
                    int[] cols;
                    if (state.containsKey("coords")) {
                        // scipy >= 1.13 keeps COO indices as a tuple (row, col).
                        Object[] coords = PickleValues.toTuple(resolver.resolve(state.get("coords")), "coords");
                        rows = asArray(coords[0], "coords[0]").toIntArray();
                        cols = asArray(coords[1], "coords[1]").toIntArray();
                    } else {
                        rows = array(resolver, "row").toIntArray();
                        cols = array(resolver, "col").toIntArray();
                    }
                    return SparseMatrix.fromCoordinates(shape[0], shape[1], rows, cols, data);
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new PickleException("inconsistent scipy.sparse " + format + " matrix: " + e.getMessage());
        }
    }

    private NdArray array(PickleResolver resolver, String key) {
        if (!state.containsKey(key)) {
            throw new PickleException("scipy.sparse " + format + " matrix has no '" + key + "'");
        }
        return asArray(resolver.resolve(state.get(key)), key);
    }

    private NdArray asArray(Object value, String key) {
        if (!(value instanceof NdArray) || ((NdArray) value).dtype() == DType.OBJECT) {
            throw new PickleException("scipy.sparse '" + key + "' is " + PickleValues.describe(value));
        }
        return (NdArray) value;
    }
}
