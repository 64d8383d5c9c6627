package io.metroscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
        assertThat(r.err()).contains("--threads must be at least 1");
    }

    @Test
    void adamComparesBothUpdatesOnTheRecipesNetwork() {
        CliRun r = CliRun.of("bench", "adam", "--recipe", "demo", "--steps", "2", "--device", "cpu").succeeded();
        assertThat(r.out()).containsPattern("Adam update, demo \\(tiny\\) \\(\\d+ tensors, [\\d,]+ parameters\\): "
                + "multi-tensor median [\\d.]+ ms, per-tensor \\(DJL's kernel\\) median [\\d.]+ ms: [\\d.]+x faster");
        assertThat(r.err()).contains("timed multi-tensor update 3", "timed per-tensor update 4");
    }

    @Test
    void adamRefusesNoSteps() {
        CliRun r = CliRun.of("bench", "adam", "--recipe", "demo", "--steps", "0");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("--steps must be positive");
    }
}
