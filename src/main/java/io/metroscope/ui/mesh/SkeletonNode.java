package io.metroscope.ui.mesh;

import javafx.geometry.Point3D;
import javafx.scene.Group;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.Cylinder;
import javafx.scene.shape.Sphere;
import javafx.scene.transform.Rotate;

/** Joints as spheres and bones (joint to parent) as cylinders. */
public final class SkeletonNode extends Group {

    private final PhongMaterial jointMaterial = new PhongMaterial(Color.web("#ff7a45"));
    private final PhongMaterial boneMaterial = new PhongMaterial(Color.web("#2f6fdf"));
    /** Joint sphere radius in metres; bones are a third of it. */
    private static final double RADIUS = 0.012;

    /** Shows joints (xyz per joint) linked to their parents ({@code -1} for a root); null parents: no bones. */
    public void setJoints(float[] joints, int[] parents) {
        getChildren().clear();
        int n = joints.length / 3;
        for (int j = 0; j < n; j++) {
            Sphere s = new Sphere(RADIUS, 12);
            s.setMaterial(jointMaterial);
            s.setTranslateX(joints[3 * j]);
            s.setTranslateY(joints[3 * j + 1]);
            s.setTranslateZ(joints[3 * j + 2]);
            s.setId("joint-" + j);
            getChildren().add(s);
            if (parents != null && parents[j] >= 0) {
                int p = parents[j];
                getChildren().add(bone(point(joints, j), point(joints, p)));
            }
        }
    }

    private Cylinder bone(Point3D a, Point3D b) {
        Point3D d = b.subtract(a);
        double length = d.magnitude();
        Cylinder c = new Cylinder(RADIUS / 3, length, 8);
        c.setMaterial(boneMaterial);
        Point3D mid = a.midpoint(b);
        c.setTranslateX(mid.getX());
        c.setTranslateY(mid.getY());
        c.setTranslateZ(mid.getZ());
        // A cylinder stands along y: turn y onto the bone direction.
        Point3D axis = Rotate.Y_AXIS.crossProduct(d);
        double angle = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, d.normalize().dotProduct(Rotate.Y_AXIS)))));
        if (axis.magnitude() > 1e-12) {
            c.getTransforms().add(new Rotate(angle, axis));
        }
        return c;
    }

    private static Point3D point(float[] xyz, int i) {
        return new Point3D(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
    }
}
