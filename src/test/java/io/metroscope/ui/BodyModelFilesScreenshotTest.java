package io.metroscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.body.BodyModelFile;
import io.metroscope.body.SyntheticModelFiles;
import io.metroscope.jobs.JobService;
import io.metroscope.settings.Settings;
import io.metroscope.settings.SettingsAccess;
import io.metroscope.settings.Theme;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
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

/** Under Xvfb: the Body Model Files dialog with a kept SMPL file and a refused MANO choice, for people to look at. */
@Tag("xvfb")
@ExtendWith(ApplicationExtension.class)
class BodyModelFilesScreenshotTest {

    @TempDir
    Path dir;

    private final JobService jobs = new JobService("body-models-shot", 1);
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Scene scene = new Scene(new StackPane(), 320, 200);
        Themes.apply(scene, Theme.LIGHT);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        jobs.close();
    }

    @Test
    void keptAndRefusedFilesAreShown(FxRobot robot) throws Exception {
        Path smpl = SyntheticModelFiles.writeSmpl(dir.resolve("SMPL_NEUTRAL.npz"));
        SettingsAccess settings = SettingsAccess.inMemory(Settings.defaults());
        List<BodyModelFilesDialog> dialog = new ArrayList<>();
        List<CompletableFuture<Boolean>> picks = new ArrayList<>();
        robot.interact(() -> {
            dialog.add(new BodyModelFilesDialog(stage, jobs, settings));
            dialog.get(0).show();
            picks.add(dialog.get(0).pick(BodyModelFile.SMPL, smpl));
            picks.add(dialog.get(0).pick(BodyModelFile.MANO, smpl));
        });
        assertThat(picks.get(0).get(60, TimeUnit.SECONDS)).isTrue();
        assertThat(picks.get(1).get(60, TimeUnit.SECONDS)).isFalse();
        robot.interact(() -> dialog.get(0).getDialogPane().getScene().getWindow().sizeToScene());
        WaitForAsyncUtils.waitForFxEvents();
        BufferedImage[] shot = new BufferedImage[1];
        robot.interact(() -> shot[0] = SwingFXUtils.fromFXImage(dialog.get(0).getDialogPane().snapshot(null, null),
                null));
        Path out = Files.createDirectories(Path.of("target", "screenshots")).resolve("body-model-files.png");
        ImageIO.write(shot[0], "png", out.toFile());
        int red = 0;
        for (int y = 0; y < shot[0].getHeight(); y++) {
            for (int x = 0; x < shot[0].getWidth(); x++) {
                int rgb = shot[0].getRGB(x, y);
                int r = rgb >> 16 & 0xFF;
                int g = rgb >> 8 & 0xFF;
                int b = rgb & 0xFF;
                red += r > 150 && g < 90 && b < 90 ? 1 : 0;
            }
        }
        assertThat(red).as("the refused MANO choice is written in red").isGreaterThan(50);
        robot.interact(dialog.get(0)::close);
    }
}
