package io.metroscope.format;

import java.util.Arrays;

/**
 * A sparse matrix in compressed sparse row form: the non-zeros of row r are
 * {@code values[rowPointers[r] .. rowPointers[r+1])} at columns {@code columnIndices[...]}, columns ascending.
 */
public record SparseMatrix(int rows, int cols, int[] rowPointers, int[] columnIndices, double[] values) {

    public SparseMatrix {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative shape " + rows + "x" + cols);
        }
        if (rowPointers.length != rows + 1 || rowPointers[0] != 0) {
            throw new IllegalArgumentException("row pointers must have rows+1 entries starting at 0");
        }
        int nnz = rowPointers[rows];
        if (columnIndices.length != nnz || values.length != nnz) {
            throw new IllegalArgumentException("row pointers end at " + nnz + " but there are "
                    + columnIndices.length + " column indices and " + values.length + " values");
        }
        for (int r = 0; r < rows; r++) {
            if (rowPointers[r + 1] < rowPointers[r]) {
                throw new IllegalArgumentException("row pointers decrease at row " + r);
            }
        }
        for (int c : columnIndices) {
            if (c < 0 || c >= cols) {
                throw new IllegalArgumentException("column index " + c + " outside 0.." + (cols - 1));
            }
        }
    }

    /** From compressed sparse column arrays (scipy {@code csc_matrix}: data, indices = rows, indptr). */
    public static SparseMatrix fromCsc(int rows, int cols, int[] columnPointers, int[] rowIndices, double[] values) {
        int nnz = checkPointers(columnPointers, cols, "column", rowIndices.length, values.length);
        int[] r = new int[nnz];
        int[] c = new int[nnz];
        for (int col = 0; col < cols; col++) {
            for (int k = columnPointers[col]; k < columnPointers[col + 1]; k++) {
                r[k] = rowIndices[k];
                c[k] = col;
            }
        }
        return fromCoordinates(rows, cols, r, c, Arrays.copyOf(values, nnz));
    }

    /** From compressed sparse row arrays (scipy {@code csr_matrix}: data, indices = columns, indptr). */
    public static SparseMatrix fromCsr(int rows, int cols, int[] rowPointers, int[] columnIndices, double[] values) {
        int nnz = checkPointers(rowPointers, rows, "row", columnIndices.length, values.length);
        int[] r = new int[nnz];
        for (int row = 0; row < rows; row++) {
            for (int k = rowPointers[row]; k < rowPointers[row + 1]; k++) {
                r[k] = row;
            }
        }
        return fromCoordinates(rows, cols, r, Arrays.copyOf(columnIndices, nnz), Arrays.copyOf(values, nnz));
    }

    /**
     * Checks compressed-sparse pointers as scipy does (n+1 entries, starting at 0, never decreasing, ending
     * within the index and value arrays) before anything is allocated from them; returns the non-zero count.
     */
    private static int checkPointers(int[] pointers, int n, String what, int indices, int values) {
        if (n < 0 || pointers.length != n + 1) {
            throw new IllegalArgumentException(what + " pointers must have " + what + "s+1 entries");
        }
        if (pointers[0] != 0) {
            throw new IllegalArgumentException(what + " pointers must start at 0");
        }
        for (int i = 0; i < n; i++) {
            if (pointers[i + 1] < pointers[i]) {
                throw new IllegalArgumentException(what + " pointers decrease at " + what + " " + i);
            }
        }
        int nnz = pointers[n];
        if (nnz > indices || nnz > values) {
            throw new IllegalArgumentException(what + " pointers end at " + nnz + " but there are only " + indices
                    + " indices and " + values + " values");
        }
        return nnz;
    }

    /** From (row, column, value) triples in any order; duplicates are summed, as scipy does. */
    public static SparseMatrix fromCoordinates(int rows, int cols, int[] rowIndices, int[] columnIndices,
            double[] values) {
        int n = values.length;
        if (rowIndices.length != n || columnIndices.length != n) {
            throw new IllegalArgumentException("coordinate arrays differ in length");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (rowIndices[i] < 0 || rowIndices[i] >= rows) {
                throw new IllegalArgumentException("row index " + rowIndices[i] + " outside 0.." + (rows - 1));
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> rowIndices[a] != rowIndices[b]
                ? Integer.compare(rowIndices[a], rowIndices[b])
                : Integer.compare(columnIndices[a], columnIndices[b]));
        int[] pointers = new int[rows + 1];
        int[] cols2 = new int[n];
        double[] vals = new double[n];
        int out = 0;
        int prevRow = -1;
        int prevCol = -1;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (rowIndices[i] == prevRow && columnIndices[i] == prevCol) {
                vals[out - 1] += values[i];
                continue;
            }
            prevRow = rowIndices[i];
            prevCol = columnIndices[i];
            cols2[out] = prevCol;
            vals[out] = values[i];
            pointers[prevRow + 1]++;
            out++;
        }
        for (int r = 0; r < rows; r++) {
            pointers[r + 1] += pointers[r];
        }
        return new SparseMatrix(rows, cols, pointers, Arrays.copyOf(cols2, out), Arrays.copyOf(vals, out));
    }

    public int nonZeroCount() {
        return values.length;
    }

    public double get(int row, int col) {
        for (int k = rowPointers[row]; k < rowPointers[row + 1]; k++) {
            if (columnIndices[k] == col) {
                return values[k];
            }
        }
        return 0;
    }

    /** Row-major dense copy (rows × cols). */
    public double[] toDense() {
        double[] dense = new double[Math.multiplyExact(rows, cols)];
        for (int r = 0; r < rows; r++) {
            for (int k = rowPointers[r]; k < rowPointers[r + 1]; k++) {
                dense[r * cols + columnIndices[k]] = values[k];
            }
        }
        return dense;
    }

    /** This × B, with B row-major (cols × {@code denseCols}); returns rows × denseCols, row-major. */
    public double[] multiply(double[] dense, int denseCols) {
        checkOperand(dense.length, denseCols);
        double[] out = new double[rows * denseCols];
        for (int r = 0; r < rows; r++) {
            for (int k = rowPointers[r]; k < rowPointers[r + 1]; k++) {
                double v = values[k];
                int from = columnIndices[k] * denseCols;
                for (int j = 0; j < denseCols; j++) {
                    out[r * denseCols + j] += v * dense[from + j];
                }
            }
        }
        return out;
    }

    /** This × {@code b} as a sparse matrix (rows × b.cols): composes two linear maps into one. */
    public SparseMatrix times(SparseMatrix b) {
        if (cols != b.rows) {
            throw new IllegalArgumentException("cannot multiply " + rows + "×" + cols + " by " + b.rows + "×" + b.cols);
        }
        int[] pointers = new int[rows + 1];
        int[] outCols = new int[Math.max(16, nonZeroCount())];
        double[] outVals = new double[outCols.length];
        double[] acc = new double[b.cols];
        int[] mark = new int[b.cols];
        Arrays.fill(mark, -1);
        int[] touched = new int[b.cols];
        int nnz = 0;
        for (int r = 0; r < rows; r++) {
            int count = 0;
            for (int k = rowPointers[r]; k < rowPointers[r + 1]; k++) {
                int mid = columnIndices[k];
                for (int q = b.rowPointers[mid]; q < b.rowPointers[mid + 1]; q++) {
                    int c = b.columnIndices[q];
                    if (mark[c] != r) {
                        mark[c] = r;
                        acc[c] = 0;
                        touched[count++] = c;
                    }
                    acc[c] += values[k] * b.values[q];
                }
            }
            Arrays.sort(touched, 0, count);
            if (nnz + count > outCols.length) {
                int grown = Math.max(outCols.length * 2, nnz + count);
                outCols = Arrays.copyOf(outCols, grown);
                outVals = Arrays.copyOf(outVals, grown);
            }
            for (int i = 0; i < count; i++) {
                outCols[nnz] = touched[i];
                outVals[nnz++] = acc[touched[i]];
            }
            pointers[r + 1] = nnz;
        }
        return new SparseMatrix(rows, b.cols, pointers, Arrays.copyOf(outCols, nnz), Arrays.copyOf(outVals, nnz));
    }

    /** Float version of {@link #multiply(double[], int)}; accumulates in double, like a careful spmm. */
    public float[] multiply(float[] dense, int denseCols) {
        checkOperand(dense.length, denseCols);
        float[] out = new float[rows * denseCols];
        double[] row = new double[denseCols];
        for (int r = 0; r < rows; r++) {
            Arrays.fill(row, 0);
            for (int k = rowPointers[r]; k < rowPointers[r + 1]; k++) {
                double v = values[k];
                int from = columnIndices[k] * denseCols;
                for (int j = 0; j < denseCols; j++) {
                    row[j] += v * dense[from + j];
                }
            }
            for (int j = 0; j < denseCols; j++) {
                out[r * denseCols + j] = (float) row[j];
            }
        }
        return out;
    }

    /**
     * For a selection matrix (each row exactly one 1.0), the selected column of every row, so that
     * multiplying becomes a gather. Throws IllegalStateException when the matrix is not a selection.
     */
    public int[] selectedColumns() {
        int[] selected = new int[rows];
        for (int r = 0; r < rows; r++) {
            if (rowPointers[r + 1] - rowPointers[r] != 1 || values[rowPointers[r]] != 1.0) {
                throw new IllegalStateException("row " + r + " is not a single 1.0: not a selection matrix");
            }
            selected[r] = columnIndices[rowPointers[r]];
        }
        return selected;
    }

    private void checkOperand(int length, int denseCols) {
        if (denseCols <= 0 || (long) cols * denseCols != length) {
            throw new IllegalArgumentException("operand of " + length + " values is not " + cols + " x " + denseCols);
        }
    }

    @Override
    public String toString() {
        return "SparseMatrix[" + rows + "x" + cols + ", nnz=" + values.length + "]";
    }
}
