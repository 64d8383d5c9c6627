package io.metroscope.ui.reconstruct;

import io.metroscope.model.CheckpointFolder;
import io.metroscope.platform.DeviceSpec;
import io.metroscope.recon.ModelBundles;
import io.metroscope.recon.ModelSource;
import io.metroscope.recon.ModelSpec;
import io.metroscope.recon.TemplateSource;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Asks what a METRO model needs besides its checkpoint: the template (from SMPL or MANO plus MeshTransformer's
 * data folder, or a template file) and the number of attention heads, which checkpoints do not store. A model
 * bundle named instead holds all of that: the dialog then only names it ({@link #chosenBundle}).
 */
public final class ModelSetupDialog extends Dialog<ModelSpec> {

    /** Where the template comes from. */
    enum TemplateMode {
        SMPL("SMPL model + MeshTransformer data (body)"),
        MANO("MANO model + MeshTransformer data (hand)"),
        FILE("Template file (.npz)");

        private final String label;

        TemplateMode(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final TextField checkpoint = new TextField();
    private final ComboBox<TemplateMode> mode = new ComboBox<>();
    private final TextField modelFile = new TextField();
    private final TextField metroData = new TextField();
    private final Spinner<Integer> heads = new Spinner<>(1, 64, 4);
    private final BooleanBinding bundleNamed = Bindings.createBooleanBinding(() -> bundleIn(checkpoint.getText())
            .isPresent(), checkpoint.textProperty());
    private Path chosenBundle;

    public ModelSetupDialog(Window owner, Path initialCheckpoint, DeviceSpec device) {
        initOwner(owner);
        setTitle("Open Model");
        setHeaderText("A METRO checkpoint runs with a template: SMPL for body models, MANO for hand models.\n"
                + "A model bundle (.metro.json or its folder) holds its template and heads.");
        getDialogPane().setId("model-setup");
        checkpoint.setId("setup-checkpoint");
        modelFile.setId("setup-model-file");
        metroData.setId("setup-metro-data");
        mode.setId("setup-mode");
        mode.getItems().setAll(TemplateMode.values());
        mode.getSelectionModel().select(TemplateMode.SMPL);
        if (initialCheckpoint != null) {
            checkpoint.setText(initialCheckpoint.toString());
        }
        heads.setEditable(true);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.addRow(0, new Label("Checkpoint or bundle"), withBrowse(checkpoint, false));
        grid.addRow(1, new Label("Template"), mode);
        Label modelLabel = new Label("SMPL/MANO file");
        grid.addRow(2, modelLabel, withBrowse(modelFile, false));
        Label dataLabel = new Label("MeshTransformer data folder");
        grid.addRow(3, dataLabel, withBrowse(metroData, true));
        grid.addRow(4, new Label("Attention heads"), heads);
        mode.valueProperty().addListener((o, a, m) -> {
            modelLabel.setText(m == TemplateMode.FILE ? "Template file" : m == TemplateMode.SMPL ? "SMPL file" : "MANO file");
            dataLabel.setDisable(m == TemplateMode.FILE);
            metroData.getParent().setDisable(m == TemplateMode.FILE || bundleNamed.get());
        });
        bundleNamed.addListener((o, a, bundle) -> {
            mode.setDisable(bundle);
            modelFile.getParent().setDisable(bundle);
            metroData.getParent().setDisable(bundle || mode.getValue() == TemplateMode.FILE);
            heads.setDisable(bundle);
        });
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        Button ok = (Button) getDialogPane().lookupButton(ButtonType.OK);
        ok.setText("Load");
        ok.disableProperty().bind(checkpoint.textProperty().isEmpty()
                .or(modelFile.textProperty().isEmpty().and(bundleNamed.not())));
        setResultConverter(b -> {
            if (b != ButtonType.OK) {
                return null;
            }
            chosenBundle = bundleIn(checkpoint.getText()).orElse(null);
            return chosenBundle != null ? null : spec(device).orElse(null);
        });
    }

    /** The model bundle the user named instead of a checkpoint (the result is then null); empty otherwise. */
    public Optional<Path> chosenBundle() {
        return Optional.ofNullable(chosenBundle);
    }

    /** {@code text} as a bundle's manifest or folder (by name or by its manifest on disk), else empty. */
    private static Optional<Path> bundleIn(String text) {
        try {
            Path p = Path.of(text.trim());
            boolean bundle = !text.isBlank() && (ModelBundles.isManifestName(p)
                    || ModelSource.kindOf(p) == ModelSource.Kind.BUNDLE && ModelSource.exists(p));
            return bundle ? Optional.of(p) : Optional.empty();
        } catch (InvalidPathException notAPath) {
            return Optional.empty();
        }
    }

    /** Fills the template fields, e.g. from the last model the user loaded. */
    void setTemplate(TemplateMode m, Path model, Path data) {
        mode.getSelectionModel().select(m);
        modelFile.setText(model == null ? "" : model.toString());
        metroData.setText(data == null ? "" : data.toString());
    }

    private Optional<ModelSpec> spec(DeviceSpec device) {
        Path ckpt = Path.of(checkpoint.getText().trim());
        if (ModelSource.kindOf(ckpt) == ModelSource.Kind.RUN_FOLDER) {
            ckpt = ckpt.resolve(CheckpointFolder.MODEL_FILE);
        }
        Path model = Path.of(modelFile.getText().trim());
        Path data = metroData.getText().isBlank() ? null : Path.of(metroData.getText().trim());
        TemplateSource source = switch (mode.getValue()) {
            case SMPL -> new TemplateSource.Smpl(model, data);
            case MANO -> new TemplateSource.Mano(model, data);
            case FILE -> new TemplateSource.File(model);
        };
        return Optional.of(ModelSpec.of(ckpt, source).withHeads(heads.getValue()).withDevice(device));
    }

    private HBox withBrowse(TextField field, boolean folder) {
        field.setPrefColumnCount(36);
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            Path start = field.getText().isBlank() ? null : Path.of(field.getText()).getParent();
            File chosen;
            if (folder) {
                DirectoryChooser c = new DirectoryChooser();
                if (start != null && Files.isDirectory(start)) {
                    c.setInitialDirectory(start.toFile());
                }
                chosen = c.showDialog(getOwner());
            } else {
                FileChooser c = new FileChooser();
                if (start != null && Files.isDirectory(start)) {
                    c.setInitialDirectory(start.toFile());
                }
                chosen = c.showOpenDialog(getOwner());
            }
            if (chosen != null) {
                field.setText(chosen.toString());
            }
        });
        HBox box = new HBox(6, field, browse);
        HBox.setHgrow(field, Priority.ALWAYS);
        return box;
    }
}
