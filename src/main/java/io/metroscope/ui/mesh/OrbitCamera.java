package io.metroscope.ui.mesh;

import javafx.scene.PerspectiveCamera;
import javafx.scene.SubScene;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.transform.Rotate;
import javafx.scene.transform.Translate;

/**
 * A camera orbiting a target point: drag to rotate, right/middle-drag or shift-drag to pan, scroll to zoom.
 * JavaFX's 3D frame (x right, y down, z forward) is METRO's camera frame, so the reset view looks at the mesh
 * as the input image did.
 */
public final class OrbitCamera {

    private final PerspectiveCamera camera = new PerspectiveCamera(true);
    private final Translate target = new Translate();
    private final Rotate yaw = new Rotate(0, Rotate.Y_AXIS);
    private final Rotate pitch = new Rotate(0, Rotate.X_AXIS);
    private final Translate distance = new Translate(0, 0, -3);
    private double homeDistance = 3;
    private double lastX;
    private double lastY;

    public OrbitCamera() {
        camera.setNearClip(0.01);
        camera.setFarClip(100);
        camera.setFieldOfView(30);
        camera.getTransforms().addAll(target, yaw, pitch, distance);
    }

    public PerspectiveCamera camera() {
        return camera;
    }

    /** Makes {@code scene} drive this camera with the mouse. */
    public void attach(SubScene scene) {
        scene.setCamera(camera);
        scene.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            lastX = e.getSceneX();
            lastY = e.getSceneY();
        });
        scene.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::drag);
        scene.addEventHandler(ScrollEvent.SCROLL, e -> zoom(e.getDeltaY()));
    }

    /** Centres on a box of the given centre and radius, viewed from the front. */
    public void frame(double cx, double cy, double cz, double radius) {
        target.setX(cx);
        target.setY(cy);
        target.setZ(cz);
        homeDistance = Math.max(0.05, radius / Math.tan(Math.toRadians(camera.getFieldOfView() / 2)) * 1.4);
        reset();
    }

    /** Back to the front view at the framing distance. */
    public void reset() {
        yaw.setAngle(0);
        pitch.setAngle(0);
        distance.setZ(-homeDistance);
    }

    /** Turns the view by the given angles in degrees. */
    public void orbit(double yawDegrees, double pitchDegrees) {
        yaw.setAngle(yaw.getAngle() + yawDegrees);
        pitch.setAngle(Math.max(-89, Math.min(89, pitch.getAngle() + pitchDegrees)));
    }

    public double yawDegrees() {
        return yaw.getAngle();
    }

    private void drag(MouseEvent e) {
        double dx = e.getSceneX() - lastX;
        double dy = e.getSceneY() - lastY;
        lastX = e.getSceneX();
        lastY = e.getSceneY();
        if (e.getButton() == MouseButton.PRIMARY && !e.isShiftDown()) {
            orbit(dx * 0.4, -dy * 0.4);
        } else {
            double scale = -distance.getZ() * 0.0015;
            target.setX(target.getX() - dx * scale);
            target.setY(target.getY() - dy * scale);
        }
    }

    private void zoom(double delta) {
        double z = -distance.getZ() * Math.pow(0.999, delta);
        distance.setZ(-Math.max(0.05, Math.min(50, z)));
    }
}
