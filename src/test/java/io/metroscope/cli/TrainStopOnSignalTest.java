package io.metroscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.Main;
import io.metroscope.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A SIGTERM (a watchdog's kill, Ctrl-C's sibling) in the middle of {@code train} saves {@code last/}; the run resumes. */
class TrainStopOnSignalTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aTerminatedRunSavesItsLastStepAndResumesFromIt() throws Exception {
        Path data = dir.resolve("data");
        CliRun.of("synth", "--template", "body", "--count", "8", "--seed", "5", "--size", "64", "--out",
                data.toString(), "--workers", "2", "--device", "cpu").succeeded();
        Path recipe = dir.resolve("recipe.json");
        Files.writeString(recipe, "{\"base\": \"demo\", \"epochs\": 50, \"batchSize\": 2}");
        Path out = dir.resolve("run");
        Process child = ChildJvm.start(Main.class, List.of("-Xmx1g", "-Dai.djl.offline=true"), "train", "--recipe",
                recipe.toString(), "--data", data.toString(), "--out", out.toString(), "--device", "cpu");
        StringBuilder log = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                log.append(line).append('\n');
                if (line.contains("step 3 loss")) {
                    child.toHandle().destroy(); // SIGTERM; Process.destroy would also close our end of its output
                    break;
                }
            }
            while ((line = lines.readLine()) != null) {
                log.append(line).append('\n');
            }
            assertThat(child.waitFor(150, TimeUnit.SECONDS)).as("child exits; output:\n" + log).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(log).as("the run was stopped, not finished").contains("step 3 loss").doesNotContain("Done:");
        assertThat(log).containsPattern("Stopped at step \\d+ \\(epoch \\d+, batch \\d+\\): .*last saved");
        assertThat(out.resolve("last/model.pt")).exists();

        CliRun resumed = CliRun.of("train", "--recipe", recipe.toString(), "--data", data.toString(), "--out",
                out.toString(), "--epochs", "3", "--device", "cpu").succeeded();
        assertThat(resumed.out()).contains("Resuming from " + out.resolve("last")).contains("epoch 3/3 done");
    }
}
