package io.metroscope.ui.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Under Xvfb: the viewer really draws the mesh, its colours, wireframe and joints (pixels, not nodes). */
@Tag("xvfb")
@ExtendWith(ApplicationExtension.class)
class MeshViewer3DRenderTest {

    private static final Path SHOTS = Path.of("target", "screenshots");
    private MeshViewer3D viewer;
    private float[] positions;

    @Start
    void start(Stage stage) {
        viewer = new MeshViewer3D();
        Object[] s = TestMeshes.sphere(0.5, 32, 48);
        positions = (float[]) s[0];
        viewer.show(positions, (int[]) s[1]);
        stage.setScene(new Scene(viewer, 400, 400));
        stage.show();
    }

    @Test
    void shadedMeshCoversTheMiddleAndLeavesTheCornersBackground(FxRobot robot) throws Exception {
        BufferedImage img = shoot(robot, "viewer-shaded.png");
        int bg = img.getRGB(3, 3);
        assertThat(img.getRGB(200, 200)).isNotEqualTo(bg);
        assertThat(coverage(img, bg)).as("fraction of pixels drawn").isBetween(0.2, 0.8);
    }

    @Test
    void scalarsPaintTheColorMapAcrossTheMesh(FxRobot robot) throws Exception {
        float[] values = new float[positions.length / 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = (positions[3 * i + 1] + 0.5f); // 0 at the top (y = -0.5), 1 at the bottom
        }
        robot.interact(() -> {
            viewer.mesh().setColorMap(ColorMap.VIRIDIS);
            viewer.mesh().setScalars(values);
        });
        BufferedImage img = shoot(robot, "viewer-viridis.png");
        int top = img.getRGB(200, 140);
        int bottom = img.getRGB(200, 260);
        // viridis: purple-blue at 0 (top), yellow-green at 1 (bottom)
        assertThat(blue(top)).isGreaterThan(red(top));
        assertThat(green(bottom)).isGreaterThan(blue(bottom));
    }

    @Test
    void wireframeOrbitAndJointsChangeThePicture(FxRobot robot) throws Exception {
        BufferedImage shaded = shoot(robot, "viewer-before.png");
        robot.interact(() -> {
            viewer.setWireframe(true);
            viewer.showJoints(new float[] {0, 0, -0.6f, 0.3f, 0, -0.6f}, new int[] {-1, 0});
            viewer.orbit().orbit(30, 10);
        });
        BufferedImage wire = shoot(robot, "viewer-wireframe-joints.png");
        int bg = shaded.getRGB(3, 3);
        assertThat(coverage(wire, bg)).isLessThan(coverage(shaded, bg));
        robot.interact(viewer::resetView);
        assertThat(viewer.orbit().yawDegrees()).isZero();
    }

    private BufferedImage shoot(FxRobot robot, String name) throws Exception {
        WritableImage[] fx = new WritableImage[1];
        robot.interact(() -> fx[0] = viewer.snapshot());
        BufferedImage img = SwingFXUtils.fromFXImage(fx[0], null);
        Files.createDirectories(SHOTS);
        ImageIO.write(img, "png", SHOTS.resolve(name).toFile());
        return img;
    }

    private static double coverage(BufferedImage img, int bg) {
        long drawn = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (img.getRGB(x, y) != bg) {
                    drawn++;
                }
            }
        }
        return drawn / (double) (img.getWidth() * img.getHeight());
    }

    private static int red(int rgb) {
        return (rgb >> 16) & 0xFF;
    }

    private static int green(int rgb) {
        return (rgb >> 8) & 0xFF;
    }

    private static int blue(int rgb) {
        return rgb & 0xFF;
    }
}
