package io.metroscope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import io.metroscope.body.MetroTemplate;
import io.metroscope.body.OpenTemplates;
import io.metroscope.model.MeshKind;
import io.metroscope.model.MetroModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code centreCamera}: a fresh run's camera head predicts the labels' mean camera before its first step. */
class CameraCentringTest {

    private static MetroTemplate template;

    @BeforeAll
    static void readTemplate() throws IOException {
        template = OpenTemplates.read(Path.of("templates/body.npz")).template();
    }

    private static Recipe recipe(Path out, boolean centre) {
        Recipe tiny = TrainerTest.tiny(1, out);
        return new Recipe("centre", MeshKind.BODY, "tiny", 2, null, "memory", null, 0, 1, 2, 1, 1e-3, 100, 0.1,
                1.0e3, 7, 0.1f, tiny.loss(), tiny.mvm(), 0, out.toString(), Augmentation.off(), 1, 0, centre);
    }

    /** TrainerTest's samples with camera i = [10 + 0.5·i, 0.02·i, −0.03·i] (a hand's scale), or none. */
    private static TrainingSource withCameras(TrainingSource base, boolean labelled) {
        return TrainerTest.relabelled(base, t -> TrainerTest.with(t, labelled
                ? new float[] {10 + 0.5f * t.index(), 0.02f * t.index(), -0.03f * t.index()} : new float[0],
                t.hasMesh()));
    }

    private static float[] meanPrediction(MetroModel model, TrainingSource source) throws IOException {
        List<float[]> images = new ArrayList<>();
        for (int i = 0; i < source.size(); i++) {
            images.add(source.get(i).image());
        }
        return CameraCentring.meanPrediction(model, images, source.size());
    }

    @Test
    void aFreshRunStartsAtTheLabelsMeanCamera(@TempDir Path dir) throws Exception {
        TrainingSource data = withCameras(TrainerTest.source(template, 6), true);
        float[] expected = {10 + 0.5f * 2.5f, 0.02f * 2.5f, -0.03f * 2.5f};
        try (Trainer plain = Trainer.open(recipe(dir.resolve("plain"), false), template, data, null,
                dir.resolve("plain"), Device.cpu(), p -> { })) {
            assertThat(plain.cameraShift()).isEmpty();
            assertThat(meanPrediction(plain.model(), data)[0]).as("METRO's start: far from the labels")
                    .isLessThan(5f);
        }
        try (Trainer centred = Trainer.open(recipe(dir.resolve("run"), true), template, data, null,
                dir.resolve("run"), Device.cpu(), p -> { })) {
            CameraCentring.Shift shift = centred.cameraShift().orElseThrow();
            assertThat(shift.labels()).isEqualTo(6);
            assertThat(shift.labelMean()).containsExactly(expected, within(1e-5f));
            assertThat(meanPrediction(centred.model(), data)).containsExactly(expected, within(1e-3f));
            assertThat(shift.toString()).contains("mean of 6 training labels")
                    .contains("(s 11.250, tx 0.050, ty -0.075)");
            centred.stopAfterSteps(1);
            centred.run();
        }
        // a resumed run keeps its trained camera: no second shift
        try (Trainer resumed = Trainer.open(recipe(dir.resolve("run"), true), template, data, null,
                dir.resolve("run"), Device.cpu(), p -> { })) {
            assertThat(resumed.state().steps()).isEqualTo(1);
            assertThat(resumed.cameraShift()).isEmpty();
        }
    }

    @Test
    void dataWithoutCameraLabelsIsRefusedWithTheFix(@TempDir Path dir) {
        TrainingSource data = withCameras(TrainerTest.source(template, 2), false);
        assertThatThrownBy(() -> Trainer.open(recipe(dir, true), template, data, null, dir, Device.cpu(), p -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("none of the training items carries a camera label")
                .hasMessageContaining("\"centreCamera\": false");
    }
}
