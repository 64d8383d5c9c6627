package io.metroscope.ui.annotate;

import javafx.geometry.Point3D;
import javafx.scene.Camera;
import javafx.scene.Group;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.MeshView;
import javafx.scene.shape.TriangleMesh;
import javafx.scene.transform.Rotate;

/**
 * Three rings around a joint in the 3D view, one per camera-frame axis (X red, Y green, Z blue): dragging a ring
 * turns the joint about that axis by the angle the pointer sweeps around the joint's image on screen. Each drag
 * reports its rotation (axis-angle, radians) while it runs and once when released.
 */
final class JointGizmo extends Group {

    /** What a drag does. */
    interface Listener {
        /** The rotation so far (live preview). */
        void dragging(double[] axisAngle);

        /** The drag ended with this rotation. */
        void released(double[] axisAngle);
    }

    private static final Color[] COLORS = {Color.web("#ff5252"), Color.web("#66dd66"), Color.web("#4c8dff")};
    private static final double[][] AXES = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};

    private final Camera camera;
    private final MeshView[] rings = new MeshView[3];
    private Listener listener;
    private int dragAxis = -1;
    private double startAngle;
    private double lastAngle;
    private double sweep;
    private double sign;

    JointGizmo(Camera camera) {
        this.camera = camera;
        setId("annotate-gizmo");
        TriangleMesh torus = torus(1, 0.035, 64, 8);
        String[] names = {"x", "y", "z"};
        for (int a = 0; a < 3; a++) {
            MeshView ring = new MeshView(torus);
            ring.setId("annotate-gizmo-" + names[a]);
            ring.setCullFace(CullFace.NONE);
            ring.setMaterial(new PhongMaterial(COLORS[a]));
            // The torus lies in the XY plane (normal Z): turn it so its normal is the ring's axis.
            if (a == 0) {
                ring.getTransforms().add(new Rotate(90, Rotate.Y_AXIS));
            } else if (a == 1) {
                ring.getTransforms().add(new Rotate(90, Rotate.X_AXIS));
            }
            int axis = a;
            ring.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> pressed(axis, e));
            ring.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
            ring.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
            ring.addEventHandler(MouseEvent.MOUSE_ENTERED, e -> highlight(axis, true));
            ring.addEventHandler(MouseEvent.MOUSE_EXITED, e -> highlight(axis, dragAxis == axis));
            rings[a] = ring;
        }
        getChildren().addAll(rings);
        setVisible(false);
    }

    void setListener(Listener l) {
        listener = l;
    }

    /** Centres the rings on ({@code x}, {@code y}, {@code z}) with radius {@code radius} (metres). */
    void place(double x, double y, double z, double radius) {
        setTranslateX(x);
        setTranslateY(y);
        setTranslateZ(z);
        setScaleX(radius);
        setScaleY(radius);
        setScaleZ(radius);
        setVisible(true);
    }

    boolean dragging() {
        return dragAxis >= 0;
    }

    /** The ring of axis 0, 1, 2 (for tests). */
    MeshView ring(int axis) {
        return rings[axis];
    }

    private void pressed(int axis, MouseEvent e) {
        e.consume();
        dragAxis = axis;
        highlight(axis, true);
        startAngle = screenAngle(e);
        lastAngle = startAngle;
        sweep = 0;
        // A turn that looks clockwise on a y-down screen is positive about an axis pointing away from the viewer.
        Point3D centre = camera.sceneToLocal(localToScene(Point3D.ZERO));
        double[] d = AXES[axis];
        Point3D tip = camera.sceneToLocal(getParent().localToScene(getTranslateX() + d[0], getTranslateY() + d[1],
                getTranslateZ() + d[2]));
        sign = tip.getZ() - centre.getZ() >= 0 ? 1 : -1;
    }

    private void dragged(MouseEvent e) {
        e.consume();
        if (dragAxis < 0) {
            return;
        }
        double angle = screenAngle(e);
        double step = angle - lastAngle;
        // Unwrap across ±π so a drag may sweep more than half a turn.
        step = Math.IEEEremainder(step, 2 * Math.PI);
        sweep += step;
        lastAngle = angle;
        if (listener != null) {
            listener.dragging(rotation());
        }
    }

    private void released(MouseEvent e) {
        e.consume();
        if (dragAxis < 0) {
            return;
        }
        double[] r = rotation();
        int axis = dragAxis;
        dragAxis = -1;
        highlight(axis, false);
        if (listener != null) {
            listener.released(r);
        }
    }

    private double[] rotation() {
        double[] r = new double[3];
        r[dragAxis] = sign * sweep;
        return r;
    }

    /** The pointer's angle around the joint's image, in the window's (y-down) coordinates. */
    private double screenAngle(MouseEvent e) {
        Point3D c = localToScene(Point3D.ZERO, true);
        return Math.atan2(e.getSceneY() - c.getY(), e.getSceneX() - c.getX());
    }

    private void highlight(int axis, boolean on) {
        ((PhongMaterial) rings[axis].getMaterial()).setDiffuseColor(on ? COLORS[axis].brighter().brighter()
                : COLORS[axis]);
    }

    /** A torus about the Z axis: ring radius {@code r}, tube radius {@code t}. */
    private static TriangleMesh torus(double r, double t, int segments, int sides) {
        TriangleMesh mesh = new TriangleMesh();
        float[] points = new float[3 * segments * sides];
        for (int i = 0; i < segments; i++) {
            double u = 2 * Math.PI * i / segments;
            for (int j = 0; j < sides; j++) {
                double v = 2 * Math.PI * j / sides;
                int k = 3 * (i * sides + j);
                points[k] = (float) ((r + t * Math.cos(v)) * Math.cos(u));
                points[k + 1] = (float) ((r + t * Math.cos(v)) * Math.sin(u));
                points[k + 2] = (float) (t * Math.sin(v));
            }
        }
        mesh.getPoints().setAll(points);
        mesh.getTexCoords().setAll(0, 0);
        int[] faces = new int[12 * segments * sides];
        int f = 0;
        for (int i = 0; i < segments; i++) {
            int i2 = (i + 1) % segments;
            for (int j = 0; j < sides; j++) {
                int j2 = (j + 1) % sides;
                int a = i * sides + j;
                int b = i2 * sides + j;
                int c = i2 * sides + j2;
                int d = i * sides + j2;
                for (int p : new int[] {a, b, c, a, c, d}) {
                    faces[f++] = p;
                    faces[f++] = 0;
                }
            }
        }
        mesh.getFaces().setAll(faces);
        return mesh;
    }
}
