package io.metroscope.ui.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.app.AppServices;
import io.metroscope.ui.FxLookup;
import io.metroscope.ui.MainWindow;
import io.metroscope.ui.TestApp;
import io.metroscope.ui.Workspace;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Under Xvfb: the Fine-tune tab after a short tiny run, written to {@code target/screenshots/fine-tune.png}. */
@Tag("xvfb")
@ExtendWith(ApplicationExtension.class)
class FineTuneScreenshotTest {

    @TempDir
    static Path home;

    private AppServices services;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        services = TestApp.services(home);
        window = TestApp.show(stage, services, 1600, 980);
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void screenshotAfterAShortRun(FxRobot robot) throws Exception {
        Path data = TinyDatasets.write(home.resolve("data"), 8, 3);
        Path validation = TinyDatasets.write(home.resolve("validation"), 4, 4);
        FineTuneWorkspace ws = window.fineTuneWorkspace();
        robot.interact(() -> {
            window.showWorkspace(Workspace.FINE_TUNE);
            ws.chooseDataset(data);
            ws.chooseValidation(validation);
        });
        Label summary = FxLookup.query(robot, "#finetune-dataset-summary", Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> FxLookup.read(summary::getText).startsWith("8 items"));
        robot.interact(() -> {
            FxLookup.query(robot, "#recipe-epochs", TextField.class).setText("3");
            FxLookup.query(robot, "#recipe-batch", TextField.class).setText("2");
            FxLookup.query(robot, "#recipe-output", TextField.class).setText(home.resolve("run").toString());
            FxLookup.query(robot, "#finetune-start", Button.class).fire();
        });
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS,
                () -> ws.run().phaseProperty().get() == FineTuneRun.Phase.FINISHED);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> FxLookup.read(() -> ws.dataset().thumbnails()
                .getChildren().stream()
                .allMatch(n -> ((javafx.scene.image.ImageView) n).getImage().getProgress() >= 1.0)));
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = window.scene().snapshot(null));
        BufferedImage img = SwingFXUtils.fromFXImage(shot[0], null);
        assertThat(ws.charts().lossPointsShown(0)).isEqualTo(12);
        assertThat(ws.charts().metricPointsShown(0)).isEqualTo(3);
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        ImageIO.write(img, "png", shots.resolve("fine-tune.png").toFile());
    }
}
