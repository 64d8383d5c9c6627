package io.metroscope.model;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Our full-size architectures imply exactly the official key → shape → dtype tables (../shared/docs/*.tsv). */
class OfficialArchitecturesTest {

    @Test
    void bodyStateDictEqualsOfficialTable() throws IOException {
        assertEqualsTable(OfficialArchitectures.body(), "metro-body-keys.tsv", 2202);
    }

    @Test
    void handStateDictEqualsOfficialTable() throws IOException {
        assertEqualsTable(OfficialArchitectures.hand(), "metro-hand-keys.tsv", 2198);
    }

    @Test
    void architecturesAreWhatTheirOwnKeysInfer() {
        for (MetroArchitecture arch : new MetroArchitecture[] {OfficialArchitectures.body(), OfficialArchitectures.hand()}) {
            Map<String, int[]> shapes = new LinkedHashMap<>();
            OfficialArchitectures.stateDictShapes(arch).forEach((k, s) -> shapes.put(k, s.shape()));
            assertThat(ArchitectureInference.infer(shapes, 4)).isEqualTo(arch);
            LoadReport report = MetroModel.bindKeys(arch, shapes).report();
            assertThat(report.missing()).isEmpty();
            assertThat(report.unexpected()).isEmpty();
        }
    }

    @Test
    void parameterCountsMatchMetroMd() {
        // METRO.md §1.1: body 243,070,293 parameters (243,198,746 elements with BN running stats).
        long body = OfficialArchitectures.stateDictShapes(OfficialArchitectures.body()).entrySet().stream()
                .filter(e -> !e.getKey().endsWith("num_batches_tracked")).mapToLong(e -> e.getValue().numel()).sum();
        assertThat(body).isEqualTo(243_198_746L - 325);
    }

    private static void assertEqualsTable(MetroArchitecture arch, String file, int keys) throws IOException {
        Path path = ParityFixture.shared().resolve("docs").resolve(file);
        assumeTrue(Files.isRegularFile(path), "key table " + path + " not available");
        Map<String, String> expected = new TreeMap<>();
        for (String line : Files.readAllLines(path)) {
            if (line.isBlank()) {
                continue;
            }
            String[] cols = line.split("\t");
            String dims = cols[1].replaceAll("[()\\s]", "");
            int[] shape = dims.isEmpty() ? new int[0]
                    : Arrays.stream(dims.split(",")).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
            expected.put(cols[0], Arrays.toString(shape) + " " + cols[2].trim());
        }
        Map<String, String> ours = new TreeMap<>();
        OfficialArchitectures.stateDictShapes(arch).forEach((k, s) -> ours.put(k,
                Arrays.toString(s.shape()) + " " + s.dtype().name().toLowerCase(java.util.Locale.ROOT)));
        assertThat(ours).hasSize(keys);
        assertThat(ours).containsExactlyInAnyOrderEntriesOf(expected);
    }
}
