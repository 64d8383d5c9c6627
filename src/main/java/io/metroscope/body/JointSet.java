package io.metroscope.body;

import java.util.List;

/**
 * The joint orders METRO and its data use (names as in METRO's {@code config.py}), with the bones to draw.
 * Names are shared between sets wherever they denote the same joint, so {@link JointMapping#byName} finds the
 * official index lists.
 */
public enum JointSet {
    /** The 14 LSP-order joints METRO's body tokens predict ({@code H36M_J17_TO_J14}, {@code J24_TO_J14}). */
    LSP_14(List.of("R_Ankle", "R_Knee", "R_Hip", "L_Hip", "L_Knee", "L_Ankle", "R_Wrist", "R_Elbow",
            "R_Shoulder", "L_Shoulder", "L_Elbow", "L_Wrist", "Neck", "Head"),
            new int[] {1, 2, -1, 2, 3, 4, 7, 8, 12, 12, 9, 10, 13, -1}, 12),
    /** Human3.6M's 17 joints, regressed from the SMPL mesh by {@code J_regressor_h36m_correct}. */
    H36M_17(List.of("Pelvis", "R_Hip", "R_Knee", "R_Ankle", "L_Hip", "L_Knee", "L_Ankle", "Torso", "Neck", "Nose",
            "Head", "L_Shoulder", "L_Elbow", "L_Wrist", "R_Shoulder", "R_Elbow", "R_Wrist"),
            new int[] {-1, 0, 1, 2, 0, 4, 5, 0, 7, 8, 9, 8, 11, 12, 8, 14, 15}, 0),
    /** SMPL's 24 kinematic joints, in model order. */
    SMPL_24(List.of("Pelvis", "L_Hip", "R_Hip", "Spine1", "L_Knee", "R_Knee", "Spine2", "L_Ankle", "R_Ankle",
            "Spine3", "L_Foot", "R_Foot", "Neck", "L_Collar", "R_Collar", "Head_SMPL", "L_Shoulder", "R_Shoulder",
            "L_Elbow", "R_Elbow", "L_Wrist", "R_Wrist", "L_Hand", "R_Hand"),
            new int[] {-1, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 9, 12, 13, 14, 16, 17, 18, 19, 20, 21}, 0),
    /** FreiHAND's 21 hand joints, the order of METRO's hand tokens and of its MANO joint regressor. */
    FREIHAND_21(List.of("Wrist", "Thumb_1", "Thumb_2", "Thumb_3", "Thumb_4", "Index_1", "Index_2", "Index_3",
            "Index_4", "Middle_1", "Middle_2", "Middle_3", "Middle_4", "Ring_1", "Ring_2", "Ring_3", "Ring_4",
            "Pinky_1", "Pinky_2", "Pinky_3", "Pinky_4"),
            new int[] {-1, 0, 1, 2, 3, 0, 5, 6, 7, 0, 9, 10, 11, 0, 13, 14, 15, 0, 17, 18, 19}, 0),
    /**
     * MANO's 16 kinematic joints followed by the 5 fingertip vertices (thumb, index, middle, ring, pinky): the
     * order before METRO's reordering to {@link #FREIHAND_21}.
     */
    MANO_21(List.of("Wrist", "Index_1", "Index_2", "Index_3", "Middle_1", "Middle_2", "Middle_3", "Pinky_1",
            "Pinky_2", "Pinky_3", "Ring_1", "Ring_2", "Ring_3", "Thumb_1", "Thumb_2", "Thumb_3", "Thumb_4",
            "Index_4", "Middle_4", "Ring_4", "Pinky_4"),
            new int[] {-1, 0, 1, 2, 0, 4, 5, 0, 7, 8, 0, 10, 11, 0, 13, 14, 15, 3, 6, 12, 9}, 0);

    private final List<String> names;
    private final int[] parents;
    private final int root;

    JointSet(List<String> names, int[] parents, int root) {
        if (names.size() != parents.length) {
            throw new IllegalStateException(name() + ": " + names.size() + " names, " + parents.length + " parents");
        }
        this.names = names;
        this.parents = parents;
        this.root = root;
    }

    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    /** Index of {@code name}, or −1. */
    public int indexOf(String name) {
        return names.indexOf(name);
    }

    /** Parent of each joint for drawing bones (−1: none). LSP has no pelvis or spine: its hips join each other. */
    public int[] parents() {
        return parents.clone();
    }

    /**
     * The left–right permutation for a horizontal flip: {@code perm[j]} is the joint whose mirrored value joint
     * {@code j} takes, found by swapping {@code L_}/{@code R_} names (for LSP-14 METRO's {@code flip_kp} order
     * restricted to its 14 joints: 5 4 3 2 1 0 11 10 9 8 7 6 12 13).
     */
    public int[] mirrorPermutation() {
        int[] perm = new int[size()];
        for (int j = 0; j < perm.length; j++) {
            String name = names.get(j);
            String mirrored = name.startsWith("L_") ? "R_" + name.substring(2)
                    : name.startsWith("R_") ? "L_" + name.substring(2) : name;
            int k = indexOf(mirrored);
            perm[j] = k >= 0 ? k : j;
        }
        return perm;
    }

    /** The joint poses are centred on (LSP has no pelvis, so its neck). */
    public int root() {
        return root;
    }
}
