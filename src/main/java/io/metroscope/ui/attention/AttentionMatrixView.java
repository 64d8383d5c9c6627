package io.metroscope.ui.attention;

import io.metroscope.ui.mesh.ColorMap;
import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * A rows × columns attention matrix as a heat map (joints × tokens for the body, paper Fig. 4; joints × joints
 * for the hand, Fig. 10), each row scaled to its own maximum, with a readout of the cell under the mouse.
 */
final class AttentionMatrixView extends BorderPane {

    private static final double LABEL_WIDTH = 86;
    private final Canvas canvas = new Canvas();
    private final Label readout = new Label(" ");
    private double[] matrix;
    private int rows;
    private int cols;
    private List<String> rowNames = List.of();
    private List<String> colNames = List.of();
    private ColorMap map = ColorMap.VIRIDIS;
    /** One pixel per cell, drawn scaled without smoothing: one image draw instead of a rectangle per cell. */
    private javafx.scene.image.WritableImage cells;

    AttentionMatrixView() {
        setId("attention-matrix");
        readout.setId("attention-readout");
        Pane holder = new Pane(canvas);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());
        canvas.setOnMouseMoved(e -> readout.setText(describe(e.getX(), e.getY())));
        canvas.setOnMouseExited(e -> readout.setText(" "));
        setCenter(holder);
        setBottom(readout);
        setMinSize(100, 80);
    }

    void show(double[] values, int rowCount, int colCount, List<String> rowLabels, List<String> colLabels,
            ColorMap colorMap) {
        matrix = values;
        rows = rowCount;
        cols = colCount;
        rowNames = rowLabels;
        colNames = colLabels;
        map = colorMap;
        cells = cellImage();
        redraw();
    }

    /** Each row scaled to its own maximum, through the colour map's palette. */
    private javafx.scene.image.WritableImage cellImage() {
        if (matrix == null || rows == 0 || cols == 0) {
            return null;
        }
        int[] lut = map.argbLevels();
        int[] argb = new int[rows * cols];
        for (int r = 0; r < rows; r++) {
            double max = 0;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, matrix[r * cols + c]);
            }
            for (int c = 0; c < cols; c++) {
                argb[r * cols + c] = lut[ColorMap.level(max > 0 ? matrix[r * cols + c] / max : 0)];
            }
        }
        javafx.scene.image.WritableImage img = new javafx.scene.image.WritableImage(cols, rows);
        img.getPixelWriter().setPixels(0, 0, cols, rows, javafx.scene.image.PixelFormat.getIntArgbPreInstance(), argb,
                0, cols);
        return img;
    }

    Canvas canvas() {
        return canvas;
    }

    /** What the cell at canvas point (x, y) holds, e.g. "R_Elbow → vertex_12: 0.0031". */
    String describe(double x, double y) {
        int[] cell = cellAt(x, y);
        if (cell == null) {
            return " ";
        }
        return String.format(Locale.ROOT, "%s → %s: %.4g", rowNames.get(cell[0]), colNames.get(cell[1]),
                matrix[cell[0] * cols + cell[1]]);
    }

    private int[] cellAt(double x, double y) {
        if (matrix == null || x < LABEL_WIDTH || x >= canvas.getWidth() || y < 0 || y >= canvas.getHeight()) {
            return null;
        }
        int c = (int) ((x - LABEL_WIDTH) / ((canvas.getWidth() - LABEL_WIDTH) / cols));
        int r = (int) (y / (canvas.getHeight() / rows));
        return r < rows && c < cols ? new int[] {r, c} : null;
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.web("#20242a"));
        g.fillRect(0, 0, w, h);
        if (cells == null) {
            return;
        }
        double ch = h / rows;
        g.setImageSmoothing(false);
        g.drawImage(cells, LABEL_WIDTH, 0, w - LABEL_WIDTH, h);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        g.setFill(Color.LIGHTGRAY);
        for (int r = 0; r < rows; r++) {
            g.fillText(rowNames.get(r), LABEL_WIDTH - 4, r * ch + ch / 2);
        }
    }
}
