package io.metroscope.ui.reconstruct;

import io.metroscope.recon.LiveInference;
import io.metroscope.recon.LiveListener;
import io.metroscope.recon.LiveOptions;
import io.metroscope.recon.LiveReconstruction;
import io.metroscope.recon.LiveResult;
import io.metroscope.recon.LiveStats;
import io.metroscope.recon.ReconstructionModel;
import io.metroscope.recon.ReconstructionService;
import io.metroscope.vision.FrameSource;
import io.metroscope.vision.PersonDetector;
import io.metroscope.vision.RgbImage;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;

/**
 * Runs a video file or webcam through the model and shows each newest result: frame rate, per-stage timings,
 * and Stop. Results reach the FX thread through a one-slot hand-over, so a slow display never queues frames.
 */
final class LiveView extends HBox {

    private final Label stats = new Label();
    private final CheckBox smoothing = new CheckBox("Smoothing");
    private final CheckBox detect = new CheckBox("Detect person");
    private final Button stop = new Button("Stop");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final AtomicReference<LiveResult> newest = new AtomicReference<>();
    private final Consumer<LiveResult> display;
    private final BiConsumer<String, Throwable> onError;
    private LiveReconstruction live;
    private WritableImage frameImage;
    private double worstDrawMillis;
    private long framesDrawn;

    /** {@code display} draws a result on the FX thread; it gets the frame as a reused JavaFX image. */
    LiveView(Consumer<LiveResult> display, BiConsumer<String, Throwable> onError) {
        this.display = display;
        this.onError = onError;
        setId("live-bar");
        setSpacing(10);
        stats.setId("live-stats");
        stop.setId("live-stop");
        smoothing.setSelected(true);
        detect.setSelected(true);
        stop.setOnAction(e -> stop());
        getChildren().addAll(new Label("Live:"), stats, detect, smoothing, stop);
        visibleProperty().bind(running.getReadOnlyProperty());
        managedProperty().bind(visibleProperty());
    }

    ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Starts reconstructing {@code source} with {@code model}; a running source is stopped first. */
    void start(FrameSource source, ReconstructionService service, ReconstructionModel model) {
        stop();
        LiveOptions options = LiveOptions.live();
        if (!smoothing.isSelected()) {
            options = options.withSmoothing(null);
        }
        running.set(true);
        worstDrawMillis = 0;
        framesDrawn = 0;
        stats.setText("opening " + source.describe() + "…");
        live = LiveReconstruction.start(source, detect.isSelected() ? new PersonDetector() : null,
                LiveInference.of(service, model), options, new LiveListener() {
                    @Override
                    public void onResult(LiveResult result) {
                        // Only the newest result is drawn: if the FX thread is behind, older ones are skipped.
                        if (newest.getAndSet(result) == null) {
                            Platform.runLater(LiveView.this::drawNewest);
                        }
                    }

                    @Override
                    public void onError(Throwable error) {
                        Platform.runLater(() -> onError.accept("Live reconstruction of " + source.describe()
                                + " stopped", error));
                    }

                    @Override
                    public void onFinished(Finish reason, LiveStats s) {
                        Platform.runLater(() -> {
                            running.set(false);
                            stats.setText(String.format(Locale.ROOT, "%s: %d frames, %d dropped",
                                    reason.name().toLowerCase(Locale.ROOT).replace('_', ' '), s.framesProcessed(),
                                    s.framesDropped()));
                        });
                    }
                });
    }

    /** Stops the running source, if any. */
    void stop() {
        if (live != null) {
            live.stop();
            live = null;
        }
    }

    private void drawNewest() {
        LiveResult r = newest.getAndSet(null);
        if (r == null) {
            return;
        }
        long t0 = System.nanoTime();
        RgbImage img = r.frame().image();
        if (frameImage == null || frameImage.getWidth() != img.width() || frameImage.getHeight() != img.height()) {
            frameImage = new WritableImage(img.width(), img.height());
        }
        frameImage.getPixelWriter().setPixels(0, 0, img.width(), img.height(), PixelFormat.getByteRgbInstance(),
                img.rgb(), 0, img.width() * 3);
        LiveResult.StageTimings t = r.stats().averages();
        display.accept(r);
        // The UI's own cost per frame (image upload, overlay, mesh update), shown beside the pipeline's stages.
        // The first frame builds the mesh and frames the camera; the steady state is what matters.
        if (++framesDrawn > 1) {
            worstDrawMillis = Math.max(worstDrawMillis, (System.nanoTime() - t0) / 1e6);
        }
        stats.setText(String.format(Locale.ROOT, "%.1f fps · decode %.0f · detect %.0f · prep %.0f · model %.0f · "
                + "post %.0f ms · display worst %.1f ms · dropped %d", r.stats().fps(), t.decodeMillis(),
                t.detectMillis(), t.preprocessMillis(), t.inferenceMillis(), t.postMillis(), worstDrawMillis,
                r.stats().framesDropped()));
    }

    /** The longest time one frame after the first took on the FX thread so far. */
    double worstDrawMillis() {
        return worstDrawMillis;
    }

    WritableImage frameImage() {
        return frameImage;
    }
}
