package io.metroscope.ui.reconstruct;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.app.AppServices;
import io.metroscope.ui.MainWindow;
import io.metroscope.ui.TestApp;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
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

/** Under Xvfb: a reconstructed image really shows the projected mesh and the 3D mesh (pixels). */
@Tag("xvfb")
@ExtendWith(ApplicationExtension.class)
class ReconstructScreenshotTest {

    @TempDir
    static Path home;

    private AppServices services;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        services = TestApp.services(home);
        window = TestApp.show(stage, services, 1400, 800);
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void reconstructionIsDrawnOverTheImageAndIn3d(FxRobot robot) throws Exception {
        ReconstructWorkspace ws = window.reconstructWorkspace();
        InputEntry e = ReconstructFlowTest.reconstructFixtureImage(robot, window, "img_b_480x360.jpg");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, ws::imageShown);
        WaitForAsyncUtils.waitForFxEvents();

        WritableImage[] shots = new WritableImage[2];
        robot.interact(() -> {
            shots[0] = window.scene().snapshot(null);
            shots[1] = ws.viewer().snapshot();
        });
        BufferedImage whole = SwingFXUtils.fromFXImage(shots[0], null);
        BufferedImage view3d = SwingFXUtils.fromFXImage(shots[1], null);
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        ImageIO.write(whole, "png", dir.resolve("reconstruct-workspace.png").toFile());
        ImageIO.write(view3d, "png", dir.resolve("reconstruct-3d.png").toFile());
        int bg = view3d.getRGB(2, 2);
        long drawn = 0;
        for (int y = 0; y < view3d.getHeight(); y += 2) {
            for (int x = 0; x < view3d.getWidth(); x += 2) {
                drawn += view3d.getRGB(x, y) != bg ? 1 : 0;
            }
        }
        assertThat(drawn).as("mesh pixels in the 3D view").isGreaterThan(500);

        // The 3D view's PNG at 300 DPI is rendered again at 300/72 the size, and its file says 300 DPI.
        Path screen = dir.resolve("reconstruct-3d-72dpi.png");
        Path print = dir.resolve("reconstruct-3d-300dpi.png");
        robot.interact(() -> {
            ws.export(e.resultProperty().get(), screen);
            ws.export(e.resultProperty().get(), print, 300);
        });
        assertThat(io.metroscope.format.PngFiles.readDpi(screen)).hasValue(72);
        assertThat(io.metroscope.format.PngFiles.readDpi(print)).hasValue(300);
        BufferedImage atScreen = ImageIO.read(screen.toFile());
        BufferedImage atPrint = ImageIO.read(print.toFile());
        assertThat(atScreen.getWidth()).isEqualTo(view3d.getWidth());
        assertThat((double) atPrint.getWidth()).as("300 DPI width")
                .isCloseTo(view3d.getWidth() * 300 / 72.0, org.assertj.core.data.Offset.offset(3.0));
        assertThat((double) atPrint.getHeight()).as("300 DPI height")
                .isCloseTo(view3d.getHeight() * 300 / 72.0, org.assertj.core.data.Offset.offset(3.0));

        // The Attention workspace paints the joint's attention on the mesh: many distinct colours, not one grey.
        robot.interact(() -> window.showWorkspace(io.metroscope.ui.Workspace.ATTENTION));
        // The paint is made off the FX thread: wait until it is in.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, window.attentionWorkspace()::isPainted);
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] att = new WritableImage[2];
        robot.interact(() -> {
            att[0] = window.scene().snapshot(null);
            att[1] = window.attentionWorkspace().viewer().snapshot();
        });
        ImageIO.write(SwingFXUtils.fromFXImage(att[0], null), "png", dir.resolve("attention-workspace.png").toFile());
        BufferedImage heat = SwingFXUtils.fromFXImage(att[1], null);
        java.util.Set<Integer> hues = new java.util.HashSet<>();
        for (int y = 0; y < heat.getHeight(); y += 2) {
            for (int x = 0; x < heat.getWidth(); x += 2) {
                int rgb = heat.getRGB(x, y);
                float[] hsb = java.awt.Color.RGBtoHSB((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255, null);
                if (hsb[1] > 0.3 && hsb[2] > 0.2) {
                    hues.add(Math.round(hsb[0] * 36));
                }
            }
        }
        assertThat(hues).as("distinct saturated hues of the colour map on the mesh").hasSizeGreaterThan(3);
    }
}
