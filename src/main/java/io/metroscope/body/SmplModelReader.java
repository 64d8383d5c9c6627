package io.metroscope.body;

import java.nio.file.Path;
import java.util.List;

import io.metroscope.format.FormatException;
import io.metroscope.format.SparseMatrix;

/**
 * Reads SMPL-family models: the official Python-2 {@code .pkl} (chumpy {@code shapedirs}, scipy.sparse
 * {@code J_regressor}; through the safe unpickler, nothing is executed), its {@code .pkl.gz}, or an smplx-style
 * {@code .npz} with the same keys as plain arrays.
 */
public final class SmplModelReader {
    static final List<String> SMPL_KEYS = List.of("v_template", "shapedirs", "posedirs", "J_regressor", "weights",
            "kintree_table", "f");

    private SmplModelReader() {
    }

    /** Reads an SMPL (or any SMPL-structured) model. */
    public static SmplModel read(Path file) throws FormatException {
        return fromArrays(ModelArrays.read(file, SMPL_KEYS));
    }

    static SmplModel fromArrays(ModelArrays a) throws FormatException {
        int[] parents = a.parents("kintree_table");
        int k = parents.length;
        double[] vTemplate = a.doubles("v_template", -1, 3);
        int v = vTemplate.length / 3;
        double[] shapedirs = a.doubles("shapedirs", v, 3, -1);
        double[] posedirs = a.doubles("posedirs", v, 3, 9 * (k - 1));
        SparseMatrix regressor = a.sparse("J_regressor", k, v);
        double[] weights = a.doubles("weights", v, k);
        int[] faces = a.array("f", -1, 3).toIntArray();
        try {
            return new SmplModel(vTemplate, shapedirs, posedirs, regressor, weights, parents, faces);
        } catch (IllegalArgumentException e) {
            throw a.problem(e.getMessage());
        }
    }
}
