package io.metroscope.ui.finetune;

import io.metroscope.format.FormatException;
import io.metroscope.jobs.JobService;
import io.metroscope.model.MeshKind;
import io.metroscope.body.TemplateKind;
import io.metroscope.train.TrainingFolder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
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
import javafx.stage.DirectoryChooser;

/**
 * Chooses the training folder (and an optional validation folder) by chooser, typing or drag-and-drop, and
 * previews it: item count, template kind, image size and a few thumbnails that JavaFX decodes in the background.
 * Manifests are read on a job worker, never on the FX thread.
 */
final class DatasetPane extends VBox {

    /** Thumbnails shown per dataset. */
    static final int THUMBNAILS = 8;
    private static final int THUMB_SIZE = 64;

    private final JobService jobs;
    private final TextField training = new TextField();
    private final TextField validation = new TextField();
    private final Label summary = new Label("Choose a training folder (or drop one here).");
    private final Label validationSummary = new Label("");
    private final TilePane thumbnails = new TilePane(4, 4);
    private final ReadOnlyObjectWrapper<TrainingFolder> folder = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<TrainingFolder> validationFolder = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<String> problem = new SimpleObjectProperty<>("choose a training folder");
    private final ObjectProperty<String> validationProblem = new SimpleObjectProperty<>("");

    DatasetPane(JobService jobs) {
        this.jobs = jobs;
        setId("finetune-dataset");
        setSpacing(4);
        training.setId("finetune-training-folder");
        validation.setId("finetune-validation-folder");
        training.setPromptText("training folder");
        validation.setPromptText("validation folder (optional)");
        summary.setId("finetune-dataset-summary");
        summary.setWrapText(true);
        validationSummary.setId("finetune-validation-summary");
        validationSummary.setWrapText(true);
        thumbnails.setId("finetune-thumbnails");
        thumbnails.setPrefColumns(4);
        training.setOnAction(e -> setTraining(typed(training)));
        validation.setOnAction(e -> setValidation(typed(validation)));
        training.focusedProperty().addListener((o, was, now) -> {
            if (!now && !training.getText().equals(shown(folder.get()))) {
                setTraining(typed(training));
            }
        });
        validation.focusedProperty().addListener((o, was, now) -> {
            if (!now && !validation.getText().equals(shown(validationFolder.get()))) {
                setValidation(typed(validation));
            }
        });
        getChildren().addAll(row(training, this::setTraining, "Training folder"), summary, thumbnails,
                row(validation, this::setValidation, "Validation folder"), validationSummary);
        validation.setOnDragOver(DatasetPane::acceptFolders);
        validation.setOnDragDropped(e -> dropped(e, this::setValidation));
    }

    private static String shown(TrainingFolder f) {
        return f == null ? "" : f.dir().toString();
    }

    private static Path typed(TextField f) {
        String s = f.getText().trim();
        return s.isEmpty() ? null : Path.of(s);
    }

    private HBox row(TextField field, Consumer<Path> onChosen, String title) {
        Button browse = new Button("Browse…");
        browse.setId(field.getId() + "-browse");
        browse.setOnAction(e -> {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle(title);
            Path start = typed(field);
            if (start != null && Files.isDirectory(start)) {
                c.setInitialDirectory(start.toFile());
            }
            File chosen = c.showDialog(getScene() == null ? null : getScene().getWindow());
            if (chosen != null) {
                onChosen.accept(chosen.toPath());
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

    /** Uses the first dropped folder (or the folder of a dropped dataset.json). */
    static void dropped(DragEvent e, Consumer<Path> target) {
        boolean ok = false;
        if (e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty()) {
            Path p = e.getDragboard().getFiles().get(0).toPath();
            target.accept(Files.isDirectory(p) || p.getParent() == null ? p : p.getParent());
            ok = true;
        }
        e.setDropCompleted(ok);
        e.consume();
    }

    /** Chooses the training folder (null clears it) and previews it in the background. */
    void setTraining(Path dir) {
        training.setText(dir == null ? "" : dir.toString());
        folder.set(null);
        thumbnails.getChildren().clear();
        if (dir == null) {
            problem.set("choose a training folder");
            summary.setText("Choose a training folder (or drop one here).");
            return;
        }
        problem.set("reading " + dir + "…");
        summary.setText("Reading " + dir + "…");
        open(dir, f -> {
            folder.set(f);
            problem.set("");
            summary.setText(describe(f));
            int n = Math.min(THUMBNAILS, f.size());
            for (int k = 0; k < n; k++) {
                int item = (int) ((long) k * f.size() / n);
                ImageView view = new ImageView(new Image(f.imageFile(item).toUri().toString(), THUMB_SIZE, THUMB_SIZE,
                        true, true, true));
                view.setId("finetune-thumbnail-" + k);
                thumbnails.getChildren().add(view);
            }
        }, message -> {
            problem.set(message);
            summary.setText(message);
        }, () -> training.getText().equals(dir.toString()));
    }

    /** Chooses the validation folder (null: none, validation is then skipped). */
    void setValidation(Path dir) {
        validation.setText(dir == null ? "" : dir.toString());
        validationFolder.set(null);
        if (dir == null) {
            validationProblem.set("");
            validationSummary.setText("No validation folder: the best checkpoint is chosen by training loss.");
            return;
        }
        validationProblem.set("reading " + dir + "…");
        open(dir, f -> {
            validationFolder.set(f);
            validationProblem.set("");
            validationSummary.setText("Validation: " + describe(f));
        }, message -> {
            validationProblem.set("validation folder: " + message);
            validationSummary.setText(message);
        }, () -> validation.getText().equals(dir.toString()));
    }

    /** A folder opened, or why not: a wrong choice is the user's to fix here, not a failed job for a dialog. */
    private record Opened(TrainingFolder folder, String problem) {
    }

    private void open(Path dir, Consumer<TrainingFolder> ok, Consumer<String> failed,
            java.util.function.BooleanSupplier stillWanted) {
        jobs.submit("Reading " + dir.getFileName(), ctx -> {
            try {
                return new Opened(TrainingFolder.open(dir), null);
            } catch (java.io.IOException | RuntimeException e) {
                return new Opened(null, explain(dir, e));
            }
        }).result().whenComplete((opened, error) -> Platform.runLater(() -> {
            if (!stillWanted.getAsBoolean()) {
                return;
            }
            if (error != null) {
                failed.accept(explain(dir, error));
            } else if (opened.folder() != null) {
                ok.accept(opened.folder());
            } else {
                failed.accept(opened.problem());
            }
        }));
    }

    /** Why {@code dir} cannot be used, naming it and the fix. */
    static String explain(Path dir, Throwable error) {
        Throwable e = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (!Files.isDirectory(dir)) {
            return dir + " is not a folder. Choose the folder that holds dataset.json, images/ and labels/.";
        }
        if (e instanceof FormatException f && f.getCause() instanceof NoSuchFileException) {
            return dir + " is not a training folder (it has no " + TrainingFolder.MANIFEST + "). Make one with "
                    + "'metroscope synth --out " + dir + "' or export a training set from Annotate, then choose it here.";
        }
        return e.getMessage() == null ? dir + ": " + e : e.getMessage();
    }

    /** E.g. {@code 12 items · body template (14 joints) · 224×224 px}. */
    static String describe(TrainingFolder f) {
        String size = f.imageSize() + "×" + f.imageSize() + " px" + (f.imageSize() == 224 ? ""
                : " (resized and centre-cropped to 224)");
        return String.format(Locale.ROOT, "%d item%s · %s template (%d joints) · %s", f.size(),
                f.size() == 1 ? "" : "s", f.kind().id(), f.jointNames().size(), size);
    }

    ReadOnlyObjectProperty<TrainingFolder> folderProperty() {
        return folder.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<TrainingFolder> validationFolderProperty() {
        return validationFolder.getReadOnlyProperty();
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
        TrainingFolder f = folder.get();
        return f == null ? null : f.kind() == TemplateKind.HAND ? MeshKind.HAND : MeshKind.BODY;
    }

    /** The validation folder's path, or null when none is set. */
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
