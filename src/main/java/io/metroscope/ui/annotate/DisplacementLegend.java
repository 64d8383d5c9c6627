package io.metroscope.ui.annotate;

import io.metroscope.ui.mesh.ColorMap;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.scene.shape.Rectangle;

/** The displacement heatmap's colour bar: 0 mm to the largest displacement shown. */
final class DisplacementLegend extends HBox {

    private final Label high = new Label();

    DisplacementLegend(ColorMap map) {
        setId("annotate-heatmap-legend");
        setSpacing(6);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 8, 4, 8));
        setStyle("-fx-background-color: rgba(20, 24, 30, 0.75); -fx-background-radius: 4;");
        Stop[] stops = new Stop[11];
        for (int i = 0; i < stops.length; i++) {
            stops[i] = new Stop(i / 10.0, map.at(i / 10.0));
        }
        Rectangle bar = new Rectangle(140, 12);
        bar.setFill(new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE, stops));
        Label title = new Label("Displacement");
        Label low = new Label("0 mm");
        for (Label l : new Label[] {title, low, high}) {
            l.setStyle("-fx-text-fill: #e8e8e8;");
        }
        high.setId("annotate-heatmap-max");
        getChildren().addAll(title, low, bar, high);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        setMouseTransparent(true);
    }

    void setMaximum(double mm) {
        high.setText(String.format(java.util.Locale.ROOT, "%.0f mm", mm));
    }
}
