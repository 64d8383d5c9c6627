package io.metroscope.ui.reconstruct;

import io.metroscope.app.AppServices;
import io.metroscope.format.FormatException;
import io.metroscope.jobs.Job;
import io.metroscope.jobs.JobContext;
import io.metroscope.jobs.OrderedPrefetch;
import io.metroscope.model.MeshKind;
import io.metroscope.recon.InputBatch;
import io.metroscope.recon.ModelSpec;
import io.metroscope.recon.InputItem;
import io.metroscope.recon.Reconstruction;
import io.metroscope.recon.ReconstructionModel;
import io.metroscope.recon.RunOptions;
import io.metroscope.vision.CropBox;
import io.metroscope.vision.DecodeOptions;
import io.metroscope.vision.ImageDecoder;
import io.metroscope.vision.ImageFiles;
import io.metroscope.vision.OfficialPreprocessing;
import io.metroscope.vision.PersonDetector;
import io.metroscope.vision.PreprocessedImage;
import io.metroscope.vision.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Reconstruct workspace's state: the loaded model, the inputs and their results. Model loading and
 * inference run as background jobs; results come back to the FX thread.
 */
public final class ReconstructSession {

    private final AppServices services;
    private final Consumer<Job<?>> jobTracker;
    private final ObservableList<InputEntry> inputs = FXCollections.observableArrayList();
    private final ObjectProperty<ReconstructionModel> model = new SimpleObjectProperty<>();
    private final OfficialPreprocessing preprocessing = new OfficialPreprocessing(DecodeOptions.forUsers());
    private final ObjectProperty<CropMode> cropMode = new SimpleObjectProperty<>(CropMode.CENTRE);
    private final BooleanProperty flipAverage = new SimpleBooleanProperty(false);
    private final PersonDetector detector = new PersonDetector();

    /** How an image without a drawn box is cropped for the model. */
    public enum CropMode {
        CENTRE("Centre crop (official)"), DETECT("Detect person");

        private final String label;

        CropMode(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** {@code jobTracker} receives every job started here, e.g. to show it in the status bar. */
    public ReconstructSession(AppServices services, Consumer<Job<?>> jobTracker) {
        this.services = services;
        this.jobTracker = jobTracker;
        // A new crop mode makes every result without a drawn box stale: Reconstruct runs them again.
        cropMode.addListener((o, a, b) -> inputs.stream().filter(e -> e.boxProperty().get() == null)
                .forEach(e -> e.statusProperty().set(InputStatus.WAITING)));
        // Flip averaging changes every result: Reconstruct runs them all again.
        flipAverage.addListener((o, a, b) -> inputs.forEach(e -> e.statusProperty().set(InputStatus.WAITING)));
    }

    /** The service that runs the model (for live sources). */
    public io.metroscope.recon.ReconstructionService reconstructionService() {
        return services.reconstruction();
    }

    public ObservableList<InputEntry> inputs() {
        return inputs;
    }

    public ObjectProperty<CropMode> cropModeProperty() {
        return cropMode;
    }

    /** Whether body crops are also predicted mirrored and the two averaged (twice the network work). */
    public BooleanProperty flipAverageProperty() {
        return flipAverage;
    }

    /**
     * {@code base} with this session's model settings (flip averaging when ticked and the model is a body model), for
     * everything that runs the loaded model: reconstruction here, live sources, Annotate's proposals.
     */
    public RunOptions runOptions(RunOptions base) {
        ReconstructionModel m = model.get();
        return base.withFlipAverage(flipAverage.get() && m != null && m.architecture().kind() == MeshKind.BODY);
    }

    public ObjectProperty<ReconstructionModel> modelProperty() {
        return model;
    }

    /** Adds images, and the images inside folders (not recursively), skipping ones already present. */
    public List<InputEntry> add(List<Path> files) {
        List<InputEntry> added = new ArrayList<>();
        for (Path f : expand(files)) {
            if (inputs.stream().noneMatch(e -> e.file().equals(f))) {
                InputEntry e = new InputEntry(f);
                inputs.add(e);
                added.add(e);
            }
        }
        return added;
    }

    /** Loads a model in the background; the previous one is closed once the new one is ready. */
    public Job<ReconstructionModel> loadModel(ModelSpec spec) {
        Job<ReconstructionModel> job = services.jobs().submit("Loading " + spec.displayName(), ctx -> {
            ctx.message("Reading checkpoint and template, warming up");
            return services.reconstruction().loadNow(spec);
        });
        jobTracker.accept(job);
        job.result().thenAccept(loaded -> Platform.runLater(() -> {
            ReconstructionModel old = model.get();
            model.set(loaded);
            inputs.forEach(e -> {
                e.resultProperty().set(null);
                e.statusProperty().set(InputStatus.WAITING);
                e.messageProperty().set("");
            });
            if (old != null) {
                old.close();
            }
        }));
        return job;
    }

    /** Reconstructs the given inputs (each image read, cropped and run), one batch per few images. */
    public Job<Void> reconstruct(List<InputEntry> entries) {
        ReconstructionModel m = model.get();
        if (m == null) {
            throw new IllegalStateException("Load a model first (File ▸ Open Model…)");
        }
        List<InputEntry> todo = List.copyOf(entries);
        RunOptions options = runOptions(new RunOptions(true, 1));
        todo.forEach(e -> e.statusProperty().set(InputStatus.RUNNING));
        Job<Void> job = services.jobs().submit("Reconstructing " + todo.size() + " image(s)", ctx -> {
            // The next images are read and cropped while the model runs on this one.
            try (OrderedPrefetch<InputEntry, InputBatch> crops = new OrderedPrefetch<>(todo, this::crop, 2,
                    "metroscope-crop-ahead")) {
                for (int i = 0; i < todo.size(); i++) {
                    ctx.checkCancelled();
                    InputEntry e = todo.get(i);
                    ctx.message(e.file().getFileName().toString());
                    ctx.progress(i / (double) todo.size());
                    runOne(m, options, e, crops, i, ctx);
                }
            }
            return null;
        });
        jobTracker.accept(job);
        job.result().whenComplete((v, error) -> Platform.runLater(() -> todo.stream()
                .filter(e -> e.statusProperty().get() == InputStatus.RUNNING)
                .forEach(e -> e.fail(error == null ? "not run" : "cancelled"))));
        return job;
    }

    /** Every input still waiting. */
    public List<InputEntry> waiting() {
        return inputs.stream().filter(e -> e.statusProperty().get() != InputStatus.DONE).toList();
    }

    private void runOne(ReconstructionModel m, RunOptions options, InputEntry e,
            OrderedPrefetch<InputEntry, InputBatch> crops, int i, JobContext ctx) throws Exception {
        InputBatch batch;
        try {
            batch = crops.take(i);
        } catch (FormatException bad) {
            // One unreadable image must not stop the folder: mark it and go on.
            Platform.runLater(() -> e.fail(bad.getMessage()));
            return;
        }
        List<Reconstruction> out = services.reconstruction().reconstructNow(m, batch, options, ctx);
        Platform.runLater(() -> e.succeed(out.get(0)));
    }

    /** The drawn box, else a detected person (full image when none), else the official centre crop. */
    private InputBatch crop(InputEntry e) throws FormatException {
        RgbImage image = ImageDecoder.decode(e.file(), preprocessing.decodeOptions());
        CropBox box = e.boxProperty().get();
        if (box == null && cropMode.get() == CropMode.DETECT) {
            box = detector.locate(image).orElse(null);
        }
        PreprocessedImage p = box == null ? OfficialPreprocessing.centerCrop(image)
                : OfficialPreprocessing.boxCrop(image, box);
        return new InputBatch(p.input(), InputBatch.METRO_SIZE, InputBatch.METRO_SIZE,
                List.of(new InputItem(e.file().toString(), p.cropToImage())));
    }

    private static List<Path> expand(List<Path> files) {
        List<Path> out = new ArrayList<>();
        for (Path f : files) {
            if (Files.isDirectory(f)) {
                try {
                    out.addAll(ImageFiles.in(f));
                } catch (FormatException ignored) {
                    // An unreadable folder contributes nothing; the user sees it stay empty.
                }
            } else if (ImageFiles.isImage(f)) {
                out.add(f);
            }
        }
        return out;
    }
}
