package io.metroscope.ui.annotate;

import io.metroscope.annotate.RefitModel;
import io.metroscope.annotate.RefitOptions;
import io.metroscope.annotate.RefitResult;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Refit controls: steps, learning rate and whether the upsampling stays as trained, the Refit button (a job on a
 * copy of the loaded model), and the proposal's 2D error before and after with Accept (one undoable edit) and
 * Discard.
 */
final class RefitPane extends VBox {

    private final AnnotateSession session;
    private final Supplier<RefitModel> model;
    private final Spinner<Integer> steps = new Spinner<>(1, 500, RefitOptions.defaults().steps());
    private final ComboBox<String> rate = new ComboBox<>();
    private final CheckBox keepUpsampling = new CheckBox("Keep the mesh upsampling");
    private final Button refit = new Button("Refit");
    private final Label result = new Label("Drag the 2D joints where they belong, then Refit: the model takes a few "
            + "steps on this image toward them.");
    private final Button accept = new Button("Accept proposal");
    private final Button discard = new Button("Discard");

    RefitPane(AnnotateSession session, Supplier<RefitModel> model) {
        this.session = session;
        this.model = model;
        setId("annotate-refit-pane");
        setSpacing(5);
        setPadding(new Insets(6));
        steps.setId("annotate-refit-steps");
        steps.setPrefWidth(80);
        steps.setEditable(true);
        rate.setId("annotate-refit-lr");
        rate.setEditable(true);
        rate.getItems().setAll("1e-5", "2e-5", "5e-5", "1e-4");
        rate.setValue("2e-5");
        rate.setPrefWidth(90);
        keepUpsampling.setId("annotate-refit-keep-upsampling");
        keepUpsampling.setSelected(RefitOptions.defaults().freezeUpsampling());
        keepUpsampling.setTooltip(new Tooltip("Fine-tune only the network before the learned coarse → full "
                + "upsampling: twice as fast, and the surface stays as smooth as the model makes it"));
        refit.setId("annotate-refit");
        refit.setTooltip(new Tooltip("Fine-tune a copy of the loaded model on this image toward the corrected 2D "
                + "joints (and 3D joints after 3D edits); the result is a proposal to accept or discard"));
        refit.setOnAction(e -> start());
        result.setId("annotate-refit-result");
        result.setWrapText(true);
        accept.setId("annotate-refit-accept");
        accept.setOnAction(e -> session.acceptProposal());
        discard.setId("annotate-refit-discard");
        discard.setOnAction(e -> session.discardProposal());
        for (Button b : new Button[] {refit, accept, discard}) {
            b.setFocusTraversable(false);
        }
        getChildren().addAll(new Label("Refit (model in the loop)"), new HBox(4, new Label("Steps"), steps,
                new Label("lr"), rate), keepUpsampling, refit, result, new HBox(4, accept, discard));
        session.proposalProperty().addListener((o, a, p) -> show(p == null ? null : p.result()));
        session.refittingProperty().addListener((o, a, r) -> update());
        session.currentProperty().addListener((o, a, s) -> update());
        show(null);
    }

    private void start() {
        RefitModel m = model.get();
        if (m == null) {
            result.setText("Load a model first (File ▸ Open Model…): refit fine-tunes a copy of it.");
            return;
        }
        float lr;
        try {
            lr = Float.parseFloat(rate.getEditor().getText().isBlank() ? rate.getValue()
                    : rate.getEditor().getText().strip());
            RefitOptions options = RefitOptions.defaults().withSteps(steps.getValue()).withLearningRate(lr)
                    .withFreezeUpsampling(keepUpsampling.isSelected());
            result.setText(String.format(Locale.ROOT, "Refitting with %s: %d steps at lr %s…", m.id(),
                    options.steps(), rate.getValue()));
            session.refit(m, options);
        } catch (IllegalArgumentException e) {
            result.setText("Refit needs a learning rate like 5e-5 and 1–500 steps (" + e.getMessage() + ")");
        }
    }

    private void show(RefitResult r) {
        if (r != null) {
            result.setText(String.format(Locale.ROOT, "Proposal (green): 2D joint error %.1f px → %.1f px "
                    + "(%.0f %% %s) after %d steps, %.1f s", r.errorBeforePx(), r.errorAfterPx(),
                    Math.abs(100 * r.errorCut()), r.errorCut() >= 0 ? "less" : "more", r.steps(), r.millis() / 1000));
        } else if (!session.refittingProperty().get()) {
            result.setText("Drag the 2D joints where they belong, then Refit: the model takes a few steps on this "
                    + "image toward them.");
        }
        update();
    }

    private void update() {
        boolean has = session.proposalProperty().get() != null;
        accept.setDisable(!has);
        discard.setDisable(!has);
        refit.setDisable(session.refittingProperty().get() || session.currentProperty().get() == null);
        refit.setText(session.refittingProperty().get() ? "Refitting…" : "Refit");
    }
}
