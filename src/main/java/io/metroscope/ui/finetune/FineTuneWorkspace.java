package io.metroscope.ui.finetune;

import io.metroscope.app.BundledAssets;
import io.metroscope.app.ConfiguredBodyModels;

import io.metroscope.app.AppServices;
import io.metroscope.jobs.Job;
import io.metroscope.platform.ComputeDevice;
import io.metroscope.platform.DeviceSpec;
import io.metroscope.platform.ProcessMemory;
import io.metroscope.recon.ModelSpec;
import io.metroscope.recon.TemplateSource;
import io.metroscope.train.Recipe;
import io.metroscope.train.Trainer;
import io.metroscope.train.TrainerState;
import io.metroscope.settings.SettingsAccess;
import io.metroscope.train.TrainingPreview;
import io.metroscope.train.TrainingRun;
import io.metroscope.ui.SaveDialog;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Fine-tune workspace: a dataset and a recipe on the left, live loss and validation charts with the run's
 * figures in the middle, predictions on fixed items before and after training on the right; Start, Pause, Resume
 * and Stop on top, and Open in Reconstruct once a best checkpoint exists. Training runs on a job worker.
 */
public final class FineTuneWorkspace extends BorderPane implements FineTuneRun.Display {

    private static final long MEMORY_PERIOD_NANOS = 1_000_000_000L;

    private final DatasetPane dataset;
    private final RecipeEditor editor = new RecipeEditor();
    private final TrainingCharts charts = new TrainingCharts();
    private final TrainingStatsView stats = new TrainingStatsView();
    private final PreviewGrid preview = new PreviewGrid();
    private final Label message = new Label();
    private final Label notes = new Label();
    private final Label startReason = new Label();
    private final Button start = new Button("Start");
    private final Button pause = new Button("Pause");
    private final Button resume = new Button("Resume");
    private final Button stop = new Button("Stop");
    private final Button openInReconstruct = new Button("Open in Reconstruct");
    private final FineTuneRun run;
    private final SettingsAccess settings;
    private final ConfiguredBodyModels bodyModels = new ConfiguredBodyModels();
    private final Supplier<DeviceSpec> device;
    private final Consumer<ModelSpec> reconstruct;
    private final RunClock clock = new RunClock();
    private Recipe running;
    private Trainer.Progress latest;
    private ComputeDevice runDevice;
    private long lastMemory;
    private boolean memoryShown;
    private int batchesPerEpoch;
    private int ticks;
    private String autoOutput;

    /**
     * As {@link #FineTuneWorkspace(AppServices, Consumer, Supplier, Consumer, SettingsAccess)} with the settings
     * saved in the services' store, held in memory (for a workspace shown without the main window).
     */
    public FineTuneWorkspace(AppServices services, Consumer<Job<?>> jobTracker, Supplier<DeviceSpec> device,
            Consumer<ModelSpec> reconstruct) {
        this(services, jobTracker, device, reconstruct, SettingsAccess.inMemory(services.settings().load()));
    }

    /**
     * {@code jobTracker} receives the training job (e.g. for the status bar); {@code device} is the compute device
     * chosen now; {@code reconstruct} loads a model into the Reconstruct workspace and shows it; {@code settings}
     * name the SMPL/MANO models that pose METRO TSV labels into meshes.
     */
    public FineTuneWorkspace(AppServices services, Consumer<Job<?>> jobTracker, Supplier<DeviceSpec> device,
            Consumer<ModelSpec> reconstruct, SettingsAccess settings) {
        this.device = device;
        this.reconstruct = reconstruct;
        this.settings = settings;
        this.dataset = new DatasetPane(services.jobs(), settings::current, bodyModels);
        this.run = new FineTuneRun(services, jobTracker, this);
        editor.placeStartMenu(new StartFromMenu(new BundledAssets(services.dirs().assetsCache()),
                () -> getScene().getWindow(), this::startChosen, this::startRefused));
        setId("finetune-workspace");
        start.setId("finetune-start");
        pause.setId("finetune-pause");
        resume.setId("finetune-resume");
        stop.setId("finetune-stop");
        openInReconstruct.setId("finetune-open-in-reconstruct");
        message.setId("finetune-message");
        message.setWrapText(true);
        notes.setId("finetune-notes");
        notes.setWrapText(true);
        notes.getStyleClass().add("finetune-caption");
        startReason.setId("finetune-start-reason");
        startReason.setWrapText(true);
        startReason.getStyleClass().add("finetune-error");
        for (Label l : new Label[] {startReason, message, notes}) {
            // No blank line while there is nothing to say.
            l.managedProperty().bind(l.textProperty().isNotEmpty());
            l.visibleProperty().bind(l.textProperty().isNotEmpty());
        }
        start.setOnAction(e -> startRun(false));
        resume.setOnAction(e -> {
            if (run.phaseProperty().get() == FineTuneRun.Phase.PAUSED) {
                clock.resume(System.nanoTime());
                run.resume();
                message.setText("Resumed.");
            } else {
                startRun(true);
            }
        });
        pause.setOnAction(e -> {
            run.pause();
            clock.pause(System.nanoTime());
            message.setText("Paused between steps: Resume continues, Stop saves last/ and ends the run.");
        });
        stop.setOnAction(e -> {
            run.stop();
            message.setText("Stopping at the next optimizer step (saving last/)…");
        });
        openInReconstruct.setOnAction(e -> openBest());
        Button load = new Button("Load Recipe…");
        load.setId("finetune-load-recipe");
        load.setOnAction(e -> loadRecipe());
        Button save = new Button("Save Recipe…");
        save.setId("finetune-save-recipe");
        save.setOnAction(e -> saveRecipe());
        ToolBar bar = new ToolBar(start, pause, resume, stop, new Separator(Orientation.VERTICAL), load, save,
                new Separator(Orientation.VERTICAL), openInReconstruct);

        VBox left = new VBox(6, section("Dataset"), dataset, section("Recipe"), editor);
        left.setPadding(new Insets(6));
        ScrollPane leftScroll = new ScrollPane(left);
        leftScroll.setFitToWidth(true);
        leftScroll.setMinWidth(300);
        VBox middle = new VBox(6, charts, stats);
        middle.setPadding(new Insets(6));
        VBox.setVgrow(charts, Priority.ALWAYS);
        Label legend = new Label("Mesh: the prediction placed by the item's labelled camera. Yellow dots: the "
                + "predicted joints through the predicted camera.");
        legend.getStyleClass().add("finetune-caption");
        legend.setWrapText(true);
        legend.setMaxWidth(400);
        VBox right = new VBox(6, section("Fixed items"), legend, preview);
        right.setPadding(new Insets(6));
        ScrollPane rightScroll = new ScrollPane(right);
        rightScroll.setFitToWidth(true);
        rightScroll.setMinWidth(200);
        SplitPane main = new SplitPane(leftScroll, middle, rightScroll);
        main.setDividerPositions(0.24, 0.72);
        VBox top = new VBox(bar, startReason, message, notes);
        VBox.setMargin(startReason, new Insets(2, 8, 0, 8));
        VBox.setMargin(message, new Insets(2, 8, 2, 8));
        VBox.setMargin(notes, new Insets(0, 8, 2, 8));
        setTop(top);
        setCenter(main);

        dataset.datasetProperty().addListener((o, a, d) -> datasetChanged());
        dataset.problemProperty().addListener((o, a, b) -> updateButtons());
        dataset.validationProblemProperty().addListener((o, a, b) -> updateButtons());
        editor.problem().addListener((o, a, b) -> updateButtons());
        editor.outputField().textProperty().addListener((o, a, b) -> updateButtons());
        editor.presetBox().valueProperty().addListener((o, a, b) -> suggestOutput());
        run.phaseProperty().addListener((o, a, b) -> updateButtons());
        setOnDragOver(DatasetPane::acceptFolders);
        setOnDragDropped(e -> DatasetPane.dropped(e, dataset::setTraining));
        updateButtons();
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("finetune-section");
        return l;
    }

    /** Chooses the training data (a training folder or a METRO TSV yaml / folder), as the chooser or a drop would. */
    public void chooseDataset(Path dir) {
        dataset.setTraining(dir);
    }

    /** Chooses the validation data (null: none). */
    public void chooseValidation(Path dir) {
        dataset.setValidation(dir);
    }

    private void datasetChanged() {
        editor.datasetKindProperty().set(dataset.kind());
        suggestOutput();
        updateButtons();
    }

    /** Puts checkpoints beside the dataset unless the user chose another folder. */
    private void suggestOutput() {
        ChosenDataset d = dataset.datasetProperty().get();
        String current = editor.outputField().getText();
        boolean untouched = current.isBlank() || current.equals(autoOutput) || current.startsWith("runs/");
        if (d == null || !untouched || editor.presetBox().getValue() == null) {
            return;
        }
        Path dir = d.path().toAbsolutePath();
        String name = dir.getFileName().toString();
        // a yaml's runs go beside it, named by its split: train.yaml → train-runs/
        String base = Files.isDirectory(dir) || name.lastIndexOf('.') <= 0 ? name
                : name.substring(0, name.lastIndexOf('.'));
        Path out = dir.resolveSibling(base + "-runs").resolve(editor.presetBox().getValue());
        autoOutput = out.toString();
        editor.setOutput(out);
    }

    private Recipe currentRecipe() {
        ChosenDataset d = dataset.datasetProperty().get();
        return editor.recipe(d == null ? null : d.path(), dataset.validationDir());
    }

    /** Why Start cannot run now, or empty. */
    private String startProblem() {
        String p = dataset.problemProperty().get();
        if (p != null && !p.isEmpty()) {
            return "Dataset: " + p;
        }
        p = dataset.validationProblemProperty().get();
        if (p != null && !p.isEmpty()) {
            return p;
        }
        p = editor.problem().get();
        return p.isEmpty() ? "" : "Recipe: " + p;
    }

    private void updateButtons() {
        FineTuneRun.Phase phase = run.phaseProperty().get();
        boolean active = phase.active();
        Path out = editor.output();
        boolean resumable = out != null && TrainingRun.resumable(out);
        String problem = startProblem();
        String reason = active ? "" : !problem.isEmpty() ? problem
                : resumable ? out + " already holds a run: Resume continues it, or choose another output folder"
                : "";
        start.setDisable(active || !reason.isEmpty());
        start.setTooltip(reason.isEmpty() ? null : new Tooltip(reason));
        startReason.setText(reason.isEmpty() || resumable && problem.isEmpty() ? "" : "Cannot start — " + reason);
        pause.setDisable(phase != FineTuneRun.Phase.RUNNING);
        stop.setDisable(phase != FineTuneRun.Phase.RUNNING && phase != FineTuneRun.Phase.PAUSED);
        resume.setDisable(!(phase == FineTuneRun.Phase.PAUSED || !active && resumable && problem.isEmpty()));
        openInReconstruct.setDisable(active || out == null || TrainingRun.bestCheckpoint(out) == null
                || dataset.datasetProperty().get() == null);
        editor.inputs().forEach(n -> n.setDisable(active));
        dataset.setDisable(active);
    }

    private void startRun(boolean resuming) {
        Recipe r = currentRecipe();
        if (r == null) {
            message.setText("Cannot start — " + startProblem());
            return;
        }
        running = r;
        latest = null;
        runDevice = null;
        batchesPerEpoch = 0;
        if (!resuming) {
            charts.clear();
        }
        preview.clear();
        notes.setText("");
        message.getStyleClass().remove("finetune-error");
        message.setText((resuming ? "Resuming " : "Starting ") + r.name() + " in " + r.output() + "…");
        clock.start(System.nanoTime());
        run.start(r, device.get(), settings.current(), bodyModels);
    }

    @Override
    public void started(TrainerState state, int items, int batches, ComputeDevice onDevice) {
        runDevice = onDevice;
        batchesPerEpoch = batches;
        message.setText(String.format(Locale.ROOT, "%s on %s: %d items, %d batch%s per epoch, %d epochs%s.",
                state.steps() == 0 ? "Training" : "Resumed from last/ (epoch " + (state.epoch() + 1) + ", step "
                        + state.steps() + ")", onDevice.name(), items, batches, batches == 1 ? "" : "es",
                running.epochs(), running.validation() == null ? "" : ", validating after each"));
    }

    @Override
    public void progress(Trainer.Progress p, TrainerState state) {
        charts.add(p);
        latest = p;
        if (p.batch() >= 0) {
            clock.addThroughput(p.samplesPerSecond());
            clock.addDataWait(p.dataWait());
        }
    }

    @Override
    public void preview(List<TrainingPreview.Panel> panels, boolean initial, String label) {
        preview.show(panels, initial, label);
    }

    @Override
    public void note(String text) {
        String line = "Note: " + text + (text.endsWith(".") ? "" : ".");
        notes.setText(notes.getText().isEmpty() ? line : notes.getText() + "\n" + line);
    }

    @Override
    public void tick() {
        ticks++;
        charts.refresh();
        long now = System.nanoTime();
        if (latest != null) {
            stats.showProgress(latest);
        }
        stats.showClock(clock, now, samplesLeft());
        if (!memoryShown || now - lastMemory >= MEMORY_PERIOD_NANOS) {
            memoryShown = true;
            lastMemory = now;
            stats.showMemory(ProcessMemory.sample(runDevice == null ? null : runDevice.device()));
        }
    }

    private long samplesLeft() {
        if (latest == null || running == null || batchesPerEpoch == 0) {
            return -1;
        }
        int doneInEpoch = latest.batch() < 0 ? batchesPerEpoch : latest.batch();
        long batches = (long) (running.epochs() - latest.epoch() - 1) * batchesPerEpoch + batchesPerEpoch - doneInEpoch;
        return batches * running.batchSize();
    }

    @Override
    public void ended(FineTuneRun.Phase phase, TrainerState state, Throwable error) {
        clock.pause(System.nanoTime());
        Path out = Path.of(running.output());
        switch (phase) {
            case FINISHED -> message.setText(String.format(Locale.ROOT, "Finished: %d steps; best %s %.4g at epoch %d."
                    + " Checkpoints in %s.", state.steps(), state.bestMetric(), state.bestScore(),
                    state.bestEpoch() + 1, out));
            case STOPPED -> message.setText(state == null ? "Stopped." : String.format(Locale.ROOT,
                    "Stopped at epoch %d, batch %d (step %d); %s saved — Resume continues from it.",
                    state.epoch() + 1, state.batch(), state.steps(), out.resolve("last")));
            default -> {
                message.setText(describeFailure(error, out));
                message.getStyleClass().add("finetune-error");
            }
        }
    }

    /** A message for a failed run naming what went wrong and what to do. */
    static String describeFailure(Throwable e, Path output) {
        String m = e == null ? "unknown error" : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String keep = " " + output.resolve("last") + " keeps the last saved checkpoint; Resume continues from it.";
        if (e instanceof OutOfMemoryError || m.toLowerCase(Locale.ROOT).contains("out of memory")) {
            return "Out of memory (" + m + "). Lower the batch size (raise Accumulate to keep the effective batch) or "
                    + "choose the tiny or small network." + keep;
        }
        if (e instanceof ArithmeticException) {
            return "Training stopped: " + m;
        }
        if (e instanceof IOException) {
            return "Could not read or write the data: " + m;
        }
        return "Training failed: " + m + "." + keep;
    }

    private void openBest() {
        Path out = editor.output();
        ChosenDataset d = dataset.datasetProperty().get();
        Recipe r = running != null && Path.of(running.output()).equals(out) ? running : currentRecipe();
        Path best = out == null ? null : TrainingRun.bestCheckpoint(out);
        if (best == null || d == null || r == null) {
            message.setText("No best checkpoint yet in " + out + ": train at least one epoch first.");
            return;
        }
        ModelSpec spec = new ModelSpec(best, new TemplateSource.File(d.templateFile()), r.heads(),
                device.get(), false, true);
        reconstruct.accept(spec);
    }

    private void startChosen(StartFromMenu.Start start) {
        editor.startFrom(start);
        message.getStyleClass().remove("finetune-error");
        boolean untrainable = start.kind() != null && start.architecture() == null;
        message.setText(start.init().isEmpty() ? "Runs start from random weights." : "Runs start from "
                + start.init() + (untrainable ? " (a network no recipe here trains: Start will refuse it)." : "."));
    }

    private void startRefused(String problem) {
        message.setText(problem);
        message.getStyleClass().add("finetune-error");
    }

    private void loadRecipe() {
        FileChooser c = new FileChooser();
        c.setTitle("Load Recipe");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Recipe JSON", "*.json"));
        File f = c.showOpenDialog(getScene().getWindow());
        if (f != null) {
            loadRecipe(f.toPath());
        }
    }

    /** Fills the editor from a recipe JSON file (and the datasets from its paths when they exist). */
    public void loadRecipe(Path file) {
        try {
            Recipe r = Recipe.load(file.toString());
            editor.show(r, true);
            if (r.data() != null && Files.exists(Path.of(r.data()))) {
                dataset.setTraining(Path.of(r.data()));
            }
            if (r.validation() != null && Files.exists(Path.of(r.validation()))) {
                dataset.setValidation(Path.of(r.validation()));
            }
            message.getStyleClass().remove("finetune-error");
            message.setText("Loaded recipe " + file + ".");
        } catch (IOException | RuntimeException e) {
            message.setText("Could not load the recipe " + file + ": " + e.getMessage()
                    + ". Fix the JSON (see README, Training) or pick a preset.");
            message.getStyleClass().add("finetune-error");
        }
    }

    private void saveRecipe() {
        SaveDialog.ask(getScene().getWindow(), "Save Recipe", "recipe.json",
                List.of(new FileChooser.ExtensionFilter("Recipe JSON", "*.json"))).ifPresent(this::saveRecipe);
    }

    /** Writes the edited recipe as JSON (Recipe.load reads it back). */
    public void saveRecipe(Path file) {
        Recipe r = currentRecipe();
        if (r == null) {
            message.setText("Cannot save the recipe — " + startProblem());
            return;
        }
        try {
            Files.writeString(file, r.toJson());
            message.setText("Saved recipe to " + file + ".");
        } catch (IOException e) {
            message.setText("Could not save " + file + ": " + e.getMessage());
        }
    }

    /** The editor (tests set fields through it). */
    RecipeEditor editor() {
        return editor;
    }

    DatasetPane dataset() {
        return dataset;
    }

    TrainingCharts charts() {
        return charts;
    }

    PreviewGrid previewGrid() {
        return preview;
    }

    /** The run's notes (what TSV samples lack and why), one "Note: …" line each. */
    Label notes() {
        return notes;
    }

    TrainingStatsView stats() {
        return stats;
    }

    FineTuneRun run() {
        return run;
    }

    /** Display ticks so far (each redraws at most once). */
    int ticks() {
        return ticks;
    }
}
