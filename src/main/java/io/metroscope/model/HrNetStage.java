package io.metroscope.model;

import java.util.Arrays;

/** One HRNet stage as in {@code MODEL.EXTRA.STAGEk}: modules, block type, blocks and channels per branch. */
public record HrNetStage(int modules, ResidualBlockType block, int[] blocksPerBranch, int[] channels) {

    public HrNetStage {
        blocksPerBranch = blocksPerBranch.clone();
        channels = channels.clone();
        if (blocksPerBranch.length != channels.length || channels.length == 0 || modules <= 0) {
            throw new IllegalArgumentException("inconsistent HRNet stage: " + modules + " modules, blocks "
                    + Arrays.toString(blocksPerBranch) + ", channels " + Arrays.toString(channels));
        }
    }

    public int branches() {
        return channels.length;
    }

    @Override
    public int[] blocksPerBranch() {
        return blocksPerBranch.clone();
    }

    @Override
    public int[] channels() {
        return channels.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HrNetStage s && s.modules == modules && s.block == block
                && Arrays.equals(s.blocksPerBranch, blocksPerBranch) && Arrays.equals(s.channels, channels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * modules + block.hashCode()) + Arrays.hashCode(channels) * 7 + Arrays.hashCode(blocksPerBranch);
    }

    @Override
    public String toString() {
        return modules + "×" + block + " blocks " + Arrays.toString(blocksPerBranch) + " channels "
                + Arrays.toString(channels);
    }
}
