package io.metroscope.train;

import java.util.Locale;

/**
 * Averaged evaluation metrics in millimetres ({@code f5}/{@code f15}: fractions): MPJPE and PA-MPJPE over samples
 * with 3D joints, MPVE, PA-MPVPE and the F-scores over samples with meshes; NaN where no sample counts.
 */
public record EvalSummary(int samples, int withJoints, int withMesh, double mpjpe, double paMpjpe, double mpve,
        double paMpvpe, double f5, double f15) {

    /** A printable metric table. */
    public String toTable() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%-10s %10s %8s%n", "metric", "value", "samples"));
        row(s, "MPJPE", mpjpe, "mm", withJoints);
        row(s, "PA-MPJPE", paMpjpe, "mm", withJoints);
        row(s, "MPVE", mpve, "mm", withMesh);
        row(s, "PA-MPVPE", paMpvpe, "mm", withMesh);
        row(s, "F@5mm", f5, "", withMesh);
        row(s, "F@15mm", f15, "", withMesh);
        return s.toString();
    }

    private static void row(StringBuilder s, String name, double v, String unit, int n) {
        String value = Double.isNaN(v) ? "—" : String.format(Locale.ROOT, unit.isEmpty() ? "%.3f" : "%.2f", v);
        s.append(String.format(Locale.ROOT, "%-10s %10s %8d%s%n", name, value, n, unit.isEmpty() ? "" : " " + unit));
    }
}
