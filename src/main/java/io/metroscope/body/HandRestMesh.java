package io.metroscope.body;

import java.nio.file.Path;
import java.util.List;

import io.metroscope.format.FormatException;
import io.metroscope.format.NdArray;
import io.metroscope.format.Npz;
import io.metroscope.format.SparseMatrix;

/**
 * The hand mesh METRO's hand template starts from, in metres: 778×3 vertices and 21×3 joints in FreiHAND order
 * (what the official MANO layer returns for zero pose coefficients, divided by 1000), the faces, and the
 * FreiHAND-order 21×778 regressor used on predicted meshes.
 */
public record HandRestMesh(double[] vertices, double[] joints, int[] faces, SparseMatrix jointRegressor) {

    public HandRestMesh {
        if (joints.length != 3 * JointSet.FREIHAND_21.size()) {
            throw new IllegalArgumentException("a hand needs 21 joints");
        }
        if (jointRegressor.rows() != JointSet.FREIHAND_21.size() || jointRegressor.cols() * 3 != vertices.length) {
            throw new IllegalArgumentException("the hand joint regressor must be 21×" + vertices.length / 3);
        }
    }

    /**
     * Reads a posed-hand file with {@code vertices} (V×3, millimetres), {@code joints} (21×3 mm, FreiHAND
     * order), {@code faces} and {@code joint_regressor} (21×V) — the stand-in format of the parity fixtures.
     */
    public static HandRestMesh readMillimetreNpz(Path file) throws FormatException {
        ModelArrays a = ModelArrays.read(file, List.of("vertices", "joints", "faces", "joint_regressor"));
        NdArray vertices = a.array("vertices", -1, 3);
        int v = vertices.dim(0);
        double[] joints = a.doubles("joints", 21, 3);
        int[] faces = a.array("faces", -1, 3).toIntArray();
        SparseMatrix regressor = a.sparse("joint_regressor", 21, v);
        return new HandRestMesh(millimetresToMetres(vertices.toDoubleArray()), millimetresToMetres(joints), faces,
                regressor);
    }

    /** True when {@code file} is an npz of this posed-hand layout rather than a MANO model. */
    static boolean isMillimetreNpz(Path file) {
        if (!file.getFileName().toString().toLowerCase().endsWith(".npz")) {
            return false;
        }
        try (Npz npz = Npz.open(file)) {
            return npz.contains("vertices") && npz.contains("joint_regressor") && !npz.contains("v_template");
        } catch (FormatException e) {
            return false;
        }
    }

    private static double[] millimetresToMetres(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            // Divide (rather than multiply by 0.001) as the official code does.
            out[i] = values[i] / 1000.0;
        }
        return out;
    }
}
