package io.metroscope.ui.finetune;

import io.metroscope.app.ConfiguredBodyModels;

import io.metroscope.format.FormatException;
import io.metroscope.jobs.JobService;
import io.metroscope.model.MeshKind;
import io.metroscope.settings.Settings;
import io.metroscope.train.MetroTsvLayout;
import io.metroscope.train.TrainingFolder;
import io.metroscope.ui.FxImages;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * Chooses the training data (and optional validation data) by chooser, typing or drag-and-drop: a training folder
 * or a METRO TSV dataset (its yaml, or the folder of its TSV files). Previews it: item count, kind, image size or
 * where TSV meshes come from, and a few thumbnails. Datasets are opened on a job worker, never on the FX thread:
 * training folders' thumbnails JavaFX decodes in the background, TSV ones (images inside the TSV) the worker decodes.
 */
final class DatasetPane extends VBox {

    /** Thumbnails shown per dataset. */
    static final int THUMBNAILS = 8;
    private static final String CHOOSE = "Choose a training folder or a METRO TSV dataset's yaml (or drop one here).";
    private static final int THUMB_SIZE = 64;

    private final JobService jobs;
    private final Supplier<Settings> settings;
    private final ConfiguredBodyModels models;
    private final TextField training = new TextField();
    private final TextField validation = new TextField();
    private final Label summary = new Label(CHOOSE);
    private final Label validationSummary = new Label("");
    private final TilePane thumbnails = new TilePane(4, 4);
    private final ReadOnlyObjectWrapper<ChosenDataset> dataset = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ChosenDataset> validationDataset = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<String> problem = new SimpleObjectProperty<>("choose a training dataset");
    private final ObjectProperty<String> validationProblem = new SimpleObjectProperty<>("");

    /** {@code settings} gives the current settings (on the FX thread); {@code models} reads the SMPL/MANO they name. */
    DatasetPane(JobService jobs, Supplier<Settings> settings, ConfiguredBodyModels models) {
        this.jobs = jobs;
        this.settings = settings;
        this.models = models;
        setId("finetune-dataset");
        setSpacing(4);
        training.setId("finetune-training-folder");
        validation.setId("finetune-validation-folder");
        training.setPromptText("training folder or TSV yaml");
        validation.setPromptText("validation folder or TSV yaml (optional)");
        summary.setId("finetune-dataset-summary");
        summary.setWrapText(true);
        validationSummary.setId("finetune-validation-summary");
        validationSummary.setWrapText(true);
        thumbnails.setId("finetune-thumbnails");
        thumbnails.setPrefColumns(4);
        training.setOnAction(e -> setTraining(typed(training)));
        validation.setOnAction(e -> setValidation(typed(validation)));
        training.focusedProperty().addListener((o, was, now) -> {
            if (!now && !training.getText().equals(shown(dataset.get()))) {
                setTraining(typed(training));
            }
        });
        validation.focusedProperty().addListener((o, was, now) -> {
            if (!now && !validation.getText().equals(shown(validationDataset.get()))) {
                setValidation(typed(validation));
            }
        });
        getChildren().addAll(row(training, this::setTraining, "Training data"), summary, thumbnails,
                row(validation, this::setValidation, "Validation data"), validationSummary);
        validation.setOnDragOver(DatasetPane::acceptFolders);
        validation.setOnDragDropped(e -> dropped(e, this::setValidation));
    }

    private static String shown(ChosenDataset d) {
        return d == null ? "" : d.path().toString();
    }

    private static Path typed(TextField f) {
        String s = f.getText().trim();
        return s.isEmpty() ? null : Path.of(s);
    }

    private HBox row(TextField field, Consumer<Path> onChosen, String title) {
        Button browse = new Button("Browse…");
        browse.setId(field.getId() + "-browse");
        browse.setOnAction(e -> {
            FileChooser c = new FileChooser();
            c.setTitle(title + ": a training folder's dataset.json or a METRO TSV dataset's yaml");
            c.getExtensionFilters().addAll(
                    new FileChooser.ExtensionFilter("Datasets", TrainingFolder.MANIFEST, "*.yaml", "*.yml",
                            "*.img.tsv"),
                    new FileChooser.ExtensionFilter("Training folder", TrainingFolder.MANIFEST),
                    new FileChooser.ExtensionFilter("METRO TSV dataset", "*.yaml", "*.yml", "*.img.tsv"));
            Path start = typed(field);
            Path dir = start == null ? null : Files.isDirectory(start) ? start : start.getParent();
            if (dir != null && Files.isDirectory(dir)) {
                c.setInitialDirectory(dir.toFile());
            }
            File chosen = c.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            if (chosen != null) {
                onChosen.accept(datasetOf(chosen.toPath()));
            }
        });
        HBox box = new HBox(4, field, browse);
        HBox.setHgrow(field, Priority.ALWAYS);
        return box;
    }

    /** Accepts dragged files (the drop decides whether they are folders). */
    static void acceptFolders(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY, TransferMode.LINK);
        }
        e.consume();
    }

    /**
     * The dataset a chosen or dropped path stands for: a folder or a yaml itself, else the folder holding the file
     * (a dataset.json, a TSV or an image of the dataset).
     */
    static Path datasetOf(Path p) {
        return Files.isDirectory(p) || MetroTsvLayout.isYaml(p) || p.getParent() == null ? p : p.getParent();
    }

    /** Uses the first dropped folder or yaml (or the folder of another dropped file, e.g. dataset.json). */
    static void dropped(DragEvent e, Consumer<Path> target) {
        boolean ok = false;
        if (e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty()) {
            target.accept(datasetOf(e.getDragboard().getFiles().get(0).toPath()));
            ok = true;
        }
        e.setDropCompleted(ok);
        e.consume();
    }

    /** Chooses the training data (null clears it) and previews it in the background. */
    void setTraining(Path dir) {
        training.setText(dir == null ? "" : dir.toString());
        dataset.set(null);
        thumbnails.getChildren().clear();
        if (dir == null) {
            problem.set("choose a training dataset");
            summary.setText(CHOOSE);
            return;
        }
        problem.set("reading " + dir + "…");
        summary.setText("Reading " + dir + "…");
        open(dir, true, d -> {
            dataset.set(d);
            problem.set("");
            summary.setText(d.summary());
            for (int k = 0; k < d.imageFiles().size(); k++) {
                thumbnail(k, new Image(d.imageFiles().get(k).toUri().toString(), THUMB_SIZE, THUMB_SIZE, true, true,
                        true));
            }
            for (int k = 0; k < d.crops().size(); k++) {
                thumbnail(k, FxImages.of(d.crops().get(k)));
            }
        }, message -> {
            problem.set(message);
            summary.setText(message);
        }, () -> training.getText().equals(dir.toString()));
    }

    private void thumbnail(int k, Image image) {
        ImageView view = new ImageView(image);
        view.setId("finetune-thumbnail-" + k);
        thumbnails.getChildren().add(view);
    }

    /** Chooses the validation data (null: none, validation is then skipped). */
    void setValidation(Path dir) {
        validation.setText(dir == null ? "" : dir.toString());
        validationDataset.set(null);
        if (dir == null) {
            validationProblem.set("");
            validationSummary.setText("No validation data: the best checkpoint is chosen by training loss.");
            return;
        }
        validationProblem.set("reading " + dir + "…");
        open(dir, false, d -> {
            validationDataset.set(d);
            validationProblem.set("");
            validationSummary.setText("Validation: " + d.summary());
        }, message -> {
            validationProblem.set("validation data: " + message);
            validationSummary.setText(message);
        }, () -> validation.getText().equals(dir.toString()));
    }

    /** A dataset opened, or why not: a wrong choice is the user's to fix here, not a failed job for a dialog. */
    private record Opened(ChosenDataset dataset, String problem) {
    }

    private void open(Path dir, boolean withThumbnails, Consumer<ChosenDataset> ok, Consumer<String> failed,
            java.util.function.BooleanSupplier stillWanted) {
        Settings now = settings.get();
        jobs.submit("Reading " + dir.getFileName(), ctx -> {
            try {
                return new Opened(ChosenDataset.open(dir, kind -> models.forKind(now, kind),
                        withThumbnails ? THUMBNAILS : 0, THUMB_SIZE), null);
            } catch (java.io.IOException | RuntimeException e) {
                return new Opened(null, explain(dir, e));
            }
        }).result().whenComplete((opened, error) -> Platform.runLater(() -> {
            if (!stillWanted.getAsBoolean()) {
                return;
            }
            if (error != null) {
                failed.accept(explain(dir, error));
            } else if (opened.dataset() != null) {
                ok.accept(opened.dataset());
            } else {
                failed.accept(opened.problem());
            }
        }));
    }

    /** Why {@code dir} cannot be used, naming it and the fix. */
    static String explain(Path dir, Throwable error) {
        Throwable e = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (!Files.exists(dir)) {
            return dir + " does not exist. Choose a training folder (it holds dataset.json, images/ and labels/) or a"
                    + " METRO TSV dataset's yaml.";
        }
        if (Files.isRegularFile(dir) && !MetroTsvLayout.isYaml(dir)) {
            return dir + " is neither a training folder nor a METRO TSV dataset's yaml. Choose the folder that holds"
                    + " dataset.json, or a yaml such as train.yaml beside its .img.tsv / .label.tsv files.";
        }
        if (e instanceof FormatException f && f.getCause() instanceof NoSuchFileException
                && dir.resolve(TrainingFolder.MANIFEST).equals(f.file())) {
            return dir + " is not a training folder (it has no " + TrainingFolder.MANIFEST + ") nor a METRO TSV"
                    + " dataset (no yaml or *.img.tsv). Make one with 'metroscope synth --out " + dir + "' or export a"
                    + " training set from Annotate, or choose a TSV dataset's yaml, then choose it here.";
        }
        return e.getMessage() == null ? dir + ": " + e : e.getMessage();
    }

    /** The training dataset as opened, or null while none is (or it is being read, or is unusable). */
    ReadOnlyObjectProperty<ChosenDataset> datasetProperty() {
        return dataset.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<ChosenDataset> validationDatasetProperty() {
        return validationDataset.getReadOnlyProperty();
    }

    /** Why the dataset cannot be trained on yet (empty when it can). */
    ObjectProperty<String> problemProperty() {
        return problem;
    }

    ObjectProperty<String> validationProblemProperty() {
        return validationProblem;
    }

    /** The dataset's mesh kind, or null. */
    MeshKind kind() {
        ChosenDataset d = dataset.get();
        return d == null ? null : d.meshKind();
    }

    /** The validation data's path, or null when none is set. */
    Path validationDir() {
        return typed(validation);
    }

    /** The thumbnail strip (for tests and screenshots). */
    TilePane thumbnails() {
        return thumbnails;
    }

    Label summary() {
        return summary;
    }
}
