package io.metroscope.ui.reconstruct;

import io.metroscope.body.JointSet;
import io.metroscope.model.MeshKind;
import io.metroscope.platform.DaemonThreads;
import io.metroscope.recon.Reconstruction;
import io.metroscope.vision.CropTransform;
import io.metroscope.ui.CanvasPane;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;

/**
 * The input image with the projected mesh (wireframe), the 2D joints and skeleton, and the crop box.
 *
 * <p>For a still result the wireframe and joints are drawn by a worker thread into a transparent layer of the
 * view's size ({@link WireframeRaster}), newest request wins; the FX thread draws the image and that layer, two
 * image draws, instead of stroking some 40 000 line segments (which also stalls the renderer for the next
 * pulse). A live frame comes with them already drawn in (baked), or asks for strokes on the FX thread (the
 * baseline the live bar can switch to).
 */
public final class ImageOverlayView extends CanvasPane {

    private static final java.util.concurrent.ExecutorService RASTER = DaemonThreads.single("overlay-raster");

    private Image image;
    private Reconstruction result;
    private int[] faces;
    private boolean showMesh = true;
    private boolean showJoints = true;
    private boolean baked;
    private boolean stroked;
    /** What the finished layer was drawn for; it is drawn only while that still holds. */
    private record LayerKey(Reconstruction result, int[] faces, int width, int height, boolean mesh, boolean joints,
            double scale, double offsetX, double offsetY) {
    }
    private LayerKey layerKey;
    private javafx.scene.image.WritableImage layer;
    private LayerKey requestedKey;
    private volatile long requested;
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

    /**
     * Shows an image with an optional reconstruction over it ({@code faces} of its full mesh); the wireframe and
     * joints are drawn off the FX thread and appear when ready.
     */
    public void show(Image newImage, Reconstruction newResult, int[] meshFaces) {
        set(newImage, newResult, meshFaces, false, false);
    }

    /**
     * Shows a live frame: {@code overlayBaked} says the image already holds the wireframe and joints (drawn off
     * the FX thread), so only the crop box is drawn over it; otherwise they are stroked on the FX thread.
     */
    public void show(Image newImage, Reconstruction newResult, int[] meshFaces, boolean overlayBaked) {
        set(newImage, newResult, meshFaces, overlayBaked, !overlayBaked);
    }

    private void set(Image newImage, Reconstruction newResult, int[] meshFaces, boolean overlayBaked,
            boolean strokes) {
        baked = overlayBaked;
        stroked = strokes;
        image = newImage;
        result = newResult;
        faces = meshFaces;
        redraw();
    }

    /** True when the wireframe and joints of the result shown are on screen (or none are due). */
    public boolean overlayReady() {
        LayerKey key = wantedLayer();
        return key == null || key.equals(layerKey);
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
        // In source pixels: the image may be a copy scaled down for display.
        double iw = io.metroscope.ui.FxImages.sourceWidth(image);
        double ih = io.metroscope.ui.FxImages.sourceHeight(image);
        double s = Math.min(getWidth() / iw, getHeight() / ih);
        return new double[] {s, (getWidth() - iw * s) / 2, (getHeight() - ih * s) / 2};
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
        g.drawImage(image, f[1], f[2], io.metroscope.ui.FxImages.sourceWidth(image) * f[0],
                io.metroscope.ui.FxImages.sourceHeight(image) * f[0]);
        if (dragStart != null && dragNow != null) {
            g.setStroke(Color.web("#4c8dff"));
            g.setLineWidth(2);
            g.strokeRect(f[1] + Math.min(dragStart[0], dragNow[0]) * f[0], f[2] + Math.min(dragStart[1], dragNow[1]) * f[0],
                    Math.abs(dragNow[0] - dragStart[0]) * f[0], Math.abs(dragNow[1] - dragStart[1]) * f[0]);
        }
        if (result == null) {
            return;
        }
        if (baked) {
            drawCrop(g, f, result.crop());
            return;
        }
        if (stroked) {
            drawCrop(g, f, result.crop());
            if (showMesh && faces != null) {
                drawMesh(g, f, result.verticesImagePixels());
            }
            if (showJoints) {
                drawJoints(g, f, result.joints2dImagePixels(), result.kind());
            }
            return;
        }
        LayerKey wanted = wantedLayer();
        if (wanted != null && wanted.equals(layerKey)) {
            g.drawImage(layer, 0, 0);
        } else if (wanted != null && !wanted.equals(requestedKey)) {
            requestLayer(wanted);
        }
        drawCrop(g, f, result.crop());
    }

    /** The layer the view needs now, or null when it needs none. */
    private LayerKey wantedLayer() {
        if (image == null || result == null || baked || stroked || getWidth() < 1 || getHeight() < 1
                || !(showMesh && faces != null) && !showJoints) {
            return null;
        }
        double[] f = fit();
        return new LayerKey(result, showMesh ? faces : null, (int) Math.ceil(getWidth()), (int) Math.ceil(getHeight()),
                showMesh && faces != null, showJoints, f[0], f[1], f[2]);
    }

    /** Has the raster worker draw {@code key}'s layer; only the newest request is drawn. */
    private void requestLayer(LayerKey key) {
        requestedKey = key;
        long generation = ++requested;
        int[] meshFaces = key.faces();
        RASTER.execute(() -> {
            if (generation != requested) {
                return;
            }
            int w = key.width();
            int h = key.height();
            int[] argb = new int[w * h];
            WireframeRaster r = key.mesh() ? rasterFor(meshFaces) : new WireframeRaster(new int[0]);
            Reconstruction rec = key.result();
            int[] parents = (rec.kind() == MeshKind.HAND ? JointSet.FREIHAND_21 : JointSet.LSP_14).parents();
            r.draw(argb, w, h, key.mesh() ? toView(rec.verticesImagePixels(), key) : null,
                    key.joints() ? toView(rec.joints2dImagePixels(), key) : null, parents);
            javafx.scene.image.WritableImage img = new javafx.scene.image.WritableImage(w, h);
            img.getPixelWriter().setPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
            javafx.application.Platform.runLater(() -> io.metroscope.ui.FxTiming.run("overlay.layer", () -> {
                if (generation == requested) {
                    layer = img;
                    layerKey = key;
                    redraw();
                }
            }));
        });
    }

    /** The edge list of {@code meshFaces}, built once per topology (raster thread only). */
    private volatile WireframeRaster cachedRaster;
    private volatile int[] cachedFaces;

    private WireframeRaster rasterFor(int[] meshFaces) {
        if (meshFaces != cachedFaces) {
            cachedRaster = new WireframeRaster(meshFaces);
            cachedFaces = meshFaces;
        }
        return cachedRaster;
    }

    private static float[] toView(float[] px, LayerKey key) {
        float[] out = new float[px.length];
        for (int i = 0; i < px.length; i += 2) {
            out[i] = (float) (key.offsetX() + px[i] * key.scale());
            out[i + 1] = (float) (key.offsetY() + px[i + 1] * key.scale());
        }
        return out;
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
