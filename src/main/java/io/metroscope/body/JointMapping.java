package io.metroscope.body;

import java.util.Arrays;

/**
 * Which source joint feeds each target joint: {@code sourceIndex[t]} is an index into {@code source}, or −1
 * when the source set lacks that joint (its coordinates become NaN).
 */
public record JointMapping(JointSet source, JointSet target, int[] sourceIndex) {

    /** METRO's {@code H36M_J17_TO_J14}: the 14 LSP-order joints picked from the 17 H36M joints. */
    public static final JointMapping H36M_17_TO_LSP_14 = new JointMapping(JointSet.H36M_17, JointSet.LSP_14,
            new int[] {3, 2, 1, 4, 5, 6, 16, 15, 14, 11, 12, 13, 8, 10});

    /** METRO's hand reordering of MANO's 16 joints + 5 fingertips to FreiHAND order ({@code _mano.py}). */
    public static final JointMapping MANO_21_TO_FREIHAND_21 = new JointMapping(JointSet.MANO_21,
            JointSet.FREIHAND_21, new int[] {0, 13, 14, 15, 16, 1, 2, 3, 17, 4, 5, 6, 18, 10, 11, 12, 19, 7, 8, 9, 20});

    public JointMapping {
        sourceIndex = sourceIndex.clone();
        if (sourceIndex.length != target.size()) {
            throw new IllegalArgumentException("a mapping to " + target + " needs " + target.size() + " entries");
        }
        for (int i : sourceIndex) {
            if (i < -1 || i >= source.size()) {
                throw new IllegalArgumentException("source index " + i + " outside " + source);
            }
        }
    }

    @Override
    public int[] sourceIndex() {
        return sourceIndex.clone();
    }

    /** Matches joints by name; target joints the source lacks map to −1. */
    public static JointMapping byName(JointSet source, JointSet target) {
        int[] index = new int[target.size()];
        for (int t = 0; t < index.length; t++) {
            index[t] = source.indexOf(target.names().get(t));
        }
        return new JointMapping(source, target, index);
    }

    /** True when every target joint has a source. */
    public boolean isComplete() {
        return Arrays.stream(sourceIndex).allMatch(i -> i >= 0);
    }

    /** The reverse direction: each source joint taken from the target joint that it fed, −1 if none. */
    public JointMapping inverse() {
        int[] back = new int[source.size()];
        Arrays.fill(back, -1);
        for (int t = 0; t < sourceIndex.length; t++) {
            if (sourceIndex[t] >= 0 && back[sourceIndex[t]] < 0) {
                back[sourceIndex[t]] = t;
            }
        }
        return new JointMapping(target, source, back);
    }

    /** Maps a flat J×D array (D values per joint, e.g. 3 or 2) of the source set to the target set. */
    public double[] apply(double[] joints, int valuesPerJoint) {
        if (joints.length != source.size() * valuesPerJoint) {
            throw new IllegalArgumentException("expected " + source.size() + "×" + valuesPerJoint + " values, got "
                    + joints.length);
        }
        double[] out = new double[target.size() * valuesPerJoint];
        for (int t = 0; t < sourceIndex.length; t++) {
            for (int d = 0; d < valuesPerJoint; d++) {
                out[t * valuesPerJoint + d] = sourceIndex[t] < 0 ? Double.NaN
                        : joints[sourceIndex[t] * valuesPerJoint + d];
            }
        }
        return out;
    }

    /** Rows of a source-set regressor (source.size()×V) reordered into a target-set regressor. */
    public io.metroscope.format.SparseMatrix applyToRows(io.metroscope.format.SparseMatrix regressor) {
        if (!isComplete()) {
            throw new IllegalStateException(source + " → " + target + " is missing joints");
        }
        int[] ptr = regressor.rowPointers();
        int[] cols = regressor.columnIndices();
        double[] vals = regressor.values();
        int nnz = 0;
        for (int s : sourceIndex) {
            nnz += ptr[s + 1] - ptr[s];
        }
        int[] newPtr = new int[sourceIndex.length + 1];
        int[] newCols = new int[nnz];
        double[] newVals = new double[nnz];
        int at = 0;
        for (int t = 0; t < sourceIndex.length; t++) {
            int s = sourceIndex[t];
            for (int q = ptr[s]; q < ptr[s + 1]; q++) {
                newCols[at] = cols[q];
                newVals[at++] = vals[q];
            }
            newPtr[t + 1] = at;
        }
        return new io.metroscope.format.SparseMatrix(sourceIndex.length, regressor.cols(), newPtr, newCols, newVals);
    }
}
