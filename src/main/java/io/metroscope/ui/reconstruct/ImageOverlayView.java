package io.metroscope.ui.reconstruct;

import io.metroscope.body.JointSet;
import io.metroscope.model.MeshKind;
import io.metroscope.recon.Reconstruction;
import io.metroscope.vision.CropTransform;
import io.metroscope.ui.CanvasPane;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;

/** The input image with the projected mesh (wireframe), the 2D joints and skeleton, and the crop box. */
public final class ImageOverlayView extends CanvasPane {

    private Image image;
    private Reconstruction result;
    private int[] faces;
    private boolean showMesh = true;
    private boolean showJoints = true;
    private boolean baked;
    private java.util.function.Consumer<double[]> onBoxDrawn = b -> { };
    private double[] dragStart;
    private double[] dragNow;

    public ImageOverlayView() {
        setId("image-overlay");
        setOnMousePressed(e -> {
            dragStart = toImage(e.getX(), e.getY());
            dragNow = dragStart;
        });
        setOnMouseDragged(e -> {
            dragNow = toImage(e.getX(), e.getY());
            redraw();
        });
        setOnMouseReleased(e -> {
            if (dragStart != null && dragNow != null && Math.abs(dragNow[0] - dragStart[0]) > 8
                    && Math.abs(dragNow[1] - dragStart[1]) > 8) {
                onBoxDrawn.accept(new double[] {Math.min(dragStart[0], dragNow[0]), Math.min(dragStart[1], dragNow[1]),
                    Math.abs(dragNow[0] - dragStart[0]), Math.abs(dragNow[1] - dragStart[1])});
            }
            dragStart = null;
            dragNow = null;
            redraw();
        });
        setPrefSize(600, 600);
    }

    /** Shows an image with an optional reconstruction over it ({@code faces} of its full mesh). */
    public void show(Image newImage, Reconstruction newResult, int[] meshFaces) {
        show(newImage, newResult, meshFaces, false);
    }

    /**
     * As {@link #show(Image, Reconstruction, int[])}; {@code overlayBaked} says the image already holds the
     * wireframe and joints (a live frame drawn off the FX thread), so only the crop box is drawn over it.
     */
    public void show(Image newImage, Reconstruction newResult, int[] meshFaces, boolean overlayBaked) {
        baked = overlayBaked;
        image = newImage;
        result = newResult;
        faces = meshFaces;
        redraw();
    }

    /** Called with {x, y, w, h} in image pixels when the user drags a person box over the image. */
    public void setOnBoxDrawn(java.util.function.Consumer<double[]> action) {
        onBoxDrawn = action;
    }

    private double[] toImage(double x, double y) {
        if (image == null) {
            return null;
        }
        double[] f = fit();
        return new double[] {(x - f[1]) / f[0], (y - f[2]) / f[0]};
    }

    public void setShowMesh(boolean show) {
        showMesh = show;
        redraw();
    }

    public void setShowJoints(boolean show) {
        showJoints = show;
        redraw();
    }

    /** Image pixel → canvas scale and offset that fit the image in the view. */
    private double[] fit() {
        double s = Math.min(getWidth() / image.getWidth(), getHeight() / image.getHeight());
        return new double[] {s, (getWidth() - image.getWidth() * s) / 2, (getHeight() - image.getHeight() * s) / 2};
    }

    @Override
    protected void redraw() {
        Canvas canvas = canvas();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.web("#20242a"));
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (image == null || getWidth() <= 0 || getHeight() <= 0) {
            return;
        }
        double[] f = fit();
        g.drawImage(image, f[1], f[2], image.getWidth() * f[0], image.getHeight() * f[0]);
        if (dragStart != null && dragNow != null) {
            g.setStroke(Color.web("#4c8dff"));
            g.setLineWidth(2);
            g.strokeRect(f[1] + Math.min(dragStart[0], dragNow[0]) * f[0], f[2] + Math.min(dragStart[1], dragNow[1]) * f[0],
                    Math.abs(dragNow[0] - dragStart[0]) * f[0], Math.abs(dragNow[1] - dragStart[1]) * f[0]);
        }
        if (result == null) {
            return;
        }
        drawCrop(g, f, result.crop());
        if (baked) {
            return;
        }
        if (showMesh && faces != null) {
            drawMesh(g, f, result.verticesImagePixels());
        }
        if (showJoints) {
            drawJoints(g, f, result.joints2dImagePixels(), result.kind());
        }
    }

    private void drawCrop(GraphicsContext g, double[] f, CropTransform crop) {
        double[] a = crop.toImage(0, 0);
        double[] b = crop.toImage(crop.cropWidth(), crop.cropHeight());
        g.setStroke(Color.web("#ffd54a"));
        g.setLineWidth(1.5);
        g.setLineDashes(6, 4);
        g.strokeRect(f[1] + a[0] * f[0], f[2] + a[1] * f[0], (b[0] - a[0]) * f[0], (b[1] - a[1]) * f[0]);
        g.setLineDashes();
    }

    private void drawMesh(GraphicsContext g, double[] f, float[] px) {
        g.setStroke(Color.rgb(120, 200, 255, 0.35));
        g.setLineWidth(0.6);
        g.beginPath();
        for (int t = 0; t < faces.length; t += 3) {
            int a = faces[t];
            int b = faces[t + 1];
            int c = faces[t + 2];
            g.moveTo(x(f, px, a), y(f, px, a));
            g.lineTo(x(f, px, b), y(f, px, b));
            g.lineTo(x(f, px, c), y(f, px, c));
            g.lineTo(x(f, px, a), y(f, px, a));
        }
        g.stroke();
    }

    private void drawJoints(GraphicsContext g, double[] f, float[] px, MeshKind kind) {
        int[] parents = (kind == MeshKind.HAND ? JointSet.FREIHAND_21 : JointSet.LSP_14).parents();
        g.setStroke(Color.web("#ff7a45"));
        g.setLineWidth(2.5);
        for (int j = 0; j < parents.length && j < px.length / 2; j++) {
            if (parents[j] >= 0) {
                g.strokeLine(x(f, px, j), y(f, px, j), x(f, px, parents[j]), y(f, px, parents[j]));
            }
        }
        g.setFill(Color.WHITE);
        for (int j = 0; j < px.length / 2; j++) {
            g.fillOval(x(f, px, j) - 3, y(f, px, j) - 3, 6, 6);
        }
    }

    private static double x(double[] f, float[] px, int i) {
        return f[1] + px[2 * i] * f[0];
    }

    private static double y(double[] f, float[] px, int i) {
        return f[2] + px[2 * i + 1] * f[0];
    }
}
