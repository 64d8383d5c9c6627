package io.metroscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code bench} subcommands run from the command line and reject bad options with a message. */
class BenchCommandTest {

    @Test
    void annotateTimesASmallProject() {
        CliRun r = CliRun.of("bench", "annotate", "--items", "20", "--opens", "1", "--steps", "5").succeeded();
        assertThat(r.out()).contains("open", "next item");
    }

    @Test
    void annotateRejectsMoreStepsThanItems() {
        CliRun r = CliRun.of("bench", "annotate", "--items", "5", "--steps", "5");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("--steps below --items");
    }

    @Test
    void threadsBelowOneIsRefused() {
        CliRun r = CliRun.of("bench", "--threads", "0", "--model", "hand", "--batch", "1");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("Invalid value for option '--threads': must be at least 1, not 0");
    }

    @Test
    void adamComparesBothUpdatesOnTheRecipesNetwork() {
        CliRun r = CliRun.of("bench", "adam", "--recipe", "demo", "--steps", "2", "--device", "cpu").succeeded();
        assertThat(r.out()).containsPattern("Adam update, demo \\(tiny\\) \\(\\d+ tensors, [\\d,]+ parameters\\): "
                + "multi-tensor median [\\d.]+ ms, per-tensor \\(DJL's kernel\\) median [\\d.]+ ms: [\\d.]+x faster");
        assertThat(r.err()).contains("timed multi-tensor update 3", "timed per-tensor update 4");
    }

    @Test
    void refitReportsTheErrorsTheMeshDistanceAndTheRoughness(@TempDir Path temp) {
        Path data = temp.resolve("renders");
        CliRun.of("synth", "--template", "body", "--count", "2", "--seed", "77", "--out", data.toString()).succeeded();
        for (String keep : new String[] {"true", "false"}) {
            CliRun r = CliRun.of("bench", "refit", "--model", "assets/models/body-demo", "--data", data.toString(),
                    "--items", "1", "--steps", "3", "--freeze-upsampling", keep, "--device", "cpu").succeeded();
            assertThat(r.out()).contains("3 steps", "upsampling " + (keep.equals("true") ? "frozen" : "trained"))
                    .containsPattern("mean 2D error [\\d.]+ px → [\\d.]+ px")
                    .containsPattern("mean vertex distance to the corrected mesh [\\d.]+ mm → [\\d.]+ mm; "
                            + "roughness [\\d.]+ mm \\(corrected mesh [\\d.]+ mm\\)");
        }
    }

    @Test
    void refitRefusesAModelOfTheOtherKind(@TempDir Path temp) {
        Path hands = temp.resolve("hands");
        CliRun.of("synth", "--template", "hand", "--count", "1", "--seed", "78", "--size", "64", "--out",
                hands.toString()).succeeded();
        CliRun r = CliRun.of("bench", "refit", "--model", "assets/models/body-demo", "--data", hands.toString(),
                "--items", "1", "--steps", "1", "--device", "cpu");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("body-demo: it is a body model but " + hands + " holds hand items");
    }

    @Test
    void adamRefusesNoSteps() {
        CliRun r = CliRun.of("bench", "adam", "--recipe", "demo", "--steps", "0");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("--steps must be positive");
    }
}
