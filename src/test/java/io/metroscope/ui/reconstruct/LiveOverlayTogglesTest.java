package io.metroscope.ui.reconstruct;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.app.AppServices;
import io.metroscope.bench.SyntheticBody;
import io.metroscope.recon.LiveInference;
import io.metroscope.recon.Reconstruction;
import io.metroscope.ui.FxLookup;
import io.metroscope.ui.MainWindow;
import io.metroscope.ui.TestApp;
import io.metroscope.ui.bench.SyntheticFrameSource;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.control.CheckBox;
import javafx.scene.image.WritableImage;
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
 * The fast live overlay (drawn into the frames off the FX thread) follows the Mesh and Joints check boxes while a
 * source plays: a synthetic camera and a synthetic body stand in for the webcam and the model.
 */
@ExtendWith(ApplicationExtension.class)
class LiveOverlayTogglesTest {

    /** The bones' colour, drawn opaque: no frame or wireframe pixel has it. */
    private static final int BONE = 0xff7a45;

    @TempDir
    static Path home;

    private AppServices services;
    private MainWindow window;

    /** Which inference (0, 1, …) reconstructed each frame, by the frame's label (its reconstruction's source). */
    private final Map<String, Long> inferred = new ConcurrentHashMap<>();

    @Start
    void start(Stage stage) {
        services = TestApp.services(home);
        window = TestApp.window(stage, services);
        stage.show();
    }

    @AfterEach
    void stop() {
        window.reconstructWorkspace().stopLive();
        services.close();
    }

    @Test
    void meshAndJointsCheckBoxesApplyToTheFastOverlay(FxRobot robot) throws Exception {
        ReconstructWorkspace ws = window.reconstructWorkspace();
        SyntheticBody body = new SyntheticBody();
        AtomicLong frame = new AtomicLong();
        LiveInference inference = counted(body, frame);
        CheckBox mesh = FxLookup.query(robot, "#toggle-mesh", CheckBox.class);
        CheckBox joints = FxLookup.query(robot, "#toggle-joints", CheckBox.class);
        robot.interact(() -> {
            ws.setFastLiveOverlay(true);
            ws.liveView().setDetectPerson(false);
            ws.startLive(new SyntheticFrameSource(320, 240, 30, 100_000), inference, body.template());
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> ws.liveView().frameImage() != null);

        int[] both = countsAfterFrames(ws, frame);
        assertThat(both[0]).as("wireframe pixels with both boxes ticked").isGreaterThan(500);
        assertThat(both[1]).as("bone pixels with both boxes ticked").isGreaterThan(20);

        robot.interact(() -> mesh.setSelected(false));
        int[] jointsOnly = countsAfterFrames(ws, frame);
        assertThat(jointsOnly[0]).as("no wireframe once Mesh is unticked").isZero();
        assertThat(jointsOnly[1]).as("the bones stay").isGreaterThan(20);

        robot.interact(() -> {
            mesh.setSelected(true);
            joints.setSelected(false);
        });
        int[] meshOnly = countsAfterFrames(ws, frame);
        assertThat(meshOnly[0]).as("the wireframe is back").isGreaterThan(500);
        assertThat(meshOnly[1]).as("no bones once Joints is unticked").isZero();
    }

    @Test
    void theLive3dToggleHoldsTheMeshWhileTheImageGoesOn(FxRobot robot) throws Exception {
        ReconstructWorkspace ws = window.reconstructWorkspace();
        SyntheticBody body = new SyntheticBody();
        AtomicLong frame = new AtomicLong();
        LiveInference inference = counted(body, frame);
        CheckBox view3d = FxLookup.query(robot, "#live-3d", CheckBox.class);
        robot.interact(() -> {
            ws.liveView().setDetectPerson(false);
            ws.startLive(new SyntheticFrameSource(320, 240, 30, 100_000), inference, body.template());
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> ws.liveView().frameImage() != null);
        assertThat(view3d.isSelected()).as("on by default").isTrue();
        float[] moving = afterFrames(ws, frame);
        assertThat(afterFrames(ws, frame)).as("the mesh follows the frames").isNotEqualTo(moving);

        robot.interact(() -> view3d.setSelected(false));
        float[] held = afterFrames(ws, frame);
        long image = frame.get();
        assertThat(afterFrames(ws, frame)).as("the 3D mesh holds still").isEqualTo(held);
        assertThat(frame.get()).as("while frames go on").isGreaterThan(image);

        robot.interact(() -> view3d.setSelected(true));
        assertThat(afterFrames(ws, frame)).as("and follows again").isNotEqualTo(held);
        robot.interact(() -> ws.liveView().stop());
    }

    /** The synthetic body's frame {@code k} for the {@code k}-th inference, each noted in {@link #inferred}. */
    private LiveInference counted(SyntheticBody body, AtomicLong frame) {
        return (input, label, cancelled) -> {
            long k = frame.getAndIncrement();
            inferred.put(label, k);
            return body.reconstruction(label, 320, 240, k, false);
        };
    }

    /**
     * Waits until the frame shown is one whose inference began a few after now (so one composed and shown with the
     * settings of now). Counting inferences alone is not enough: the overlay worker and the FX thread draw only the
     * newest result, and on a loaded machine the frame shown may still be an older one.
     */
    private void awaitAFrameShownFromAFewInferencesOn(ReconstructWorkspace ws, AtomicLong frame) throws Exception {
        long from = frame.get();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> FxLookup.read(() -> {
            Reconstruction shown = ws.selectedResultProperty().get();
            return shown != null && inferred.getOrDefault(shown.source(), -1L) >= from + 6;
        }));
    }

    /** The 3D view's vertex positions after a few more frames went through. */
    private float[] afterFrames(ReconstructWorkspace ws, AtomicLong frame) throws Exception {
        awaitAFrameShownFromAFewInferencesOn(ws, frame);
        return WaitForAsyncUtils.asyncFx(() -> ws.viewer().mesh().positions()).get();
    }

    /** Waits until a few more frames went through, then counts {wireframe, bone} pixels in the frame shown. */
    private int[] countsAfterFrames(ReconstructWorkspace ws, AtomicLong frame) throws Exception {
        awaitAFrameShownFromAFewInferencesOn(ws, frame);
        return WaitForAsyncUtils.asyncFx(() -> {
            WritableImage img = ws.liveView().frameImage();
            int w = (int) img.getWidth();
            int h = (int) img.getHeight();
            int[] argb = new int[w * h];
            img.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
            int wire = 0;
            int bone = 0;
            for (int p : argb) {
                int rgb = p & 0xffffff;
                // Frames are blue 90 everywhere; the translucent wireframe (blue 255) lifts it well above.
                wire += (rgb & 255) > 120 && rgb != 0xffffff ? 1 : 0;
                bone += rgb == BONE ? 1 : 0;
            }
            return new int[] {wire, bone};
        }).get();
    }
}
