package io.metroscope.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Compares our outputs with the official arrays, per array, and prints the measured errors. */
final class ParityCheck {

    private ParityCheck() {
    }

    static double maxAbs(float[] actual, float[] expected, int offset) {
        double max = 0;
        for (int i = 0; i < actual.length; i++) {
            max = Math.max(max, Math.abs(actual[i] - expected[offset + i]));
        }
        return max;
    }

    /** Max abs error of {@code field} over the batch; asserts lengths and the tolerance. */
    static double check(ParityFixture f, List<MetroOutput> outputs, String array, Function<MetroOutput, float[]> field,
            double tolerance) {
        float[] expected = f.floats(array);
        int each = expected.length / outputs.size();
        double max = 0;
        for (int b = 0; b < outputs.size(); b++) {
            float[] actual = field.apply(outputs.get(b));
            assertThat(actual).as(array + " length").hasSize(each);
            max = Math.max(max, maxAbs(actual, expected, b * each));
        }
        assertThat(max).as(f.name + " " + array + " max abs error").isLessThanOrEqualTo(tolerance);
        return max;
    }

    static Map<String, Function<MetroOutput, float[]>> fields(boolean body) {
        Map<String, Function<MetroOutput, float[]>> m = new LinkedHashMap<>();
        m.put("cam", MetroOutput::camera);
        m.put("joints", MetroOutput::joints);
        m.put("vertices_coarse", MetroOutput::verticesCoarse);
        if (body) {
            m.put("vertices_mid", MetroOutput::verticesMid);
        }
        m.put("vertices", MetroOutput::vertices);
        m.put("attention", MetroOutput::attention);
        return m;
    }
}
