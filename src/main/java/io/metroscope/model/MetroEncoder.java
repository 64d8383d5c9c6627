package io.metroscope.model;

import ai.djl.ndarray.NDArray;

import java.util.ArrayList;
import java.util.List;

/** The progressive dimension-reduction stack ({@code trans_encoder}): METRO blocks chained in order. */
record MetroEncoder(List<MetroBlock> blocks) {

    MetroEncoder {
        blocks = List.copyOf(blocks);
    }

    static MetroEncoder bind(WeightBinder w, List<BlockSpec> specs) {
        List<MetroBlock> blocks = new ArrayList<>();
        for (int b = 0; b < specs.size(); b++) {
            blocks.add(MetroBlock.bind(w, b, specs.get(b)));
        }
        return new MetroEncoder(blocks);
    }

    /** (B, N, in₀) → (B, N, 3); when asked, the attention of every layer of the last block (B, layers, heads, N, N). */
    BertLayer.Result forward(NDArray tokens, boolean keepAttention) {
        BertLayer.Result r = new BertLayer.Result(tokens, null);
        for (int b = 0; b < blocks.size(); b++) {
            r = blocks.get(b).forward(r.hidden(), keepAttention && b == blocks.size() - 1);
        }
        return r;
    }
}
