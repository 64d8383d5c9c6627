package io.metroscope.ui.annotate;

import io.metroscope.annotate.Joints2d;
import io.metroscope.ui.CanvasPane;
import io.metroscope.vision.CropTransform;
import javafx.geometry.Point2D;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.paint.Color;

/**
 * The item's image with its 2D joints (filled: visible, hollow: hidden), their bones, the crop and the projected
 * mesh. Drag a joint with the left button to move it (committed on release); click one to select it; drag empty
 * space or with the right/middle button to pan; scroll to zoom about the cursor; double-click to fit.
 */
public final class JointImageView extends CanvasPane {

    /** Called when a drag of joint {@code joint} ends at image pixel (x, y). */
    @FunctionalInterface
    public interface JointMoved {
        void moved(int joint, double x, double y);
    }

    private static final double PICK_RADIUS = 10;

    private Image image;
    private Joints2d joints;
    private int[] parents = new int[0];
    private float[] meshPixels;
    private int[] faces;
    private CropTransform crop;
    private boolean showMesh = true;
    private boolean loading;
    private float[] ghostPixels;
    private float[] proposalPixels;
    private float[] proposalJoints;
    private int selected = -1;
    private double zoom = 1;
    private double panX;
    private double panY;
    private int dragging = -1;
    private double[] dragAt;
    private double[] panFrom;
    private JointMoved onJointMoved = (j, x, y) -> { };
    private java.util.function.IntConsumer onJointSelected = j -> { };

    public JointImageView() {
        setId("annotate-image");
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getClickCount() == 2 && e.getButton() == MouseButton.PRIMARY) {
                fit();
            }
        });
        setPrefSize(600, 600);
    }

    /** Shows an image and its annotation; {@code meshPixels} (V×2 image pixels) and {@code faces} may be null. */
    public void show(Image newImage, Joints2d newJoints, int[] jointParents, CropTransform newCrop, float[] meshPx,
            int[] meshFaces) {
        boolean sameImage = newImage == image;
        image = newImage;
        joints = newJoints;
        parents = jointParents;
        crop = newCrop;
        meshPixels = meshPx;
        faces = meshFaces;
        dragging = -1;
        if (!sameImage) {
            zoom = 1;
            panX = 0;
            panY = 0;
        }
        if (joints == null || selected >= joints.count()) {
            selected = -1;
        }
        redraw();
    }

    /** The original mesh (V×2 image pixels) drawn faintly behind the current one, or null for none. */
    public void setGhost(float[] meshPx) {
        ghostPixels = meshPx;
        redraw();
    }

    /** A refit proposal's mesh (V×2 pixels) and 2D joints (J×2 pixels), or nulls for none. */
    public void setProposal(float[] meshPx, float[] jointsPx) {
        proposalPixels = meshPx;
        proposalJoints = jointsPx;
        redraw();
    }

    /** Replaces the current mesh's pixels only (a live preview while a 3D control is dragged). */
    public void previewMesh(float[] meshPx) {
        meshPixels = meshPx;
        redraw();
    }

    /** Whether the image is still being decoded (a note is drawn instead of "could not be read"). */
    public void setLoading(boolean now) {
        loading = now;
    }

    /** Whether an image is shown. */
    public boolean hasImage() {
        return image != null;
    }

    public void setOnJointMoved(JointMoved action) {
        onJointMoved = action;
    }

    public void setOnJointSelected(java.util.function.IntConsumer action) {
        onJointSelected = action;
    }

    /** The selected joint, or −1. */
    public int selectedJoint() {
        return selected;
    }

    public void selectJoint(int joint) {
        selected = joint;
        onJointSelected.accept(joint);
        redraw();
    }

    public void setShowMesh(boolean show) {
        showMesh = show;
        redraw();
    }

    /** Back to the whole image in view. */
    public void fit() {
        zoom = 1;
        panX = 0;
        panY = 0;
        redraw();
    }

    public double zoom() {
        return zoom;
    }

    /** Where image pixel (x, y) is on the screen (for tests and tooltips). */
    public Point2D imageToScreen(double x, double y) {
        double[] c = toCanvas(x, y);
        return localToScreen(c[0], c[1]);
    }

    /** Image pixel under view point (x, y). */
    public double[] toImage(double x, double y) {
        double[] f = transform();
        return new double[] {(x - f[1]) / f[0], (y - f[2]) / f[0]};
    }

    private double[] toCanvas(double x, double y) {
        double[] f = transform();
        return new double[] {f[1] + x * f[0], f[2] + y * f[0]};
    }

    /** Image pixel → view: {scale, offsetX, offsetY}: fit, then zoom and pan. */
    private double[] transform() {
        if (image == null || image.getWidth() <= 0) {
            return new double[] {1, 0, 0};
        }
        double fit = Math.min(getWidth() / image.getWidth(), getHeight() / image.getHeight());
        double s = fit * zoom;
        double ox = (getWidth() - image.getWidth() * fit) / 2;
        double oy = (getHeight() - image.getHeight() * fit) / 2;
        // Zoom about the view's centre, then pan (in view pixels).
        double cx = getWidth() / 2;
        double cy = getHeight() / 2;
        return new double[] {s, cx + (ox - cx) * zoom + panX, cy + (oy - cy) * zoom + panY};
    }

    private int pick(double x, double y) {
        if (joints == null) {
            return -1;
        }
        int best = -1;
        double bestD = PICK_RADIUS;
        for (int j = 0; j < joints.count(); j++) {
            double[] c = toCanvas(joints.x(j), joints.y(j));
            double d = Math.hypot(c[0] - x, c[1] - y);
            if (d <= bestD) {
                best = j;
                bestD = d;
            }
        }
        return best;
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        int j = e.getButton() == MouseButton.PRIMARY ? pick(e.getX(), e.getY()) : -1;
        if (j >= 0) {
            dragging = j;
            dragAt = null;
            selectJoint(j);
        } else {
            panFrom = new double[] {e.getX() - panX, e.getY() - panY};
        }
        e.consume();
    }

    private void dragged(MouseEvent e) {
        if (dragging >= 0) {
            dragAt = toImage(e.getX(), e.getY());
        } else if (panFrom != null) {
            panX = e.getX() - panFrom[0];
            panY = e.getY() - panFrom[1];
        }
        redraw();
        e.consume();
    }

    private void released(MouseEvent e) {
        if (dragging >= 0 && dragAt != null) {
            int j = dragging;
            double[] at = dragAt;
            dragging = -1;
            dragAt = null;
            onJointMoved.moved(j, at[0], at[1]);
        }
        dragging = -1;
        panFrom = null;
        redraw();
        e.consume();
    }

    private void scrolled(ScrollEvent e) {
        if (image == null || e.getDeltaY() == 0) {
            return;
        }
        double[] before = toImage(e.getX(), e.getY());
        zoom = Math.max(0.25, Math.min(20, zoom * Math.pow(1.0015, e.getDeltaY())));
        double[] after = toCanvas(before[0], before[1]);
        // Keep the image point under the cursor where it was.
        panX += e.getX() - after[0];
        panY += e.getY() - after[1];
        redraw();
        e.consume();
    }

    @Override
    protected void redraw() {
        GraphicsContext g = canvas().getGraphicsContext2D();
        g.setFill(Color.web("#20242a"));
        g.fillRect(0, 0, canvas().getWidth(), canvas().getHeight());
        if (image == null || getWidth() <= 0 || getHeight() <= 0) {
            g.setFill(Color.gray(0.7));
            g.fillText(image == null && joints != null ? (loading ? "Loading the image…" : "The image could not be read")
                    : "", 12, 20);
            if (joints == null) {
                return;
            }
        }
        double[] f = transform();
        if (image != null) {
            g.drawImage(image, f[1], f[2], image.getWidth() * f[0], image.getHeight() * f[0]);
        }
        if (crop != null) {
            double[] a = crop.toImage(0, 0);
            double[] b = crop.toImage(crop.cropWidth(), crop.cropHeight());
            g.setStroke(Color.web("#ffd54a"));
            g.setLineWidth(1.2);
            g.setLineDashes(6, 4);
            g.strokeRect(f[1] + a[0] * f[0], f[2] + a[1] * f[0], (b[0] - a[0]) * f[0], (b[1] - a[1]) * f[0]);
            g.setLineDashes();
        }
        if (faces != null && ghostPixels != null) {
            wireframe(g, f, ghostPixels, Color.rgb(255, 255, 255, 0.22));
        }
        if (showMesh && meshPixels != null && faces != null) {
            wireframe(g, f, meshPixels, Color.rgb(120, 200, 255, 0.3));
        }
        if (faces != null && proposalPixels != null) {
            wireframe(g, f, proposalPixels, Color.rgb(90, 230, 120, 0.35));
        }
        if (proposalJoints != null) {
            g.setStroke(Color.web("#5ae678"));
            g.setLineWidth(2);
            for (int j = 0; j < parents.length && 2 * j + 1 < proposalJoints.length; j++) {
                if (parents[j] >= 0) {
                    g.strokeLine(f[1] + proposalJoints[2 * j] * f[0], f[2] + proposalJoints[2 * j + 1] * f[0],
                            f[1] + proposalJoints[2 * parents[j]] * f[0], f[2] + proposalJoints[2 * parents[j] + 1]
                                    * f[0]);
                }
            }
            for (int j = 0; 2 * j + 1 < proposalJoints.length; j++) {
                double x = f[1] + proposalJoints[2 * j] * f[0];
                double y = f[2] + proposalJoints[2 * j + 1] * f[0];
                g.strokeLine(x - 5, y - 5, x + 5, y + 5);
                g.strokeLine(x - 5, y + 5, x + 5, y - 5);
            }
        }
        if (joints == null) {
            return;
        }
        g.setStroke(Color.web("#ff7a45"));
        g.setLineWidth(2);
        for (int j = 0; j < parents.length && j < joints.count(); j++) {
            if (parents[j] >= 0) {
                double[] a = position(j, f);
                double[] b = position(parents[j], f);
                g.strokeLine(a[0], a[1], b[0], b[1]);
            }
        }
        for (int j = 0; j < joints.count(); j++) {
            double[] p = position(j, f);
            double r = j == selected ? 6 : 4.5;
            g.setLineWidth(j == selected ? 2.5 : 1.5);
            g.setStroke(j == selected ? Color.web("#4c8dff") : Color.WHITE);
            if (joints.visible(j)) {
                g.setFill(j == selected ? Color.web("#4c8dff") : Color.WHITE);
                g.fillOval(p[0] - r, p[1] - r, 2 * r, 2 * r);
            }
            g.strokeOval(p[0] - r, p[1] - r, 2 * r, 2 * r);
        }
    }

    private double[] position(int j, double[] f) {
        if (j == dragging && dragAt != null) {
            return new double[] {f[1] + dragAt[0] * f[0], f[2] + dragAt[1] * f[0]};
        }
        return new double[] {f[1] + joints.x(j) * f[0], f[2] + joints.y(j) * f[0]};
    }

    private void wireframe(GraphicsContext g, double[] f, float[] px, Color color) {
        g.setStroke(color);
        g.setLineWidth(0.6);
        g.beginPath();
        for (int t = 0; t < faces.length; t += 3) {
            g.moveTo(f[1] + px[2 * faces[t]] * f[0], f[2] + px[2 * faces[t] + 1] * f[0]);
            for (int k : new int[] {1, 2, 0}) {
                int v = faces[t + k];
                g.lineTo(f[1] + px[2 * v] * f[0], f[2] + px[2 * v + 1] * f[0]);
            }
        }
        g.stroke();
    }
}
