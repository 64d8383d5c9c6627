package io.metroscope.model;

import java.util.Arrays;

/**
 * A torchvision ResNet trunk ({@code children()[:-2]} or {@code [:-1]}): 7×7 stem, max-pool, four residual
 * layers with the given blocks and inner widths; {@code pooled} keeps the global average pool (hand variant).
 */
public record ResNetSpec(int stemChannels, ResidualBlockType block, int[] blocksPerLayer, int[] planes,
        boolean pooled) implements BackboneSpec {

    public ResNetSpec {
        blocksPerLayer = blocksPerLayer.clone();
        planes = planes.clone();
        if (blocksPerLayer.length != 4 || planes.length != 4) {
            throw new IllegalArgumentException("ResNet needs 4 layers: blocks " + Arrays.toString(blocksPerLayer)
                    + ", planes " + Arrays.toString(planes));
        }
    }

    @Override
    public int featureDim() {
        return planes[3] * block.expansion();
    }

    @Override
    public int[] blocksPerLayer() {
        return blocksPerLayer.clone();
    }

    @Override
    public int[] planes() {
        return planes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResNetSpec s && s.stemChannels == stemChannels && s.block == block
                && Arrays.equals(s.blocksPerLayer, blocksPerLayer) && Arrays.equals(s.planes, planes)
                && s.pooled == pooled;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(blocksPerLayer) * 31 + Arrays.hashCode(planes) + block.hashCode() + (pooled ? 1 : 0);
    }

    @Override
    public String toString() {
        return "ResNet " + block + " " + Arrays.toString(blocksPerLayer) + " planes " + Arrays.toString(planes)
                + (pooled ? " pooled" : " featmaps") + " → " + featureDim();
    }
}
