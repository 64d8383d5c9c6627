package io.metroscope.ui.attention;

import io.metroscope.recon.Reconstruction;
import io.metroscope.ui.mesh.ColorMap;
import io.metroscope.ui.CanvasPane;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;

/**
 * The image with the attention of one joint over it: each coarse vertex projected and drawn as a splat in the
 * colour map, brighter for more attention, plus the chosen joint.
 */
final class AttentionSplatView extends CanvasPane {

    private Image image;
    private Reconstruction result;
    private float[] values;
    private int joint = -1;
    private ColorMap map = ColorMap.VIRIDIS;
    /** The coarse vertices of {@link #projected} in image pixels (kept: the joint changes, the result does not). */
    private float[] px;
    private Reconstruction projected;

    private java.util.function.BiConsumer<Double, Double> onImageClicked = (x, y) -> { };

    AttentionSplatView() {
        setId("attention-splats");
        setOnMouseClicked(e -> {
            if (image != null && getWidth() > 0) {
                double[] f = fit();
                onImageClicked.accept((e.getX() - f[1]) / f[0], (e.getY() - f[2]) / f[0]);
            }
        });
    }

    /** Called with image-pixel coordinates when the user clicks the view. */
    void setOnImageClicked(java.util.function.BiConsumer<Double, Double> action) {
        onImageClicked = action;
    }

    /** Scale and offset that fit the image in the view: canvas = offset + scale · image pixel. */
    private double[] fit() {
        // In source pixels: the image may be a copy scaled down for display.
        double iw = io.metroscope.ui.FxImages.sourceWidth(image);
        double ih = io.metroscope.ui.FxImages.sourceHeight(image);
        double s = Math.min(getWidth() / iw, getHeight() / ih);
        return new double[] {s, (getWidth() - iw * s) / 2, (getHeight() - ih * s) / 2};
    }

    /** Where an image pixel lies on the view (for tests and hit checks). */
    double[] toView(double x, double y) {
        double[] f = fit();
        return new double[] {f[1] + x * f[0], f[2] + y * f[0]};
    }

    void show(Image img, Reconstruction r, float[] coarseValues, int selectedJoint, ColorMap colorMap) {
        image = img;
        result = r;
        values = coarseValues;
        joint = selectedJoint;
        map = colorMap;
        redraw();
    }

    @Override
    protected void redraw() {
        Canvas canvas = canvas();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.web("#20242a"));
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (image == null || result == null || getWidth() <= 0) {
            return;
        }
        double[] f = fit();
        double s = f[0];
        double ox = f[1];
        double oy = f[2];
        g.setGlobalAlpha(0.45);
        g.drawImage(image, ox, oy, io.metroscope.ui.FxImages.sourceWidth(image) * s,
                io.metroscope.ui.FxImages.sourceHeight(image) * s);
        g.setGlobalAlpha(1);
        if (result != projected) {
            projected = result;
            px = result.verticesCoarse2dImagePixels();
        }
        double r = Math.max(2.5, 4 * s * io.metroscope.ui.FxImages.sourceWidth(image) / 640);
        // Low values first, so the strongest attention is drawn on top (as the official panel does): sort
        // (value, index) pairs packed in longs (values are in [0, 1], so their float bits sort as they do).
        long[] order = new long[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = (long) Float.floatToIntBits(Math.max(0f, values[i])) << 32 | i;
        }
        java.util.Arrays.sort(order);
        int[] lut = map.argbLevels();
        for (long packed : order) {
            int i = (int) packed;
            double v = Float.isNaN(values[i]) ? 0 : Math.max(0, Math.min(1, values[i]));
            int c = lut[ColorMap.level(v)];
            g.setFill(Color.rgb((c >> 16) & 255, (c >> 8) & 255, c & 255, 0.35 + 0.65 * v));
            g.fillOval(ox + px[2 * i] * s - r, oy + px[2 * i + 1] * s - r, 2 * r, 2 * r);
        }
        if (joint >= 0) {
            float[] j2 = result.joints2dImagePixels();
            g.setStroke(Color.WHITE);
            g.setLineWidth(2);
            g.strokeOval(ox + j2[2 * joint] * s - 7, oy + j2[2 * joint + 1] * s - 7, 14, 14);
        }
    }
}
