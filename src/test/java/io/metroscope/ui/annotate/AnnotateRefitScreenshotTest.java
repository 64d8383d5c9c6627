package io.metroscope.ui.annotate;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.annotate.AnnotateFixtures;
import io.metroscope.annotate.EditKind;
import io.metroscope.annotate.ItemSnapshot;
import io.metroscope.annotate.ProjectFiles;
import io.metroscope.annotate.RefitOptions;
import io.metroscope.app.AppServices;
import io.metroscope.bench.RandomMetroWeights;
import io.metroscope.body.TemplateKind;
import io.metroscope.platform.DeviceSpec;
import io.metroscope.recon.ModelBundles;
import io.metroscope.recon.ModelSpec;
import io.metroscope.recon.TemplateSource;
import io.metroscope.train.TinyArchitectures;
import io.metroscope.ui.FxLookup;
import io.metroscope.ui.MainWindow;
import io.metroscope.ui.TestApp;
import io.metroscope.ui.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Point2D;
import javafx.geometry.Point3D;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
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
 * Under Xvfb (3D picking needs a real pipeline): turn a joint by dragging its gizmo ring, change the shape with a
 * slider, show the ghost and the displacement heatmap, refit through the Refit button with the model loaded in the
 * app (the bundled body demo when present, else small random weights), take a screenshot of the proposal, accept it and undo it.
 */
@Tag("xvfb")
@ExtendWith(ApplicationExtension.class)
class AnnotateRefitScreenshotTest {

    @TempDir
    static Path home;

    private AppServices services;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        services = TestApp.services(home);
        window = TestApp.show(stage, services, 1560, 960);
    }

    @AfterEach
    void stop() {
        TestApp.close(window, services);
    }

    @Test
    void gizmoShapeHeatmapAndRefitProposal(FxRobot robot) throws Exception {
        Path work = Files.createDirectories(home.resolve("refit"));
        // The bundled demo model when the checkout has it (a realistic proposal), else small random weights.
        Path demo = Path.of("assets", "models", "body-demo");
        boolean trained = Files.isRegularFile(demo.resolve(ModelBundles.FOLDER_MANIFEST));
        ModelSpec spec;
        if (trained) {
            spec = ModelBundles.modelSpec(ModelBundles.load(demo), DeviceSpec.CPU);
        } else {
            Path checkpoint = work.resolve("tiny-body.bin");
            RandomMetroWeights.writeCheckpoint(checkpoint, TinyArchitectures.body(), 4);
            spec = ModelSpec.of(checkpoint, new TemplateSource.File(Path.of("templates/body.npz"))).withHeads(2)
                    .withDevice(DeviceSpec.CPU);
        }
        List<Path> meshes = AnnotateFixtures.synthMeshes(work.resolve("inputs"), TemplateKind.BODY, 2, 320, 12);
        AnnotateWorkspace ws = window.annotateWorkspace();
        AnnotateSession session = ws.session();
        robot.interact(() -> window.loadModel(spec));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () ->
                window.reconstructWorkspace().session().modelProperty().get() != null);
        robot.interact(() -> {
            window.showWorkspace(Workspace.ANNOTATE);
            session.newProject(work.resolve("bodies" + ProjectFiles.EXTENSION), TemplateKind.BODY);
            session.importMeshes(meshes);
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> session.rows().size() == 2
                && session.currentProperty().get() != null);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, ws::imageReady);

        // Turn the left elbow (rig joint 18) by dragging its Z ring a quarter turn around the joint.
        @SuppressWarnings("unchecked")
        ComboBox<String> rigJoint = FxLookup.query(robot, "#annotate-rig-joint", ComboBox.class);
        robot.interact(() -> rigJoint.getSelectionModel().select("L_Elbow"));
        WaitForAsyncUtils.waitForFxEvents();
        ItemSnapshot before = session.currentProperty().get();
        JointGizmo gizmo = ws.gizmo();
        assertThat(gizmo.isVisible()).isTrue();
        Node ring = gizmo.ring(2);
        Point2D centre = gizmo.localToScreen(Point3D.ZERO);
        // 45° along the ring: its points on the axes are shared with the other two rings.
        Point2D onRing = ring.localToScreen(new Point3D(Math.sqrt(0.5), Math.sqrt(0.5), 0));
        double r = onRing.distance(centre);
        double a0 = Math.atan2(onRing.getY() - centre.getY(), onRing.getX() - centre.getX());
        robot.drag(onRing, MouseButton.PRIMARY);
        for (int k = 1; k <= 6; k++) {
            double a = a0 + Math.toRadians(15 * k);
            robot.moveTo(new Point2D(centre.getX() + r * Math.cos(a), centre.getY() + r * Math.sin(a)));
        }
        settle(() -> !Arrays.equals(ws.viewer().mesh().positions(), before.mesh().currentVertices()));
        assertThat(Arrays.equals(ws.viewer().mesh().positions(), before.mesh().currentVertices()))
                .as("live preview while dragging").isFalse();
        assertThat(session.currentProperty().get().undoDepth()).as("nothing stored mid-drag")
                .isEqualTo(before.undoDepth());
        robot.release(MouseButton.PRIMARY);
        settle(() -> session.currentProperty().get().undoDepth() != before.undoDepth());
        ItemSnapshot turned = session.currentProperty().get();
        assertThat(turned.undoDepth()).isEqualTo(before.undoDepth() + 1);
        assertThat(turned.nextUndo().kind()).isEqualTo(EditKind.ROTATE_JOINT);
        // Clockwise on the y-down screen is a positive turn about +Z, the axis pointing away from the viewer.
        assertThat(turned.nextUndo().detail()).startsWith("L_Elbow by").endsWith("about (0.00, 0.00, 1.00)");
        double degrees = Double.parseDouble(turned.nextUndo().detail().replaceAll("L_Elbow by ([0-9.]+)°.*", "$1"));
        assertThat(degrees).isBetween(80.0, 100.0);
        assertThat(ws.viewer().mesh().positions()).containsExactly(turned.mesh().currentVertices());

        // A shape slider: drag its thumb, release = one edit, and it springs back to 0.
        robot.clickOn(FxLookup.visible(robot, "#annotate-shape-section .title"));
        WaitForAsyncUtils.waitForFxEvents();
        Node thumb = FxLookup.query(robot, "#annotate-shape-girth .thumb", javafx.scene.Node.class);
        robot.drag(thumb, MouseButton.PRIMARY).moveBy(40, 0).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        ItemSnapshot shaped = session.currentProperty().get();
        assertThat(shaped.undoDepth()).isEqualTo(turned.undoDepth() + 1);
        assertThat(shaped.nextUndo().kind()).isEqualTo(EditKind.RESHAPE);
        assertThat(shaped.nextUndo().detail()).startsWith("girth +");
        assertThat(ws.shapePane().slider(1).getValue()).isZero();
        robot.clickOn(FxLookup.visible(robot, "#annotate-shape-section .title"));

        // The labeler drags the right wrist and elbow; then ghost, heatmap and a refit.
        robot.interact(() -> {
            ItemSnapshot s = session.currentProperty().get();
            session.moveJoint(6, s.joints().x(6) + 30, s.joints().y(6) - 35);
            session.moveJoint(7, s.joints().x(7) + 12, s.joints().y(7) - 18);
        });
        robot.clickOn(FxLookup.visible(robot, "#annotate-ghost"));
        robot.clickOn(FxLookup.visible(robot, "#annotate-heatmap"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(FxLookup.query(robot, "#annotate-heatmap-legend", javafx.scene.Node.class).isVisible()).isTrue();
        assertThat(ws.heatmapMaximumMm()).isGreaterThan(AnnotateWorkspace.HEATMAP_MIN_MM);
        assertThat(FxLookup.query(robot, "#annotate-heatmap-max", Label.class).getText()).endsWith(" mm");

        @SuppressWarnings("unchecked")
        Spinner<Integer> steps = FxLookup.query(robot, "#annotate-refit-steps", Spinner.class);
        @SuppressWarnings("unchecked")
        ComboBox<String> lr = FxLookup.query(robot, "#annotate-refit-lr", ComboBox.class);
        int refitSteps = trained ? RefitOptions.defaults().steps() : 15;
        robot.interact(() -> {
            steps.getValueFactory().setValue(refitSteps);
            if (!trained) {
                lr.getEditor().setText("1e-3"); // random weights need bigger steps than a trained model
            }
        });
        // A short refit may be over before the click returns: note that one started rather than look for it running.
        AtomicBoolean refitStarted = FxLookup.turnsTrue(session.refittingProperty());
        robot.clickOn(FxLookup.visible(robot, "#annotate-refit"));
        assertThat(refitStarted.get()).as("the Refit button started a refit").isTrue();
        WaitForAsyncUtils.waitFor(600, TimeUnit.SECONDS, () -> session.proposalProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        var proposal = session.proposalProperty().get().result();
        assertThat(proposal.errorAfterPx()).isLessThan(proposal.errorBeforePx());
        assertThat(FxLookup.query(robot, "#annotate-refit-result", Label.class).getText()).contains("px →")
                .contains(refitSteps + " steps");
        assertThat(ws.proposalMesh().isVisible()).isTrue();
        assertThat(ws.proposalMesh().positions()).containsExactly(proposal.vertices());
        assertThat(ws.ghostMesh().isVisible()).isTrue();
        Thread.sleep(400);
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = window.scene().snapshot(null));
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        ImageIO.write(SwingFXUtils.fromFXImage(shot[0], null), "png", dir.resolve("annotate-refit.png").toFile());

        ItemSnapshot corrected = session.currentProperty().get();
        robot.clickOn(FxLookup.visible(robot, "#annotate-refit-accept"));
        WaitForAsyncUtils.waitForFxEvents();
        ItemSnapshot accepted = session.currentProperty().get();
        assertThat(accepted.nextUndo().kind()).isEqualTo(EditKind.REFIT);
        assertThat(accepted.mesh().camera()).containsExactly(proposal.camera());
        assertThat(session.proposalProperty().get()).isNull();
        robot.clickOn(FxLookup.visible(robot, "#annotate-undo"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session.currentProperty().get().mesh().camera()).containsExactly(corrected.mesh().camera());
        assertThat(session.currentProperty().get().mesh().currentVertices())
                .containsExactly(corrected.mesh().currentVertices());
    }

    /**
     * Waits up to 10 s for a robot gesture's effect: under load its events can reach the scene after waitForFxEvents
     * returns. A timeout is left to the assertions that follow, which say what is missing.
     */
    private static void settle(Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            // reported by the caller's assertion
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
