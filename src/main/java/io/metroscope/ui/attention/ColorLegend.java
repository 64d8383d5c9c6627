package io.metroscope.ui.attention;

import io.metroscope.ui.mesh.ColorMap;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.scene.shape.Rectangle;

/** A horizontal colour bar with its end labels, for the attention colour map. */
final class ColorLegend extends HBox {

    private final Rectangle bar = new Rectangle(130, 12);
    private final Label low = new Label("0");
    private final Label high = new Label("1");

    ColorLegend() {
        setId("attention-legend");
        setSpacing(6);
        setAlignment(Pos.CENTER_LEFT);
        low.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        high.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        getChildren().addAll(low, bar, high);
        setMap(ColorMap.VIRIDIS);
    }

    void setMap(ColorMap map) {
        Stop[] stops = new Stop[11];
        for (int i = 0; i < stops.length; i++) {
            double t = i / 10.0;
            stops[i] = new Stop(t, map.at(t));
        }
        bar.setFill(new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE, stops));
    }

    void setRange(String lowText, String highText) {
        low.setText(lowText);
        high.setText(highText);
    }
}
