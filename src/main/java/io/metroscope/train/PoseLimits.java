package io.metroscope.train;

import java.util.ArrayList;
import java.util.List;

import io.metroscope.body.TemplateKind;

/**
 * Anatomical axis-angle ranges per rig joint, with the value each axis usually takes, in the open templates' frame
 * (x right = the body's left, y down, z away from the camera; body and palm face the camera). Body: SMPL-24 order;
 * hand: MANO-16 order (right hand, fingers up, thumb on +x). Flexion signs follow from that frame: a knee bends the
 * shin to +z, a hip flexes the thigh to −z, fingers curl toward −z about +x.
 *
 * @param limits  one per rig joint, in rig order
 * @param typical the usual value per joint and axis (K×3), inside the limits
 */
public record PoseLimits(List<JointLimit> limits, double[] typical) {

    public PoseLimits {
        limits = List.copyOf(limits);
        if (typical.length != 3 * limits.size()) {
            throw new IllegalArgumentException("typical needs 3 values per joint");
        }
        for (int j = 0; j < limits.size(); j++) {
            if (!limits.get(j).contains(typical[3 * j], typical[3 * j + 1], typical[3 * j + 2], 0)) {
                throw new IllegalArgumentException(limits.get(j).joint() + ": typical value outside its limits");
            }
        }
        typical = typical.clone();
    }

    public int jointCount() {
        return limits.size();
    }

    /** The limits for the open template of {@code kind}. */
    public static PoseLimits of(TemplateKind kind) {
        return kind == TemplateKind.BODY ? body() : hand();
    }

    /** Whether the flat pose (K×3) respects every limit, with {@code tolerance} slack. */
    public boolean contains(double[] pose, double tolerance) {
        for (int j = 0; j < limits.size(); j++) {
            if (!limits.get(j).contains(pose[3 * j], pose[3 * j + 1], pose[3 * j + 2], tolerance)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The same limits with the root's turn about the vertical axis (axis-angle y of joint 0) kept within
     * ±{@code radians}: e.g. mostly frontal views for a small demo model. The typical value stays inside.
     */
    public PoseLimits withRootTurn(double radians) {
        JointLimit root = limits.get(0);
        double lo = Math.max(root.min()[1], -radians);
        double hi = Math.min(root.max()[1], radians);
        List<JointLimit> copy = new ArrayList<>(limits);
        copy.set(0, JointLimit.of(root.joint(), root.min()[0], root.max()[0], lo, hi, root.min()[2], root.max()[2]));
        return new PoseLimits(copy, typical);
    }

    /** SMPL-24 body limits. */
    public static PoseLimits body() {
        Builder b = new Builder();
        double pi = Math.PI;
        b.add("Pelvis", -0.35, 0.35, 0, -pi, pi, 0, -0.3, 0.3, 0);
        b.add("L_Hip", -1.9, 0.5, -0.15, -0.6, 0.6, 0, -0.9, 0.25, -0.08);
        b.add("R_Hip", -1.9, 0.5, -0.15, -0.6, 0.6, 0, -0.25, 0.9, 0.08);
        b.add("Spine1", -0.25, 0.45, 0.05, -0.35, 0.35, 0, -0.25, 0.25, 0);
        b.add("L_Knee", 0, 2.4, 0.25, -0.1, 0.1, 0, -0.1, 0.1, 0);
        b.add("R_Knee", 0, 2.4, 0.25, -0.1, 0.1, 0, -0.1, 0.1, 0);
        b.add("Spine2", -0.2, 0.35, 0.03, -0.3, 0.3, 0, -0.2, 0.2, 0);
        b.add("L_Ankle", -0.5, 0.7, 0, -0.3, 0.3, 0, -0.25, 0.25, 0);
        b.add("R_Ankle", -0.5, 0.7, 0, -0.3, 0.3, 0, -0.25, 0.25, 0);
        b.add("Spine3", -0.2, 0.35, 0.03, -0.3, 0.3, 0, -0.2, 0.2, 0);
        b.add("L_Foot", -0.2, 0.2, 0, -0.2, 0.2, 0, -0.2, 0.2, 0);
        b.add("R_Foot", -0.2, 0.2, 0, -0.2, 0.2, 0, -0.2, 0.2, 0);
        b.add("Neck", -0.4, 0.5, 0.05, -0.6, 0.6, 0, -0.3, 0.3, 0);
        b.add("L_Collar", -0.15, 0.15, 0, -0.2, 0.3, 0, -0.3, 0.2, 0);
        b.add("R_Collar", -0.15, 0.15, 0, -0.3, 0.2, 0, -0.2, 0.3, 0);
        b.add("Head_SMPL", -0.35, 0.35, 0, -0.5, 0.5, 0, -0.25, 0.25, 0);
        b.add("L_Shoulder", -1.0, 1.0, 0, -0.6, 1.5, 0.25, -1.2, 1.5, 1.1);
        b.add("R_Shoulder", -1.0, 1.0, 0, -1.5, 0.6, -0.25, -1.5, 1.2, -1.1);
        b.add("L_Elbow", -0.5, 0.5, 0, 0, 2.4, 0.4, -0.1, 0.1, 0);
        b.add("R_Elbow", -0.5, 0.5, 0, -2.4, 0, -0.4, -0.1, 0.1, 0);
        b.add("L_Wrist", -0.6, 0.6, 0, -0.4, 0.4, 0, -0.6, 0.6, 0);
        b.add("R_Wrist", -0.6, 0.6, 0, -0.4, 0.4, 0, -0.6, 0.6, 0);
        b.add("L_Hand", -0.2, 0.2, 0, -0.2, 0.2, 0, -0.2, 0.2, 0);
        b.add("R_Hand", -0.2, 0.2, 0, -0.2, 0.2, 0, -0.2, 0.2, 0);
        return b.build();
    }

    /** MANO-16 right-hand limits. */
    public static PoseLimits hand() {
        Builder b = new Builder();
        double pi = Math.PI;
        b.add("Wrist", -1.2, 1.2, 0, -pi, pi, 0, -pi, pi, 0);
        finger(b, "Index", -0.25, 0.15);
        finger(b, "Middle", -0.15, 0.15);
        finger(b, "Pinky", -0.2, 0.35);
        finger(b, "Ring", -0.15, 0.2);
        b.add("Thumb_1", -0.2, 0.8, 0.1, -0.2, 0.9, 0.1, -0.8, 0.3, -0.1);
        b.add("Thumb_2", 0, 0.8, 0.1, 0, 0.8, 0.1, -0.2, 0.2, 0);
        b.add("Thumb_3", 0, 0.8, 0.1, 0, 0.8, 0.1, -0.2, 0.2, 0);
        return b.build();
    }

    private static void finger(Builder b, String name, double minSpread, double maxSpread) {
        b.add(name + "_1", -0.3, 1.6, 0.2, -0.12, 0.12, 0, minSpread, maxSpread, 0);
        b.add(name + "_2", 0, 1.8, 0.2, -0.08, 0.08, 0, -0.05, 0.05, 0);
        b.add(name + "_3", 0, 1.3, 0.15, -0.08, 0.08, 0, -0.05, 0.05, 0);
    }

    private static final class Builder {
        private final List<JointLimit> limits = new ArrayList<>();
        private final List<Double> typical = new ArrayList<>();

        void add(String joint, double minX, double maxX, double typX, double minY, double maxY, double typY,
                 double minZ, double maxZ, double typZ) {
            limits.add(JointLimit.of(joint, minX, maxX, minY, maxY, minZ, maxZ));
            typical.add(typX);
            typical.add(typY);
            typical.add(typZ);
        }

        PoseLimits build() {
            return new PoseLimits(limits, typical.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }
}
