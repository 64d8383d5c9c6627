package io.metroscope.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.metroscope.format.StateDict;
import io.metroscope.format.TorchCheckpointReader;
import io.metroscope.format.TorchTensor;

/** The benchmark's plumbing on a small file; the real numbers are in src/bench/BENCHMARKS.md. */
class CheckpointReadBenchmarkTest {

    @TempDir
    Path temp;

    @Test
    void generatesAMetroLikeCheckpointOfAboutTheRequestedSize() throws IOException {
        Path file = temp.resolve("small.pth");
        CheckpointReadBenchmark.generate(file, 20_000_000L);
        long size = Files.size(file);
        assertThat(size).isBetween(20_000_000L, 33_000_000L);
        StateDict dict = TorchCheckpointReader.read(file);
        List<CheckpointReadBenchmark.Spec> specs = CheckpointReadBenchmark.metroLikeSpecs(20_000_000L);
        assertThat(dict.keys()).containsExactlyElementsOf(specs.stream().map(CheckpointReadBenchmark.Spec::name).toList());
        // The streaming sum agrees with summing a copy.
        for (TorchTensor t : dict.tensors().values()) {
            double expected = 0;
            for (double v : t.toDoubleArray()) {
                expected += v;
            }
            assertThat(CheckpointReadBenchmark.sum(t)).as(t.name()).isCloseTo(expected,
                    org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(expected))));
        }
    }

    @Test
    void runsOnAGivenFileAndReportsTableAndJson() throws IOException {
        Path file = temp.resolve("given.pth");
        CheckpointReadBenchmark.generate(file, 5_000_000L);
        CheckpointReadBenchmark.Result r = CheckpointReadBenchmark.run(
                new CheckpointReadBenchmark.Options(file, 0, 1, true));
        assertThat(r.generated()).isFalse();
        assertThat(r.fileBytes()).isEqualTo(Files.size(file));
        assertThat(r.tensors()).isPositive();
        assertThat(r.baselineGBps()).isPositive();
        assertThat(r.readerGBps()).isPositive();
        assertThat(r.peakHeapBytes()).isPositive();
        assertThat(r.toTable()).contains("| TorchCheckpointReader.read + sum of every element |");
        assertThat(r.toJson()).contains("\"readerGBps\"").contains("\"peakHeapBytes\"");
        assertThat(file).exists();
    }

    @Test
    void deletesTheFileItGenerated() throws IOException {
        CheckpointReadBenchmark.Result r = CheckpointReadBenchmark.run(
                new CheckpointReadBenchmark.Options(null, 2_000_000L, 1, false));
        assertThat(r.generated()).isTrue();
        assertThat(Double.isNaN(r.catGBps())).isTrue();
        assertThat(Path.of(r.file())).doesNotExist();
    }
}
