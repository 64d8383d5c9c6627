package io.metroscope.ui.finetune;

import io.metroscope.model.MeshKind;
import io.metroscope.recon.ModelSource;
import io.metroscope.train.Augmentation;
import io.metroscope.train.LossWeights;
import io.metroscope.train.MaskedVertexModeling;
import io.metroscope.train.Recipe;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * Edits a {@link Recipe}: a preset fills every field, each field is validated as typed (bad ones outlined, the
 * first reason offered by {@link #problem}), and {@link #recipe} builds the recipe for a training folder.
 */
final class RecipeEditor extends GridPane {

    private final ComboBox<String> preset = new ComboBox<>();
    private final ComboBox<MeshKind> kind = new ComboBox<>();
    private final ComboBox<String> architecture = new ComboBox<>();
    private final ValidatedField<Integer> heads = new ValidatedField<>("Heads", "recipe-heads",
            ValidatedField.integer(1, 64));
    private final ValidatedField<String> init = new ValidatedField<>("Start from", "recipe-init", RecipeEditor::init);
    private final ValidatedField<Integer> epochs = new ValidatedField<>("Epochs", "recipe-epochs",
            ValidatedField.integer(1, 100_000));
    private final ValidatedField<Integer> batch = new ValidatedField<>("Batch", "recipe-batch",
            ValidatedField.integer(1, 4096));
    private final ValidatedField<Integer> accumulate = new ValidatedField<>("Accumulate", "recipe-accumulate",
            ValidatedField.integer(1, 1024));
    private final ValidatedField<Integer> limit = new ValidatedField<>("Item limit", "recipe-limit",
            ValidatedField.integer(0, Integer.MAX_VALUE));
    private final ValidatedField<Double> learningRate = new ValidatedField<>("Learning rate", "recipe-lr",
            ValidatedField.number(0, 10, true));
    private final ValidatedField<Double> lrStep = new ValidatedField<>("LR step (epochs)", "recipe-lr-step",
            ValidatedField.number(0, 1e6, false));
    private final ValidatedField<Double> lrGamma = new ValidatedField<>("LR gamma", "recipe-lr-gamma",
            ValidatedField.number(0, 1, true));
    private final ValidatedField<Integer> warmup = new ValidatedField<>("Warm-up steps", "recipe-warmup",
            ValidatedField.integer(0, 1_000_000));
    private final ValidatedField<Double> clip = new ValidatedField<>("Clip norm", "recipe-clip",
            ValidatedField.number(0, 1e9, false));
    private final ValidatedField<Long> seed = new ValidatedField<>("Seed", "recipe-seed", ValidatedField.anyLong());
    private final ValidatedField<Double> dropout = new ValidatedField<>("Dropout", "recipe-dropout",
            ValidatedField.number(0, 0.9, false));
    private final ValidatedField<Double> wJoints3d = new ValidatedField<>("3D joint weight", "recipe-w-joints3d",
            ValidatedField.number(0, 1e6, false));
    private final ValidatedField<Double> wVertices = new ValidatedField<>("Vertex weight", "recipe-w-vertices",
            ValidatedField.number(0, 1e6, false));
    private final ValidatedField<Double> wJoints2d = new ValidatedField<>("2D joint weight", "recipe-w-joints2d",
            ValidatedField.number(0, 1e6, false));
    private final ValidatedField<Double> wCoarse = new ValidatedField<>("Coarse-level weight", "recipe-w-coarse",
            ValidatedField.number(0, 1e6, false));
    private final ValidatedField<Double> wMid = new ValidatedField<>("Mid-level weight", "recipe-w-mid",
            ValidatedField.number(0, 1e6, false));
    private final ValidatedField<Double> wFull = new ValidatedField<>("Full-mesh weight", "recipe-w-full",
            ValidatedField.number(0, 1e6, false));
    private final ValidatedField<Double> mvmJoints = new ValidatedField<>("MVM joints %", "recipe-mvm-joints",
            ValidatedField.number(0, 100, false));
    private final ValidatedField<Double> mvmVertices = new ValidatedField<>("MVM vertices %", "recipe-mvm-vertices",
            ValidatedField.number(0, 100, false));
    private final CheckBox learnedToken = new CheckBox("Learned [MASK] token");
    private final CheckBox augment = new CheckBox("Augment (official scale, rotation, flip, pixel noise)");
    private final CheckBox centreCamera = new CheckBox("Start the camera at the data's mean");
    private int loaderWorkers;
    private final ValidatedField<Integer> checkpointEvery = new ValidatedField<>("Checkpoint every", "recipe-ckpt-every",
            ValidatedField.integer(0, Integer.MAX_VALUE));
    private final ValidatedField<Path> output = new ValidatedField<>("Output folder", "recipe-output",
            RecipeEditor::output);
    private final HBox startMenuHolder = new HBox();
    private final List<ValidatedField<?>> fields = List.of(heads, init, epochs, batch, accumulate, limit, learningRate,
            lrStep, lrGamma, warmup, clip, seed, dropout, wJoints3d, wVertices, wJoints2d, wCoarse, wMid, wFull,
            mvmJoints, mvmVertices, checkpointEvery, output);
    private final ObjectProperty<MeshKind> datasetKind = new SimpleObjectProperty<>();
    private final StringBinding problem;
    private String name = "demo";

    RecipeEditor() {
        setId("recipe-editor");
        setHgap(6);
        setVgap(4);
        setPadding(new Insets(4, 0, 4, 0));
        preset.setId("recipe-preset");
        preset.getItems().setAll(Recipe.PRESETS);
        preset.setOnAction(e -> {
            if (preset.getValue() != null) {
                show(Recipe.preset(preset.getValue()), false);
            }
        });
        kind.setId("recipe-kind");
        kind.getItems().setAll(MeshKind.values());
        architecture.setId("recipe-architecture");
        architecture.getItems().setAll(Recipe.ARCHITECTURES);
        architecture.setTooltip(new Tooltip("official: HRNet-W64 (body) / -W64 (hand), as released; tiny: a CI-sized "
                + "network; small: the bundled demo models' ResNet-18-like network"));
        wMid.setTooltip(new Tooltip("The body's 1723-vertex level; a hand mesh has no mid level"));
        kind.valueProperty().addListener((o, was, k) -> wMid.setDisable(k == MeshKind.HAND));
        learnedToken.setId("recipe-learned-token");
        augment.setId("recipe-augment");
        centreCamera.setId("recipe-centre-camera");
        centreCamera.setTooltip(new Tooltip("Before a fresh run's first step, shift the camera head so that its mean "
                + "prediction is the training labels' mean camera (METRO starts it at zero; a short run from random "
                + "weights can then settle on a wrong, even mirrored, camera)"));
        init.setPromptText("random weights");
        init.setTooltip(new Tooltip("What to fine-tune from: a checkpoint (official state_dict or a Metroscope "
                + "model.pt), a run's checkpoint folder (its last/ or best/) or a model bundle (its folder or .metro.json, "
                + "e.g. assets/models/body-demo); "
                + "empty: random weights"));
        output.setPrefColumnCount(20);
        // Labels keep their full text (three say "Loss: …"); the fields take what width is left.
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setMinWidth(90);
        getColumnConstraints().setAll(labels, values);

        int row = 0;
        addRow(row++, new Label("Preset"), preset);
        addRow(row++, new Label("Mesh"), kind);
        addRow(row++, new Label("Network"), architecture);
        addRow(row++, new Label("Heads"), heads);
        // the start is usually a long path: its field spans the row under its label and menu
        addRow(row++, new Label("Start from"), startMenuHolder);
        add(init, 0, row++, 2, 1);
        addRow(row++, new Label("Epochs"), epochs);
        addRow(row++, new Label("Batch"), batch);
        addRow(row++, new Label("Accumulate"), accumulate);
        addRow(row++, new Label("Item limit (0 = all)"), limit);
        addRow(row++, new Label("Learning rate"), learningRate);
        addRow(row++, new Label("LR ×gamma every"), lrStep);
        addRow(row++, new Label("LR gamma"), lrGamma);
        addRow(row++, new Label("Warm-up steps (0 = off)"), warmup);
        addRow(row++, new Label("Clip norm (0 = off)"), clip);
        addRow(row++, new Label("Seed"), seed);
        addRow(row++, new Label("Dropout"), dropout);
        addRow(row++, new Label("Loss: 3D joints"), wJoints3d);
        addRow(row++, new Label("Loss: vertices"), wVertices);
        addRow(row++, new Label("Loss: 2D joints"), wJoints2d);
        addRow(row++, new Label("Vertices: coarse level"), wCoarse);
        addRow(row++, new Label("Vertices: mid level"), wMid);
        addRow(row++, new Label("Vertices: full mesh"), wFull);
        addRow(row++, new Label("MVM joints %"), mvmJoints);
        addRow(row++, new Label("MVM vertices %"), mvmVertices);
        add(learnedToken, 1, row++);
        add(augment, 1, row++);
        add(centreCamera, 1, row++);
        addRow(row++, new Label("Checkpoint every (steps)"), checkpointEvery);
        addRow(row, new Label("Output folder"), output);
        List<ObservableValue<?>> deps = new ArrayList<>();
        fields.forEach(f -> deps.add(f.errorProperty()));
        deps.add(kind.valueProperty());
        deps.add(architecture.valueProperty());
        deps.add(datasetKind);
        problem = Bindings.createStringBinding(this::firstProblem, deps.toArray(new javafx.beans.Observable[0]));
        preset.getSelectionModel().select("demo");
        show(Recipe.preset("demo"), false);
    }

    private String firstProblem() {
        for (ValidatedField<?> f : fields) {
            if (!f.errorProperty().get().isEmpty()) {
                return f.errorProperty().get();
            }
        }
        if (kind.getValue() == null || architecture.getValue() == null) {
            return "choose the mesh and the network";
        }
        if (datasetKind.get() != null && datasetKind.get() != kind.getValue()) {
            String k = datasetKind.get().name().toLowerCase(java.util.Locale.ROOT);
            return "the dataset holds " + k + " items but the recipe trains a "
                    + kind.getValue().name().toLowerCase(java.util.Locale.ROOT) + " network: set Mesh to " + k;
        }
        return "";
    }

    /** The first invalid value's reason, or empty when the recipe is complete. */
    StringBinding problem() {
        return problem;
    }

    /** The kind of the chosen dataset (null: none chosen), checked against the recipe's mesh. */
    ObjectProperty<MeshKind> datasetKindProperty() {
        return datasetKind;
    }

    /** Puts {@code menu} beside the "Start from" label, above its field. */
    void placeStartMenu(StartFromMenu menu) {
        startMenuHolder.getChildren().setAll(menu);
    }

    /** Takes a start chosen from the menu; a model bundle also sets the mesh, network and heads it holds. */
    void startFrom(StartFromMenu.Start start) {
        init.setText(start.init());
        if (start.kind() != null) {
            kind.setValue(start.kind());
            heads.show(start.heads());
            if (start.architecture() != null) {
                architecture.setValue(start.architecture());
            }
        }
    }

    /** Fills every field from {@code r}; {@code withOutput} also takes its output folder. */
    void show(Recipe r, boolean withOutput) {
        name = r.name();
        kind.setValue(r.kind());
        architecture.setValue(r.architecture());
        heads.show(r.heads());
        init.setText(r.init() == null ? "" : r.init());
        epochs.show(r.epochs());
        batch.show(r.batchSize());
        accumulate.show(r.accumulate());
        limit.show(r.limit());
        learningRate.show(r.learningRate());
        lrStep.show(r.lrStepEpochs());
        lrGamma.show(r.lrGamma());
        warmup.show(r.warmupSteps());
        clip.show(r.clipNorm());
        seed.show(r.seed());
        dropout.show(Double.parseDouble(Float.toString(r.dropout())));
        wJoints3d.show(r.loss().joints3d());
        wVertices.show(r.loss().vertices());
        wJoints2d.show(r.loss().joints2d());
        wCoarse.show(r.loss().coarse());
        wMid.show(r.loss().mid());
        wFull.show(r.loss().full());
        mvmJoints.show(r.mvm().jointPercent() * 100);
        mvmVertices.show(r.mvm().vertexPercent() * 100);
        learnedToken.setSelected(r.mvm().learnedToken());
        augment.setSelected(r.augment().enabled());
        centreCamera.setSelected(r.centreCamera());
        loaderWorkers = r.loaderWorkers();
        checkpointEvery.show(r.checkpointEverySteps());
        if (withOutput || output.getText().isBlank()) {
            output.setText(r.output());
        }
    }

    /** The recipe for {@code data} (and {@code validation}, may be null); null while a field is invalid. */
    Recipe recipe(Path data, Path validation) {
        if (!problem.get().isEmpty()) {
            return null;
        }
        LossWeights loss = new LossWeights(wJoints3d.value(), wVertices.value(), wJoints2d.value(), wCoarse.value(),
                wMid.value(), wFull.value());
        MaskedVertexModeling mvm = new MaskedVertexModeling(mvmJoints.value() / 100, mvmVertices.value() / 100,
                learnedToken.isSelected());
        String start = init.value();
        return new Recipe(name, kind.getValue(), architecture.getValue(), heads.value(),
                start.isEmpty() ? null : start, data == null ? "data" : data.toString(),
                validation == null ? null : validation.toString(), limit.value(), epochs.value(), batch.value(),
                accumulate.value(), learningRate.value(), lrStep.value(), lrGamma.value(), clip.value(), seed.value(),
                dropout.value().floatValue(), loss, mvm, checkpointEvery.value(), output.value().toString(),
                augment.isSelected() ? Augmentation.official(kind.getValue()) : Augmentation.off(), loaderWorkers,
                warmup.value(), centreCamera.isSelected());
    }

    /** The output folder as typed, or null while invalid. */
    Path output() {
        return output.value();
    }

    void setOutput(Path folder) {
        output.setText(folder.toString());
    }

    TextField outputField() {
        return output;
    }

    ComboBox<String> presetBox() {
        return preset;
    }

    /** The editable nodes, to lock while a run is going. */
    List<Node> inputs() {
        List<Node> all = new ArrayList<>(fields);
        all.addAll(List.of(preset, kind, architecture, learnedToken, augment, centreCamera));
        return all;
    }

    private static String init(String s) {
        if (s.isEmpty()) {
            return s;
        }
        Path p = path(s);
        if (!ModelSource.exists(p)) {
            throw new IllegalArgumentException("no checkpoint file, run checkpoint folder or model bundle at " + p
                    + " (leave empty for random weights)");
        }
        return s;
    }

    private static Path output(String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("choose where checkpoints go");
        }
        Path p = path(s);
        if (Files.exists(p) && !Files.isDirectory(p)) {
            throw new IllegalArgumentException(p + " is a file, not a folder");
        }
        return p;
    }

    private static Path path(String s) {
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid path: " + e.getReason());
        }
    }

}
