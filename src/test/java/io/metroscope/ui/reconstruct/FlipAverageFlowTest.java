package io.metroscope.ui.reconstruct;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.app.AppServices;
import io.metroscope.platform.DeviceSpec;
import io.metroscope.recon.ModelBundles;
import io.metroscope.recon.ModelSpec;
import io.metroscope.recon.Reconstruction;
import io.metroscope.ui.FxLookup;
import io.metroscope.ui.MainWindow;
import io.metroscope.ui.TestApp;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Reconstruct toolbar's "Flip average" box with the bundled demo models: off by default, ticking it sends every
 * result back to waiting and the next run averages in the mirrored crop (a different mesh); a hand model disables it.
 */
@ExtendWith(ApplicationExtension.class)
class FlipAverageFlowTest {

    @TempDir
    static Path home;

    private AppServices services;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        services = TestApp.services(home);
        window = TestApp.window(stage, services);
        stage.show();
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void tickingFlipAverageRunsTheImagesAgainAveraged(FxRobot robot) throws Exception {
        ReconstructWorkspace ws = window.reconstructWorkspace();
        CheckBox flip = FxLookup.in(window.scene(), "#flip-average", CheckBox.class);
        ModelSpec spec = ModelBundles.modelSpec(ModelBundles.load(Path.of("assets", "models", "body-demo")),
                DeviceSpec.CPU);
        robot.interact(() -> {
            window.loadModel(spec);
            window.openFiles(List.of(Path.of("assets", "samples", "synthetic-body-1.png").toAbsolutePath()));
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> ws.session().modelProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(flip.isDisabled()).as("enabled for a body model").isFalse();
        assertThat(flip.isSelected()).as("off by default, as METRO runs").isFalse();

        robot.interact(ws::runWaiting);
        InputEntry entry = ws.session().inputs().get(0);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> entry.statusProperty().get() == InputStatus.DONE);
        Reconstruction plain = entry.resultProperty().get();

        robot.clickOn(flip);
        assertThat(flip.isSelected()).isTrue();
        assertThat(entry.statusProperty().get()).isEqualTo(InputStatus.WAITING);
        robot.interact(ws::runWaiting);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> entry.statusProperty().get() == InputStatus.DONE
                && entry.resultProperty().get() != plain);
        Reconstruction averaged = entry.resultProperty().get();
        assertThat(averaged.vertexCount()).isEqualTo(plain.vertexCount());
        double mean = 0;
        for (int i = 0; i < plain.vertices().length; i++) {
            mean += Math.abs(plain.vertices()[i] - averaged.vertices()[i]) / plain.vertices().length;
        }
        assertThat(mean).as("mean |plain − averaged| per coordinate (m)").isBetween(1e-5, 0.03);
        assertThat(averaged.attention()).as("attention of the crop as given").isNotEmpty();
        // live sources and Annotate's proposals run the model with the same setting
        assertThat(ws.session().runOptions(io.metroscope.recon.RunOptions.defaults()).flipAverage()).isTrue();

        // a hand model: the box cannot apply, and nothing runs flipped
        ModelSpec hand = ModelBundles.modelSpec(ModelBundles.load(Path.of("assets", "models", "hand-demo")),
                DeviceSpec.CPU);
        robot.interact(() -> window.loadModel(hand));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> ws.session().modelProperty().get() != null
                && ws.session().modelProperty().get().architecture().kind() == io.metroscope.model.MeshKind.HAND);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(flip.isDisabled()).isTrue();
        assertThat(ws.session().runOptions(io.metroscope.recon.RunOptions.defaults()).flipAverage()).isFalse();
    }
}
