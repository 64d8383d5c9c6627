package io.metroscope.ui.reconstruct;

import io.metroscope.body.JointSet;
import io.metroscope.model.MeshKind;
import io.metroscope.platform.DaemonThreads;
import io.metroscope.recon.LiveInference;
import io.metroscope.recon.LiveListener;
import io.metroscope.recon.LiveOptions;
import io.metroscope.recon.LiveReconstruction;
import io.metroscope.recon.LiveResult;
import io.metroscope.recon.LiveStats;
import io.metroscope.recon.Reconstruction;
import io.metroscope.recon.ReconstructionModel;
import io.metroscope.recon.ReconstructionService;
import io.metroscope.ui.FxThreadWatchdog;
import io.metroscope.vision.FrameSource;
import io.metroscope.vision.PersonDetector;
import io.metroscope.vision.RgbImage;
import io.metroscope.vision.WebcamSource;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;

/**
 * Runs a video file or webcam through the model and shows each newest result: frame rate, per-stage timings,
 * the frame size the source delivers, the FX thread's own cost per frame and its worst stall, and Stop. Results
 * reach the FX thread through one-slot hand-overs, so a slow display never queues frames.
 *
 * <p>With the fast overlay (the default) a worker thread draws the wireframe and joints into the frame's pixels
 * ({@link WireframeRaster}); the FX thread only uploads them. Without it the FX thread strokes the wireframe on
 * the overlay canvas itself (sharper when the view is larger than the frame, but several times slower).
 */
public final class LiveView extends HBox {

    /** What the FX thread draws for one live result. */
    public interface Display {
        /**
         * Shows {@code result} over {@code frame}; {@code baked} says the wireframe and joints are already drawn
         * into the frame's pixels.
         */
        void show(LiveResult result, WritableImage frame, boolean baked);
    }

    private final Label stats = new Label();
    private final CheckBox smoothing = new CheckBox("Smoothing");
    private final CheckBox detect = new CheckBox("Detect person");
    private final CheckBox fastOverlay = new CheckBox("Fast overlay");
    private final CheckBox view3d = new CheckBox("3D view");
    private final Button stop = new Button("Stop");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final AtomicReference<LiveResult> toCompose = new AtomicReference<>();
    private final AtomicReference<Composed> newest = new AtomicReference<>();
    private final ArrayBlockingQueue<int[]> freeBuffers = new ArrayBlockingQueue<>(3);
    private final Display display;
    private final BiConsumer<String, Throwable> onError;
    private final FxThreadWatchdog watchdog;
    private ExecutorService overlayWorker;
    private LiveReconstruction live;
    private WritableImage frameImage;
    private String requested = "";
    private double worstDrawMillis;
    private double totalDrawMillis;
    private double totalDrawCpuMillis;
    private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    private long framesDrawn;
    /** Which overlay parts the worker draws into live frames (the Mesh and Joints toggles). */
    private volatile boolean overlayMesh = true;
    private volatile boolean overlayJoints = true;
    private long statsShownNanos;

    /** A result, and when the fast overlay is on its frame with the overlay drawn in (ARGB), else null. */
    private record Composed(LiveResult result, int[] argb) {
    }

    /** {@code display} draws a result on the FX thread; {@code watchdog} is watched while a source runs. */
    public LiveView(Display display, BiConsumer<String, Throwable> onError, FxThreadWatchdog watchdog) {
        this.display = display;
        this.onError = onError;
        this.watchdog = watchdog;
        setId("live-bar");
        setSpacing(10);
        stats.setId("live-stats");
        stop.setId("live-stop");
        fastOverlay.setId("live-fast-overlay");
        fastOverlay.setTooltip(new Tooltip("Draw the wireframe into the frame off the UI thread (faster); off: "
                + "stroke it on the view (sharper when zoomed)"));
        view3d.setId("live-3d");
        view3d.setTooltip(new Tooltip("Move the 3D mesh with every shown frame; off: the image only, which leaves "
                + "the model more of the CPU where OpenGL is software (no GPU)"));
        view3d.setSelected(true);
        smoothing.setSelected(true);
        detect.setSelected(true);
        fastOverlay.setSelected(true);
        stop.setOnAction(e -> stop());
        getChildren().addAll(new Label("Live:"), stats, detect, smoothing, fastOverlay, view3d, stop);
        visibleProperty().bind(running.getReadOnlyProperty());
        managedProperty().bind(visibleProperty());
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Whether live frames move the 3D view too (the "3D view" toggle); read on the FX thread. */
    public boolean show3d() {
        return view3d.isSelected();
    }

    /** Turns the 3D view's live updates on or off. */
    public void setShow3d(boolean on) {
        view3d.setSelected(on);
    }

    /** Fast overlay on (wireframe drawn off the FX thread) or off (stroked on the FX thread). */
    public void setFastOverlay(boolean on) {
        fastOverlay.setSelected(on);
    }

    /** Which parts the fast overlay draws into each frame from now on: the wireframe, the joints and bones. */
    public void setOverlayParts(boolean mesh, boolean joints) {
        overlayMesh = mesh;
        overlayJoints = joints;
    }

    /** Person detection on (the detector finds the crop) or off (the whole frame); applies from the next start. */
    public void setDetectPerson(boolean on) {
        detect.setSelected(on);
    }

    /** Starts reconstructing {@code source} with {@code model}; a running source is stopped first. */
    void start(FrameSource source, ReconstructionService service, ReconstructionModel model) {
        start(source, LiveInference.of(service, model), model.template().faces());
    }

    /** Starts reconstructing {@code source} through {@code inference} (a mesh of {@code faces}); stops a running one. */
    public void start(FrameSource source, LiveInference inference, int[] faces) {
        stop();
        LiveOptions options = LiveOptions.live();
        if (!smoothing.isSelected()) {
            options = options.withSmoothing(null);
        }
        running.set(true);
        worstDrawMillis = 0;
        totalDrawMillis = 0;
        totalDrawCpuMillis = 0;
        framesDrawn = 0;
        statsShownNanos = 0;
        requested = source instanceof WebcamSource cam && cam.settings().width() > 0
                ? cam.settings().width() + "×" + cam.settings().height() : "";
        boolean fast = fastOverlay.isSelected();
        WireframeRaster raster = fast ? new WireframeRaster(faces) : null;
        ExecutorService worker = fast ? DaemonThreads.single("live-overlay") : null;
        overlayWorker = worker;
        stats.setText("opening " + source.describe() + "…");
        watchdog.begin();
        live = LiveReconstruction.start(source, detect.isSelected() ? new PersonDetector() : null,
                inference, options, new LiveListener() {
                    @Override
                    public void onResult(LiveResult result) {
                        if (worker == null) {
                            handOver(new Composed(result, null));
                        } else if (toCompose.getAndSet(result) == null) {
                            // The overlay worker draws only the newest result; older ones are skipped.
                            worker.execute(() -> compose(raster));
                        }
                    }

                    @Override
                    public void onError(Throwable error) {
                        Platform.runLater(() -> onError.accept("Live reconstruction of " + source.describe()
                                + " stopped", error));
                    }

                    @Override
                    public void onFinished(Finish reason, LiveStats s) {
                        if (worker != null) {
                            worker.shutdown();
                        }
                        Platform.runLater(() -> {
                            watchdog.end();
                            stats.setText(String.format(Locale.ROOT, "%s: %d frames, %d dropped · display mean %.1f, "
                                    + "worst %.1f ms · FX thread worst %.0f ms",
                                    reason.name().toLowerCase(Locale.ROOT).replace('_', ' '), s.framesProcessed(),
                                    s.framesDropped(), meanDrawMillis(), worstDrawMillis, watchdog.worstMillis()));
                            // Last, so that whoever waits for the end reads the final figures.
                            running.set(false);
                        });
                    }
                });
    }

    /** Stops the running source, if any. */
    public void stop() {
        if (live != null) {
            live.stop();
            live = null;
        }
    }

    /** On the overlay worker: the newest result's frame with the wireframe and joints drawn in. */
    private void compose(WireframeRaster raster) {
        LiveResult r = toCompose.getAndSet(null);
        if (r == null) {
            return;
        }
        RgbImage img = r.frame().image();
        int[] buffer = freeBuffers.poll();
        if (buffer == null || buffer.length != img.width() * img.height()) {
            buffer = new int[img.width() * img.height()];
        }
        Reconstruction rec = r.reconstruction();
        int[] parents = (rec.kind() == MeshKind.HAND ? JointSet.FREIHAND_21 : JointSet.LSP_14).parents();
        raster.compose(img, overlayMesh ? rec.verticesImagePixels() : null,
                overlayJoints ? rec.joints2dImagePixels() : null, parents, buffer);
        handOver(new Composed(r, buffer));
    }

    /** Only the newest result is drawn: if the FX thread is behind, older ones are skipped. */
    private void handOver(Composed c) {
        Composed replaced = newest.getAndSet(c);
        if (replaced == null) {
            Platform.runLater(this::drawNewest);
        } else if (replaced.argb() != null) {
            freeBuffers.offer(replaced.argb());
        }
    }

    private void drawNewest() {
        io.metroscope.ui.FxTiming.run("live.frame", this::drawNewestNow);
    }

    private void drawNewestNow() {
        Composed c = newest.getAndSet(null);
        if (c == null || !running.get()) {
            // A frame composed after the source finished is not drawn over the final figures.
            return;
        }
        LiveResult r = c.result();
        long t0 = System.nanoTime();
        long cpu0 = threads.getCurrentThreadCpuTime();
        RgbImage img = r.frame().image();
        if (frameImage == null || frameImage.getWidth() != img.width() || frameImage.getHeight() != img.height()) {
            frameImage = new WritableImage(img.width(), img.height());
        }
        if (c.argb() != null) {
            // Opaque pixels are their own premultiplied form: the image's native layout, a plain copy.
            frameImage.getPixelWriter().setPixels(0, 0, img.width(), img.height(), PixelFormat.getIntArgbPreInstance(),
                    c.argb(), 0, img.width());
            freeBuffers.offer(c.argb());
        } else {
            frameImage.getPixelWriter().setPixels(0, 0, img.width(), img.height(), PixelFormat.getByteRgbInstance(),
                    img.rgb(), 0, img.width() * 3);
        }
        display.show(r, frameImage, c.argb() != null);
        // The UI's own cost per frame (image upload, overlay, mesh update), shown beside the pipeline's stages.
        // The first frame builds the mesh and frames the camera; the steady state is what matters.
        if (++framesDrawn > 1) {
            double ms = (System.nanoTime() - t0) / 1e6;
            worstDrawMillis = Math.max(worstDrawMillis, ms);
            totalDrawMillis += ms;
            // CPU time as well: on a busy machine the wall time mostly measures waiting for a core.
            totalDrawCpuMillis += (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
        }
        // The text changes every frame: laying out the bar five times a second is enough to read it.
        long now = System.nanoTime();
        if (now - statsShownNanos < 200_000_000L) {
            return;
        }
        statsShownNanos = now;
        LiveResult.StageTimings t = r.stats().averages();
        String size = img.width() + "×" + img.height() + (requested.isEmpty() || requested.equals(img.width() + "×"
                + img.height()) ? "" : " (asked " + requested + ")");
        stats.setText(String.format(Locale.ROOT, "%s · %.1f fps · decode %.0f · detect %.0f · prep %.0f · model %.0f"
                + " · post %.0f ms · display %.1f (worst %.1f) ms · FX worst %.0f ms · dropped %d", size,
                r.stats().fps(), t.decodeMillis(), t.detectMillis(), t.preprocessMillis(), t.inferenceMillis(),
                t.postMillis(), meanDrawMillis(), worstDrawMillis, watchdog.worstMillis(), r.stats().framesDropped()));
    }

    /** The longest time one frame after the first took on the FX thread so far. */
    public double worstDrawMillis() {
        return worstDrawMillis;
    }

    /** The mean FX-thread time per frame after the first. */
    public double meanDrawMillis() {
        return framesDrawn > 1 ? totalDrawMillis / (framesDrawn - 1) : 0;
    }

    /** The mean FX-thread CPU time per frame after the first. */
    public double meanDrawCpuMillis() {
        return framesDrawn > 1 ? totalDrawCpuMillis / (framesDrawn - 1) : 0;
    }

    WritableImage frameImage() {
        return frameImage;
    }
}
