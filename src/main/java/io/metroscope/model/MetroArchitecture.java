package io.metroscope.model;

import java.util.List;

/** Everything needed to build a METRO network: body or hand, backbone, transformer blocks and token layout. */
public record MetroArchitecture(MeshKind kind, BackboneSpec backbone, List<BlockSpec> blocks, TokenLayout tokens) {

    /** Heads per block when the caller does not say: every released METRO model uses 4. */
    public static final int DEFAULT_HEADS = 4;

    public MetroArchitecture {
        blocks = List.copyOf(blocks);
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("a METRO encoder needs at least one block");
        }
        for (int i = 0; i + 1 < blocks.size(); i++) {
            if (blocks.get(i).outputDim() != blocks.get(i + 1).inputDim()) {
                throw new IllegalArgumentException("block " + i + " outputs " + blocks.get(i).outputDim()
                        + " features but block " + (i + 1) + " expects " + blocks.get(i + 1).inputDim());
            }
        }
        int expectedIn = 3 + backbone.featureDim();
        if (blocks.get(0).inputDim() != expectedIn) {
            throw new IllegalArgumentException("block 0 expects " + blocks.get(0).inputDim()
                    + " input features, but xyz + backbone features give " + expectedIn);
        }
        if (blocks.get(blocks.size() - 1).outputDim() != 3) {
            throw new IllegalArgumentException("the last block must output 3 coordinates, not "
                    + blocks.get(blocks.size() - 1).outputDim());
        }
        for (BlockSpec b : blocks) {
            if (b.positionRows() < tokens.tokens()) {
                throw new IllegalArgumentException("position table of " + b.positionRows() + " rows is shorter than "
                        + tokens.tokens() + " tokens");
            }
        }
        if ((kind == MeshKind.BODY) != tokens.hasMidLevel()) {
            throw new IllegalArgumentException(kind + " network with mid-level vertices " + tokens.midVertices());
        }
    }

    /** Same network with {@code heads} attention heads in every block (heads cannot be read from weights). */
    public MetroArchitecture withHeads(int heads) {
        return new MetroArchitecture(kind, backbone, blocks.stream()
                .map(b -> new BlockSpec(b.inputDim(), b.hiddenDim(), b.outputDim(), b.layers(), heads,
                        b.intermediateDim(), b.positionRows()))
                .toList(), tokens);
    }

    @Override
    public String toString() {
        return kind + " METRO: " + backbone + "; blocks " + blocks + "; tokens " + tokens;
    }
}
