package io.metroscope.ui.annotate;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A slider per shape direction of the template: dragging previews the change live, releasing commits it as one
 * undoable edit and returns the slider to 0 (each slider is a change from the current shape, in units of the
 * direction's standard deviation).
 */
final class ShapePane extends VBox {

    /** What the sliders do. */
    interface Listener {
        /** Shape change so far (preview only). */
        void preview(double[] deltaBetas);

        /** Shape change to commit. */
        void commit(double[] deltaBetas);
    }

    private final GridPane grid = new GridPane();
    private final Label title = new Label("Shape");
    private Listener listener;
    private Slider[] sliders = new Slider[0];
    private boolean resetting;

    ShapePane() {
        setId("annotate-shape-pane");
        setSpacing(4);
        setPadding(new Insets(6));
        grid.setHgap(4);
        grid.setVgap(2);
        getChildren().addAll(title, grid);
    }

    void setListener(Listener l) {
        listener = l;
    }

    /** One slider per name; hidden when there are none. */
    void setShapeNames(List<String> names) {
        grid.getChildren().clear();
        sliders = new Slider[names.size()];
        for (int k = 0; k < names.size(); k++) {
            Slider s = new Slider(-3, 3, 0);
            s.setId("annotate-shape-" + names.get(k));
            s.setFocusTraversable(false);
            GridPane.setHgrow(s, Priority.ALWAYS);
            int index = k;
            s.valueChangingProperty().addListener((o, was, now) -> {
                if (!now) {
                    commit(index);
                }
            });
            s.valueProperty().addListener((o, a, v) -> {
                if (resetting) {
                    return;
                }
                if (s.isValueChanging()) {
                    if (listener != null) {
                        listener.preview(delta(index, v.doubleValue()));
                    }
                } else {
                    commit(index); // a click on the track or a key: no drag to wait for
                }
            });
            Label name = new Label(names.get(k).replace('_', ' '));
            name.setMinWidth(90);
            grid.addRow(k, name, s);
            sliders[k] = s;
        }
        title.setText(names.isEmpty() ? "" : "Drag a slider: each release is one edit");
        setVisible(!names.isEmpty());
        setManaged(!names.isEmpty());
    }

    /** The slider of shape direction {@code k} (for tests). */
    Slider slider(int k) {
        return sliders[k];
    }

    private void commit(int index) {
        Slider s = sliders[index];
        double v = s.getValue();
        resetting = true;
        s.setValue(0);
        resetting = false;
        if (Math.abs(v) >= 0.01 && listener != null) {
            listener.commit(delta(index, v));
        }
    }

    private double[] delta(int index, double value) {
        double[] d = new double[sliders.length];
        d[index] = Math.round(value * 100) / 100.0;
        return d;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ShapePane[%d]", sliders.length);
    }
}
