package io.metroscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.format.NdArray;
import io.metroscope.platform.ComputeDeviceService;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** One {@code metroscope ...} run with captured output, and array comparisons for CLI tests. */
record CliRun(int code, String out, String err) {

    static CliRun of(String... args) {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        CommandLine cl = MetroscopeCommand.newCommandLine(new ComputeDeviceService());
        cl.setOut(new PrintWriter(stdout, true));
        cl.setErr(new PrintWriter(stderr, true));
        int code = cl.execute(args);
        return new CliRun(code, stdout.toString(), stderr.toString());
    }

    CliRun succeeded() {
        assertThat(code).as("exit code; stdout: " + out + "\nstderr: " + err).isZero();
        return this;
    }

    /** Every array of {@code b} equals {@code a}'s bit for bit (same names, shapes, values). */
    static void assertIdentical(Map<String, NdArray> a, Map<String, NdArray> b) {
        assertThat(b.keySet()).containsExactlyElementsOf(a.keySet());
        for (String name : a.keySet()) {
            assertThat(b.get(name).shape()).as(name).isEqualTo(a.get(name).shape());
            assertThat(b.get(name).sameContent(a.get(name))).as(name + " identical").isTrue();
        }
    }

    /** Max abs difference over every array {@code expected} and {@code actual} share by name (float). */
    static double maxAbs(Map<String, NdArray> expected, Map<String, NdArray> actual, String... names) {
        double max = 0;
        for (String name : names) {
            float[] e = expected.get(name).toFloatArray();
            float[] a = actual.get(name).toFloatArray();
            assertThat(a.length).as(name).isEqualTo(e.length);
            for (int i = 0; i < e.length; i++) {
                max = Math.max(max, Math.abs(a[i] - e[i]));
            }
        }
        return max;
    }
}
