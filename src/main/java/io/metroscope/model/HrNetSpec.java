package io.metroscope.model;

import java.util.Arrays;
import java.util.List;

/**
 * An HRNet classification backbone ({@code cls_hrnet}): stem width, the four stages, the head's bottleneck
 * widths and its final feature width; {@code pooled} averages the 7×7 map to one vector (hand variant).
 */
public record HrNetSpec(int stemChannels, List<HrNetStage> stages, int[] headChannels, int featureDim,
        boolean pooled) implements BackboneSpec {

    public HrNetSpec {
        stages = List.copyOf(stages);
        headChannels = headChannels.clone();
        if (stages.size() != 4 || stages.get(0).branches() != 1) {
            throw new IllegalArgumentException("HRNet needs 4 stages, the first with one branch: " + stages);
        }
        if (headChannels.length != stages.get(3).branches()) {
            throw new IllegalArgumentException("head channels " + Arrays.toString(headChannels)
                    + " do not match the " + stages.get(3).branches() + " branches of stage 4");
        }
    }

    @Override
    public int[] headChannels() {
        return headChannels.clone();
    }

    /** Width of branch 0 of stage {@code stageIndex} (0-based). */
    public int stageWidth(int stageIndex) {
        return stages.get(stageIndex).channels()[0];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HrNetSpec s && s.stemChannels == stemChannels && s.stages.equals(stages)
                && Arrays.equals(s.headChannels, headChannels) && s.featureDim == featureDim && s.pooled == pooled;
    }

    @Override
    public int hashCode() {
        return stages.hashCode() * 31 + Arrays.hashCode(headChannels) + featureDim + (pooled ? 1 : 0);
    }

    @Override
    public String toString() {
        return "HRNet-W" + stageWidth(1) + (pooled ? " pooled" : " featmaps") + " stem " + stemChannels
                + ", stages " + stages + ", head " + Arrays.toString(headChannels) + " → " + featureDim;
    }
}
