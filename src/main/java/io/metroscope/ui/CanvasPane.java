package io.metroscope.ui;

import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Pane;

/** A pane holding a canvas that follows its size and is redrawn whenever the size changes. */
public abstract class CanvasPane extends Pane {

    private final Canvas canvas = new Canvas();

    protected CanvasPane() {
        getChildren().add(canvas);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());
        setMinSize(100, 80);
    }

    /** The canvas, e.g. for a snapshot. */
    public Canvas canvas() {
        return canvas;
    }

    /** Draws everything again at the current size. */
    protected abstract void redraw();
}
