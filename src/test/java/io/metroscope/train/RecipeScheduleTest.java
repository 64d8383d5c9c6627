package io.metroscope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The step learning-rate schedule: METRO's per-epoch steps, and steps inside an epoch when asked for. */
class RecipeScheduleTest {

    @TempDir
    Path dir;

    private Recipe recipe(String json) throws Exception {
        Path file = dir.resolve("recipe.json");
        Files.writeString(file, json);
        return Recipe.load(file.toString());
    }

    @Test
    void officialStepsAtEpochStartsWhateverTheProgress() throws Exception {
        Recipe official = Recipe.preset("official-body");
        assertThat(official.learningRateAt(99, 0.99)).isCloseTo(1e-4f, within(1e-10f));
        assertThat(official.learningRateAt(100, 0)).isCloseTo(1e-5f, within(1e-11f));
        // No lrStepEpochs: half the epochs, as METRO's epoch // (epochs / 2): with 3 epochs 1 // 1.5 = 0, 2 // 1.5 = 1.
        Recipe odd = recipe("{\"base\": \"demo\", \"epochs\": 3, \"lrStepEpochs\": 0, \"learningRate\": 0.001}");
        assertThat(odd.learningRateAt(1, 0.9)).isCloseTo(1e-3f, within(1e-9f));
        assertThat(odd.learningRateAt(2, 0)).isCloseTo(1e-4f, within(1e-10f));
    }

    @Test
    void aFractionalStepFallsInsideAnEpoch() throws Exception {
        Recipe r = recipe("{\"base\": \"demo\", \"epochs\": 1, \"lrStepEpochs\": 0.75, \"lrGamma\": 0.1,"
                + " \"learningRate\": 0.001}");
        assertThat(r.learningRateAt(0, 0.74)).isCloseTo(1e-3f, within(1e-9f));
        assertThat(r.learningRateAt(0, 0.76)).isCloseTo(1e-4f, within(1e-10f));
        Recipe two = recipe("{\"base\": \"demo\", \"epochs\": 4, \"lrStepEpochs\": 1.5, \"learningRate\": 0.001}");
        assertThat(two.learningRateAt(1, 0.4)).isCloseTo(1e-3f, within(1e-9f));
        assertThat(two.learningRateAt(1, 0.5)).isCloseTo(1e-4f, within(1e-10f));
        assertThat(two.learningRateAt(3, 0)).isCloseTo(1e-5f, within(1e-11f));
    }

    @Test
    void aWarmUpRaisesTheRateLinearlyOverTheFirstStepsThenLeavesTheScheduleAlone() throws Exception {
        Recipe r = recipe("{\"base\": \"demo\", \"epochs\": 1, \"lrStepEpochs\": 0.75, \"learningRate\": 0.001,"
                + " \"warmupSteps\": 4}");
        assertThat(r.warmupSteps()).isEqualTo(4);
        assertThat(r.learningRateAt(0, 0, 0)).isCloseTo(0.25e-3f, within(1e-9f));
        assertThat(r.learningRateAt(0, 0.01, 1)).isCloseTo(0.5e-3f, within(1e-9f));
        assertThat(r.learningRateAt(0, 0.02, 2)).isCloseTo(0.75e-3f, within(1e-9f));
        assertThat(r.learningRateAt(0, 0.03, 3)).isCloseTo(1e-3f, within(1e-9f));
        assertThat(r.learningRateAt(0, 0.5, 400)).isCloseTo(1e-3f, within(1e-9f));
        assertThat(r.learningRateAt(0, 0.8, 700)).as("the step decay still applies").isCloseTo(1e-4f, within(1e-10f));
        // Off by default (METRO has none), and a recipe file without the field keeps it off.
        assertThat(Recipe.preset("official-body").warmupSteps()).isZero();
        assertThat(recipe("{\"base\": \"demo\"}").learningRateAt(0, 0, 0)).isCloseTo(1e-3f, within(1e-9f));
    }
}
