package io.metroscope.ui.mesh;

import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.PointLight;
import javafx.scene.SubScene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;

/**
 * An interactive 3D view of one mesh with optional joints: orbit, pan, zoom, reset, shaded or wireframe, and
 * per-vertex colours. Resizes with its parent.
 */
public final class MeshViewer3D extends Pane {

    private final VertexColoredMesh mesh = new VertexColoredMesh();
    private final SkeletonNode skeleton = new SkeletonNode();
    private final OrbitCamera orbit = new OrbitCamera();
    private final Group overlays = new Group();
    private final SubScene subScene;

    public MeshViewer3D() {
        setId("mesh-viewer");
        mesh.setId("mesh");
        AmbientLight ambient = new AmbientLight(Color.gray(0.35));
        PointLight key = new PointLight(Color.gray(0.75));
        key.setTranslateX(-2);
        key.setTranslateY(-3);
        key.setTranslateZ(-4);
        PointLight fill = new PointLight(Color.gray(0.35));
        fill.setTranslateX(3);
        fill.setTranslateY(1);
        fill.setTranslateZ(-2);
        Group world = new Group(mesh, skeleton, overlays, ambient, key, fill);
        subScene = new SubScene(world, 400, 400, true, Antialiasing.forThisMachine());
        subScene.setFill(Color.web("#20242a"));
        subScene.widthProperty().bind(widthProperty());
        subScene.heightProperty().bind(heightProperty());
        orbit.attach(subScene);
        getChildren().add(subScene);
        setMinSize(100, 100);
        setPrefSize(600, 600);
    }

    /** Shows a new mesh and frames the camera on it. */
    public void show(float[] positions, int[] triangles) {
        mesh.setGeometry(positions, triangles);
        frame(positions);
    }

    /** Moves the vertices of the mesh shown (same topology); keeps the camera where the user put it. */
    public void update(float[] positions) {
        mesh.setPositions(positions);
    }

    /** Joints (xyz each) and their parents, or null to hide them. */
    public void showJoints(float[] joints, int[] parents) {
        if (joints == null) {
            skeleton.clear();
        } else {
            skeleton.setJoints(joints, parents);
        }
    }

    public VertexColoredMesh mesh() {
        return mesh;
    }

    /** A group in the mesh's coordinates for callers' extra nodes (ghost meshes, gizmos), drawn with it. */
    public Group overlays() {
        return overlays;
    }

    public OrbitCamera orbit() {
        return orbit;
    }

    public void setWireframe(boolean wireframe) {
        mesh.setWireframe(wireframe);
    }

    /** Back to the framed front view. */
    public void resetView() {
        orbit.reset();
    }

    /** An image of the 3D view as it is drawn now. */
    public WritableImage snapshot() {
        return subScene.snapshot(null, null);
    }

    /** The 3D view rendered again at {@code scale} times its size on screen (for print resolutions). */
    public WritableImage snapshot(double scale) {
        javafx.scene.SnapshotParameters p = new javafx.scene.SnapshotParameters();
        p.setTransform(javafx.scene.transform.Transform.scale(scale, scale));
        return subScene.snapshot(p, null);
    }

    private void frame(float[] p) {
        double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < p.length; i++) {
            min[i % 3] = Math.min(min[i % 3], p[i]);
            max[i % 3] = Math.max(max[i % 3], p[i]);
        }
        if (p.length == 0) {
            return;
        }
        double radius = 0;
        for (int a = 0; a < 3; a++) {
            radius = Math.max(radius, (max[a] - min[a]) / 2);
        }
        orbit.frame((min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2, Math.max(radius, 1e-3));
    }
}
