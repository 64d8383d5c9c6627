package io.metroscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.app.AppServices;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Group;
import javafx.scene.PerspectiveCamera;
import javafx.scene.Scene;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SubScene;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.Box;
import javafx.scene.transform.Rotate;
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

/**
 * Under Xvfb with the es2 pipeline: 3D draws, and a screenshot of the main window is written to
 * {@code target/screenshots/} for people to look at.
 */
@Tag("xvfb")
@ExtendWith(ApplicationExtension.class)
class MainWindowScreenshotTest {

    private static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path home;

    private AppServices services;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        services = TestApp.services(home);
        window = TestApp.window(stage, services);
        stage.show();
        window.detectDeviceInBackground();
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void pipelineDraws3d() throws Exception {
        assertThat(Platform.isSupported(ConditionalFeature.SCENE3D))
                .as("SCENE3D under prism.order=%s", System.getProperty("prism.order")).isTrue();
        WritableImage[] shot = new WritableImage[1];
        WaitForAsyncUtils.asyncFx(() -> {
            Box box = new Box(100, 100, 100);
            box.setMaterial(new PhongMaterial(Color.ORANGERED));
            box.getTransforms().addAll(new Rotate(30, Rotate.X_AXIS), new Rotate(40, Rotate.Y_AXIS));
            Group world = new Group(box);
            SubScene sub = new SubScene(world, 300, 300, true, SceneAntialiasing.BALANCED);
            sub.setFill(Color.BLACK);
            PerspectiveCamera camera = new PerspectiveCamera(true);
            camera.setTranslateZ(-500);
            camera.setFarClip(2000);
            sub.setCamera(camera);
            Stage s = new Stage();
            s.setScene(new Scene(new Group(sub)));
            s.show();
            shot[0] = sub.snapshot(null, null);
            s.close();
        }).get(30, TimeUnit.SECONDS);
        BufferedImage img = SwingFXUtils.fromFXImage(shot[0], null);
        int center = img.getRGB(150, 150);
        int corner = img.getRGB(2, 2);
        assertThat((corner & 0xFFFFFF)).as("background").isEqualTo(0);
        assertThat((center >> 16) & 0xFF).as("lit red face in the middle").isGreaterThan(60);
        save(img, "scene3d-box.png");
    }

    @Test
    void screenshotOfTheMainWindow(FxRobot robot) throws Exception {
        Label device = FxLookup.query(robot, "#status-device", Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !FxLookup.read(device::getText).contains("detecting"));
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = window.scene().snapshot(null));
        BufferedImage img = SwingFXUtils.fromFXImage(shot[0], null);
        assertThat(img.getWidth()).isGreaterThan(600);
        assertThat(distinctColours(img)).as("a drawn window, not a blank one").isGreaterThan(20);
        save(img, "main-window.png");
        robot.interact(() -> window.setTheme(io.metroscope.settings.Theme.DARK));
        robot.interact(() -> shot[0] = window.scene().snapshot(null));
        save(SwingFXUtils.fromFXImage(shot[0], null), "main-window-dark.png");
    }

    private static long distinctColours(BufferedImage img) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                colours.add(img.getRGB(x, y));
            }
        }
        return colours.size();
    }

    private static void save(BufferedImage img, String name) throws Exception {
        Files.createDirectories(SHOTS);
        ImageIO.write(img, "png", SHOTS.resolve(name).toFile());
    }
}
