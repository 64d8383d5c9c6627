package io.metroscope.ui;

import io.metroscope.body.BodyModelFile;
import io.metroscope.jobs.JobService;
import io.metroscope.settings.Settings;
import io.metroscope.settings.SettingsAccess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * View ▸ Body Model Files…: where the user's SMPL and MANO files are, chosen once and kept in the settings (SMPL
 * imports in Annotate and TSV training use them). A chosen file is read on a job first and kept only when it is
 * the right kind of model; otherwise the dialog says what is wrong with it and how to fix that.
 */
final class BodyModelFilesDialog extends Dialog<ButtonType> {

    private final JobService jobs;
    private final SettingsAccess settings;
    private final Map<BodyModelFile, Row> rows = new EnumMap<>(BodyModelFile.class);

    /** The widgets of one model's row. */
    private record Row(Label path, Label status, Button clear) {
    }

    BodyModelFilesDialog(Window owner, JobService jobs, SettingsAccess settings) {
        this.jobs = jobs;
        this.settings = settings;
        initOwner(owner);
        setTitle("Body Model Files");
        setHeaderText("The SMPL and MANO files that pose SMPL imports and METRO TSV labels into meshes");
        getDialogPane().setId("body-models-dialog");
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        int r = 0;
        for (BodyModelFile kind : BodyModelFile.values()) {
            String id = "body-models-" + kind.label().toLowerCase(Locale.ROOT);
            Label title = new Label(kind == BodyModelFile.SMPL ? "SMPL body" : "MANO right hand");
            title.getStyleClass().add("body-models-kind");
            Label path = new Label();
            path.setId(id + "-path");
            path.setMaxWidth(460);
            Label status = new Label();
            status.setId(id + "-status");
            status.setWrapText(true);
            status.setMaxWidth(640);
            Button choose = new Button("Choose…");
            choose.setId(id + "-choose");
            choose.setOnAction(e -> askFor(kind));
            Button clear = new Button("Clear");
            clear.setId(id + "-clear");
            clear.setOnAction(e -> clear(kind));
            grid.addRow(r++, title, path, choose, clear);
            grid.add(status, 1, r++, 3, 1);
            rows.put(kind, new Row(path, status, clear));
        }
        Label licence = new Label("SMPL and MANO are licence-gated (smpl.is.tue.mpg.de, mano.is.tue.mpg.de): "
                + "Metroscope only remembers where your files are; it never copies them.");
        licence.setId("body-models-licence");
        licence.setWrapText(true);
        licence.setMaxWidth(640);
        licence.getStyleClass().add("body-models-licence");
        getDialogPane().setContent(new VBox(14, grid, licence));
        getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        for (BodyModelFile kind : BodyModelFile.values()) {
            showConfigured(kind);
        }
    }

    /** The path kept for {@code kind} now, or null. */
    private String configured(BodyModelFile kind) {
        Settings s = settings.current();
        return kind == BodyModelFile.SMPL ? s.smplModel() : s.manoModel();
    }

    /** Shows the kept file and checks in the background that it still reads (it may have moved). */
    private void showConfigured(BodyModelFile kind) {
        Row row = rows.get(kind);
        String file = configured(kind);
        row.clear().setDisable(file == null);
        if (file == null) {
            row.path().setText("not set");
            status(kind, "Choose " + kind.usualFile() + " (or its .npz).", false);
            return;
        }
        row.path().setText(file);
        status(kind, "checking…", false);
        check(kind, Path.of(file)).thenAccept(problem -> Platform.runLater(() -> {
            if (file.equals(configured(kind)) && problem != null) {
                status(kind, sentence(problem) + " Choose the file again, or Clear.", true);
            }
        }));
    }

    private void askFor(BodyModelFile kind) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("The " + kind.label() + " model (" + kind.usualFile() + " or .npz)");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind.label() + " model files", "*.pkl",
                "*.npz", "*.pkl.gz"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
        String current = configured(kind);
        if (current != null && Files.isDirectory(Path.of(current).toAbsolutePath().getParent())) {
            chooser.setInitialDirectory(Path.of(current).toAbsolutePath().getParent().toFile());
        }
        File file = chooser.showOpenDialog(getOwner());
        if (file != null) {
            pick(kind, file.toPath());
        }
    }

    /**
     * Checks {@code file} as a {@code kind} model on a job; keeps it in the settings only when it reads. Completes
     * on the FX thread once the dialog shows the outcome, with whether the file was kept.
     */
    CompletableFuture<Boolean> pick(BodyModelFile kind, Path file) {
        Path absolute = file.toAbsolutePath();
        status(kind, "checking " + absolute.getFileName() + "…", false);
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        check(kind, absolute).thenAccept(problem -> Platform.runLater(() -> {
            if (problem != null) {
                status(kind, sentence(problem) + (configured(kind) == null ? " Nothing was kept."
                        : " The file set before is kept."), true);
                done.complete(false);
                return;
            }
            settings.update(s -> kind == BodyModelFile.SMPL ? s.withSmplModel(absolute.toString())
                    : s.withManoModel(absolute.toString()));
            rows.get(kind).path().setText(absolute.toString());
            rows.get(kind).clear().setDisable(false);
            done.complete(true);
        }));
        return done;
    }

    /** Forgets the {@code kind} file (the file itself is left alone). */
    void clear(BodyModelFile kind) {
        settings.update(s -> kind == BodyModelFile.SMPL ? s.withSmplModel(null) : s.withManoModel(null));
        showConfigured(kind);
    }

    /** Reads the file on a job: null when it is a good {@code kind} model (the row then says so), else why not. */
    private CompletableFuture<String> check(BodyModelFile kind, Path file) {
        if (!Files.isRegularFile(file)) {
            return CompletableFuture.completedFuture(file + " does not exist (moved or deleted?).");
        }
        return jobs.submit("Checking " + file.getFileName(), ctx -> kind.check(file)).result()
                .handle((summary, error) -> {
                    if (error == null) {
                        Platform.runLater(() -> status(kind, "✓ " + summary, false));
                        return null;
                    }
                    Throwable e = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    return e.getMessage() == null ? file + ": " + e : e.getMessage();
                });
    }

    private static String sentence(String text) {
        return text.endsWith(".") ? text : text + ".";
    }

    private void status(BodyModelFile kind, String text, boolean problem) {
        Label status = rows.get(kind).status();
        status.setText(text);
        status.getStyleClass().remove("body-models-problem");
        if (problem) {
            status.getStyleClass().add("body-models-problem");
        }
    }
}
