package io.metroscope.ui.annotate;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.annotate.AnnotateFixtures;
import io.metroscope.annotate.ProjectFiles;
import io.metroscope.app.AppServices;
import io.metroscope.body.TemplateKind;
import io.metroscope.ui.MainWindow;
import io.metroscope.ui.TestApp;
import io.metroscope.ui.Workspace;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

/** Under Xvfb: the Annotate workspace with a body project, an edited item, the queue and the 3D mesh. */
@Tag("xvfb")
@ExtendWith(ApplicationExtension.class)
class AnnotateScreenshotTest {

    @TempDir
    static Path home;

    private AppServices services;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        services = TestApp.services(home);
        window = TestApp.show(stage, services, 1500, 900);
    }

    @AfterEach
    void stop() {
        TestApp.close(window, services);
    }

    @Test
    void theWorkspaceShowsTheQueueTheImageWithJointsAndTheMesh(FxRobot robot) throws Exception {
        Path work = Files.createDirectories(home.resolve("shot"));
        List<Path> meshes = AnnotateFixtures.synthMeshes(work.resolve("inputs"), TemplateKind.BODY, 4, 320, 8);
        AnnotateSession session = window.annotateWorkspace().session();
        robot.interact(() -> {
            window.showWorkspace(Workspace.ANNOTATE);
            session.newProject(work.resolve("bodies" + ProjectFiles.EXTENSION), TemplateKind.BODY);
            session.importMeshes(meshes);
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> session.rows().size() == 4
                && session.currentProperty().get() != null);
        robot.interact(() -> {
            session.accept();
            session.moveJoint(6, session.currentProperty().get().joints().x(6) + 25,
                    session.currentProperty().get().joints().y(6) - 10);
            session.rotateJoint(18, new double[] {0, 0, -0.8});
            session.comment("left elbow bent further");
            window.annotateWorkspace().imageView().selectJoint(6);
        });
        // Accepting moved on to the next item, whose image is decoded off the FX thread.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, window.annotateWorkspace()::imageReady);
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] shots = new WritableImage[2];
        robot.interact(() -> {
            shots[0] = window.scene().snapshot(null);
            shots[1] = window.annotateWorkspace().viewer().snapshot();
        });
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        ImageIO.write(SwingFXUtils.fromFXImage(shots[0], null), "png", dir.resolve("annotate-workspace.png").toFile());
        BufferedImage view3d = SwingFXUtils.fromFXImage(shots[1], null);
        int bg = view3d.getRGB(2, 2);
        long drawn = 0;
        for (int y = 0; y < view3d.getHeight(); y += 2) {
            for (int x = 0; x < view3d.getWidth(); x += 2) {
                drawn += view3d.getRGB(x, y) != bg ? 1 : 0;
            }
        }
        assertThat(drawn).as("mesh pixels in the 3D view").isGreaterThan(500);
    }
}
