package io.metroscope.body;

import java.util.List;
import java.util.Map;

import io.metroscope.format.SparseMatrix;

/**
 * Builds METRO's reference templates exactly as {@code METRO_Body_Network.forward} and
 * {@code METRO_Hand_Network.forward} do (METRO.md §1.6, §1.7), from already-loaded inputs.
 */
public final class OfficialTemplates {
    /** The body template's root rotation about x: literally 3.1416 in the official code, not π. */
    public static final double BODY_ROOT_ROTATION = 3.1416;

    private OfficialTemplates() {
    }

    /** SMPL vertices for pose [3.1416, 0, …], betas 0 (the official code's upside-down fix). */
    public static double[] bodyMesh(SmplModel smpl) {
        double[] pose = new double[3 * smpl.jointCount()];
        pose[0] = BODY_ROOT_ROTATION;
        return LinearBlendSkinning.pose(smpl, pose, new double[0]).vertices();
    }

    /**
     * Body: mesh → D[0] (mid) → D[1] (coarse); H36M joints from the full mesh, pelvis = H36M joint 0; the 14
     * LSP-order joints and the coarse vertices minus the pelvis form {@code ref_vertices}.
     * Sizes must already agree (see {@link TemplateBuilder} for checked inputs).
     */
    public static MetroTemplate body(SmplModel smpl, SparseMatrix h36mRegressor, MeshSampling sampling,
                                     Map<String, String> provenance) {
        double[] full = bodyMesh(smpl);
        double[] mid = sampling.downsample(full, 1);
        double[] coarse = sampling.down().get(1).multiply(mid, 3);
        double[] h36m = h36mRegressor.multiply(full, 3);
        double[] pelvis = {h36m[0], h36m[1], h36m[2]};
        double[] lsp = JointMapping.H36M_17_TO_LSP_14.apply(h36m, 3);
        return new MetroTemplate(TemplateKind.BODY, full, smpl.faces(), mid, coarse,
                sampling.down().subList(0, 2), levels(sampling.up(), 2), h36mRegressor, JointSet.H36M_17,
                JointSet.LSP_14, pelvis, centred(lsp, coarse, pelvis), provenance);
    }

    /** Hand: mesh → D[0] (coarse); wrist = joint 0; joints and coarse vertices minus the wrist. */
    public static MetroTemplate hand(HandRestMesh hand, MeshSampling sampling, Map<String, String> provenance) {
        double[] coarse = sampling.downsample(hand.vertices(), 1);
        double[] joints = hand.joints();
        double[] wrist = {joints[0], joints[1], joints[2]};
        return new MetroTemplate(TemplateKind.HAND, hand.vertices(), hand.faces(), new double[0], coarse,
                sampling.down().subList(0, 1), levels(sampling.up(), 1), hand.jointRegressor(),
                JointSet.FREIHAND_21, JointSet.FREIHAND_21, wrist, centred(joints, coarse, wrist), provenance);
    }

    private static List<SparseMatrix> levels(List<SparseMatrix> up, int count) {
        return up.size() >= count ? up.subList(0, count) : List.of();
    }

    private static double[] centred(double[] joints, double[] vertices, double[] root) {
        double[] out = new double[joints.length + vertices.length];
        System.arraycopy(joints, 0, out, 0, joints.length);
        System.arraycopy(vertices, 0, out, joints.length, vertices.length);
        for (int i = 0; i < out.length; i++) {
            out[i] -= root[i % 3];
        }
        return out;
    }
}
