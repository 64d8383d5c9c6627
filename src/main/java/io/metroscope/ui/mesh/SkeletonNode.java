package io.metroscope.ui.mesh;

import javafx.geometry.Point3D;
import javafx.scene.Group;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.Cylinder;
import javafx.scene.shape.Sphere;
import javafx.scene.transform.Rotate;
import javafx.scene.transform.Scale;

/** Joints as spheres and bones (joint to parent) as cylinders. */
public final class SkeletonNode extends Group {

    private final PhongMaterial jointMaterial = new PhongMaterial(Color.web("#ff7a45"));
    private final PhongMaterial boneMaterial = new PhongMaterial(Color.web("#2f6fdf"));
    /** Joint sphere radius in metres; bones are a third of it. */
    private static final double RADIUS = 0.012;

    /** Parents the current nodes were built for ({@code null}: no bones), and their joint count. */
    private int[] builtParents;
    private int builtJoints = -1;

    /**
     * Shows joints (xyz per joint) linked to their parents ({@code -1} for a root); null parents: no bones. The
     * same skeleton again (a new frame or result) moves the existing spheres and bones instead of building new
     * nodes.
     */
    public void setJoints(float[] joints, int[] parents) {
        int n = joints.length / 3;
        if (n != builtJoints || !java.util.Arrays.equals(parents, builtParents)) {
            build(n, parents);
        }
        int child = 0;
        for (int j = 0; j < n; j++) {
            Sphere s = (Sphere) getChildren().get(child++);
            s.setTranslateX(joints[3 * j]);
            s.setTranslateY(joints[3 * j + 1]);
            s.setTranslateZ(joints[3 * j + 2]);
            if (parents != null && parents[j] >= 0) {
                place((Cylinder) getChildren().get(child++), point(joints, j), point(joints, parents[j]));
            }
        }
    }

    private void build(int n, int[] parents) {
        getChildren().clear();
        for (int j = 0; j < n; j++) {
            Sphere s = new Sphere(RADIUS, 12);
            s.setMaterial(jointMaterial);
            s.setId("joint-" + j);
            getChildren().add(s);
            if (parents != null && parents[j] >= 0) {
                // A unit-height cylinder, stretched to the bone's length by its scale.
                Cylinder c = new Cylinder(RADIUS / 3, 1, 8);
                c.setMaterial(boneMaterial);
                c.getTransforms().setAll(new Rotate(), new Scale());
                getChildren().add(c);
            }
        }
        builtJoints = n;
        builtParents = parents == null ? null : parents.clone();
    }

    private static void place(Cylinder c, Point3D a, Point3D b) {
        Point3D d = b.subtract(a);
        Point3D mid = a.midpoint(b);
        c.setTranslateX(mid.getX());
        c.setTranslateY(mid.getY());
        c.setTranslateZ(mid.getZ());
        // A cylinder stands along y: turn y onto the bone direction, after stretching it to the bone's length.
        Rotate turn = (Rotate) c.getTransforms().get(0);
        Scale stretch = (Scale) c.getTransforms().get(1);
        stretch.setY(Math.max(d.magnitude(), 1e-9));
        Point3D axis = Rotate.Y_AXIS.crossProduct(d);
        if (axis.magnitude() > 1e-12) {
            turn.setAxis(axis);
            turn.setAngle(Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, d.normalize().dotProduct(Rotate.Y_AXIS))))));
        } else {
            turn.setAngle(d.getY() < 0 ? 180 : 0);
        }
    }

    /** Removes every joint and bone. */
    public void clear() {
        getChildren().clear();
        builtJoints = -1;
        builtParents = null;
    }

    private static Point3D point(float[] xyz, int i) {
        return new Point3D(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
    }
}
