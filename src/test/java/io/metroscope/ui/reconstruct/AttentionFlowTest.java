package io.metroscope.ui.reconstruct;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.app.AppServices;
import io.metroscope.recon.Reconstruction;
import io.metroscope.ui.FxLookup;
import io.metroscope.ui.MainWindow;
import io.metroscope.ui.TestApp;
import io.metroscope.ui.Workspace;
import io.metroscope.ui.attention.AttentionWorkspace;
import io.metroscope.ui.attention.JointPicker;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Point2D;
import javafx.geometry.Point3D;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.PickResult;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.w3c.dom.Document;

/**
 * The acceptance flow under Xvfb (real 3D picking): open the sample image, reconstruct it, pick a joint by
 * clicking the mesh and then the image, change the layer and the head in their selectors, export the figure
 * (PNG and SVG) and the CSV, and check the CSV against the reconstruction's attention.
 */
@Tag("xvfb")
@ExtendWith(ApplicationExtension.class)
class AttentionFlowTest {

    @TempDir
    static Path home;

    private AppServices services;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        services = TestApp.services(home);
        window = TestApp.show(stage, services, 1400, 850);
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void pickByClickingChangeLayerAndHeadExportFigureAndCsv(FxRobot robot) throws Exception {
        ReconstructWorkspace ws = window.reconstructWorkspace();
        InputEntry entry = ReconstructFlowTest.reconstructFixtureImage(robot, window, "img_b_480x360.jpg");
        Reconstruction r = entry.resultProperty().get();
        assertThat(r.attentionLayers()).as("every layer of the last block is kept").isEqualTo(4);
        robot.interact(() -> window.showWorkspace(Workspace.ATTENTION));
        WaitForAsyncUtils.waitForFxEvents();
        AttentionWorkspace att = window.attentionWorkspace();
        assertThat(att.selectedLayer()).as("the last layer by default").isEqualTo(3);

        // Click the front-most vertex of the mesh (nothing can hide it), after selecting the joint farthest from it.
        float[] v = r.verticesCentered();
        int front = 0;
        for (int i = 1; i < v.length / 3; i++) {
            front = v[3 * i + 2] < v[3 * front + 2] ? i : front;
        }
        float[] j3 = r.jointsRegressed();
        int far = farthestJoint(j3, v[3 * front], v[3 * front + 1], v[3 * front + 2]);
        robot.interact(() -> att.selectJoint(far));
        AtomicReference<PickResult> picked = new AtomicReference<>();
        robot.interact(() -> att.viewer().addEventFilter(MouseEvent.MOUSE_CLICKED, e -> picked.set(e.getPickResult())));
        Point3D target = new Point3D(v[3 * front], v[3 * front + 1], v[3 * front + 2]);
        Point2D onScreen = WaitForAsyncUtils.asyncFx(() -> att.viewer().mesh().localToScreen(target)).get();
        assertThat(onScreen).as("the front vertex projects onto the screen").isNotNull();
        robot.clickOn(onScreen);
        WaitForAsyncUtils.waitForFxEvents();
        PickResult pick = picked.get();
        assertThat(pick).as("the click reached the 3D view").isNotNull();
        String node = pick.getIntersectedNode() == null ? "nothing" : String.valueOf(pick.getIntersectedNode().getId());
        int expected = node.startsWith("joint-") ? Integer.parseInt(node.substring(6))
                : JointPicker.nearest3d(j3, pick.getIntersectedPoint().getX(), pick.getIntersectedPoint().getY(),
                        pick.getIntersectedPoint().getZ());
        assertThat(node).as("the click hit the mesh or a joint").isIn("mesh", "joint-" + expected);
        assertThat(pick.getIntersectedPoint().distance(target)).as("the pick lies near the clicked vertex")
                .isLessThan(node.equals("mesh") ? 0.05 : 1);
        assertThat(att.selectedJoint()).as("3D pick → nearest joint").isEqualTo(expected).isNotEqualTo(far);
        System.out.printf("mesh click at vertex %d picked %s → joint %d%n", front, node, expected);
        saveScene("attention-picked-3d.png");

        // Clicking the image picks the nearest 2D joint: aim at the joint farthest from all others.
        float[] j2 = r.joints2dImagePixels();
        int lonely = loneliestJoint(j2);
        robot.interact(() -> att.selectJoint(lonely == 0 ? 1 : 0));
        Point2D imagePoint = WaitForAsyncUtils.asyncFx(() -> att.imageView().localToScreen(
                att.imageToView(j2[2 * lonely], j2[2 * lonely + 1]))).get();
        robot.clickOn(imagePoint);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(att.selectedJoint()).as("image click → nearest 2D joint").isEqualTo(lonely);

        // Change the layer and the head through their selectors.
        robot.clickOn(FxLookup.visible(robot, "#attention-layer")).clickOn(FxLookup.visible(robot, "Layer 2"));
        robot.clickOn(FxLookup.visible(robot, "#attention-heads")).clickOn(FxLookup.visible(robot, "Head 3"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(att.selectedLayer()).isEqualTo(1);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, att::isPainted);
        WaitForAsyncUtils.waitForFxEvents();
        saveScene("attention-layer2-head3.png");

        // PNG figures at 300 DPI: rendered 300/72 times the screen size, and the file says 300 DPI.
        Path screen = home.resolve("view72.png");
        Path print = home.resolve("view300.png");
        robot.interact(() -> {
            try {
                att.export3d(screen);
                att.setPngDpi(300);
                att.export3d(print);
                att.setPngDpi(72);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThat(io.metroscope.format.PngFiles.readDpi(screen)).hasValue(72);
        assertThat(io.metroscope.format.PngFiles.readDpi(print)).hasValue(300);
        int w72 = ImageIO.read(screen.toFile()).getWidth();
        assertThat((double) ImageIO.read(print.toFile()).getWidth()).as("300 DPI width")
                .isCloseTo(w72 * 300 / 72.0, org.assertj.core.data.Offset.offset(3.0));

        Path png = home.resolve("demo.png");
        Path svg = home.resolve("demo.svg");
        Path csv = home.resolve("row.csv");
        Path splatsSvg = home.resolve("splats.svg");
        robot.interact(() -> {
            try {
                att.exportDemoFigure(png);
                att.exportDemoFigure(svg);
                att.exportRowCsv(csv);
                att.exportSplats(splatsSvg);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        BufferedImage figure = ImageIO.read(png.toFile());
        assertThat(figure.getWidth()).isEqualTo(672);
        assertThat(figure.getHeight()).isEqualTo(224);
        Files.copy(png, Path.of("target", "screenshots", "attention-demo-layer2-head3.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(doc.getElementsByTagName("line").getLength()).as("vector rays").isGreaterThan(10);
        assertThat(doc.getElementsByTagName("image").getLength()).as("input, darkened render, render").isEqualTo(3);
        Document splatDoc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(splatsSvg.toFile());
        assertThat(splatDoc.getElementsByTagName("circle").getLength()).as("one splat per coarse vertex + the ring")
                .isEqualTo(r.coarseVertexCount() + 1);

        // The CSV row is joint `lonely`, layer 2, head 3, columns normalised, straight from the reconstruction.
        List<String> lines = Files.readAllLines(csv);
        int n = r.tokenCount();
        assertThat(lines).hasSize(1 + n);
        assertThat(lines.get(0)).isEqualTo("joint,layer,heads,normalised,token,name,attention");
        float[] all = r.attentionAllLayers();
        int plane = n * n;
        int base = (1 * r.attentionHeads() + 2) * plane; // layer index 1, head index 2
        for (int c = 0; c < n; c++) {
            double column = 0;
            for (int q = 0; q < n; q++) {
                column += all[base + q * n + c];
            }
            String[] cells = lines.get(1 + c).split(",");
            assertThat(cells[1]).isEqualTo("2");
            assertThat(cells[2]).isEqualTo("head 3");
            assertThat(Integer.parseInt(cells[4])).isEqualTo(c);
            assertThat(Double.parseDouble(cells[6])).as("token %d", c)
                    .isCloseTo(all[base + lonely * n + c] / column, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    private static int farthestJoint(float[] j3, double x, double y, double z) {
        int best = 0;
        double bestD = -1;
        for (int j = 0; j < j3.length / 3; j++) {
            double d = new Point3D(j3[3 * j], j3[3 * j + 1], j3[3 * j + 2]).distance(x, y, z);
            if (d > bestD) {
                bestD = d;
                best = j;
            }
        }
        return best;
    }

    private static int loneliestJoint(float[] j2) {
        int best = 0;
        double bestGap = -1;
        for (int a = 0; a < j2.length / 2; a++) {
            double gap = Double.MAX_VALUE;
            for (int b = 0; b < j2.length / 2; b++) {
                if (a != b) {
                    gap = Math.min(gap, Math.hypot(j2[2 * a] - j2[2 * b], j2[2 * a + 1] - j2[2 * b + 1]));
                }
            }
            if (gap > bestGap) {
                bestGap = gap;
                best = a;
            }
        }
        return best;
    }

    private void saveScene(String name) throws IOException {
        javafx.scene.image.WritableImage shot;
        try {
            shot = WaitForAsyncUtils.asyncFx(() -> window.scene().snapshot(null)).get();
        } catch (Exception e) {
            throw new IOException("snapshot failed", e);
        }
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        ImageIO.write(SwingFXUtils.fromFXImage(shot, null), "png", dir.resolve(name).toFile());
    }
}
