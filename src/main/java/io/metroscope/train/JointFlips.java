package io.metroscope.train;

import io.metroscope.body.JointSet;

/** Which joint sets a training sample may be flipped with ({@link JointSet#mirrorPermutation()} permutes them). */
public final class JointFlips {

    private JointFlips() {
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
