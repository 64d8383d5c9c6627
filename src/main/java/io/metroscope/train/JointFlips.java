package io.metroscope.train;

import io.metroscope.body.JointSet;

/**
 * Left–right joint permutations for horizontal flips, found by swapping {@code L_}/{@code R_} names within a joint
 * set (for LSP-14 this is METRO's {@code flip_kp} order restricted to its 14 joints: 5 4 3 2 1 0 11 10 9 8 7 6 12 13).
 */
public final class JointFlips {

    private JointFlips() {
    }

    /** {@code perm[j]}: the joint whose mirrored value joint {@code j} takes after a flip. */
    public static int[] of(JointSet set) {
        int[] perm = new int[set.size()];
        for (int j = 0; j < perm.length; j++) {
            String name = set.names().get(j);
            String mirrored = name.startsWith("L_") ? "R_" + name.substring(2)
                    : name.startsWith("R_") ? "L_" + name.substring(2) : name;
            int k = set.indexOf(mirrored);
            perm[j] = k >= 0 ? k : j;
        }
        return perm;
    }

    /**
     * The token joint set of items with {@code joints} joints whose flip is defined, or null: METRO flips body
     * samples only (the hand dataset never flips: a mirrored right hand is a left hand).
     */
    public static JointSet flippable(int joints) {
        return joints == JointSet.LSP_14.size() ? JointSet.LSP_14
                : joints == JointSet.H36M_17.size() ? JointSet.H36M_17 : null;
    }
}
