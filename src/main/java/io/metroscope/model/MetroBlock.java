package io.metroscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * One METRO transformer block ({@code METRO} + {@code METRO_Encoder}): project the input tokens to the hidden
 * width, add the learned {@code bert.position_embeddings} rows 0…N−1 (no embedding LayerNorm), run the BERT
 * layers, then {@code cls_head(h) + residual(x)} to the block's output width.
 */
record MetroBlock(BlockSpec spec, LinearLayer embedding, NDArray positions, List<BertLayer> layers,
        LinearLayer head, LinearLayer residual, TrainingMode mode) {

    MetroBlock {
        layers = List.copyOf(layers);
    }

    /** Binds block {@code index} from {@code trans_encoder.<index>.*}. */
    static MetroBlock bind(WeightBinder w, int index, BlockSpec spec) {
        String ours = "encoder." + index;
        String official = "trans_encoder." + index;
        LinearLayer embedding = LinearLayer.bind(w, ours + ".embedding", official + ".bert.img_embedding",
                spec.inputDim(), spec.hiddenDim());
        NDArray positions = w.bind(ours + ".positions", official + ".bert.position_embeddings.weight",
                spec.positionRows(), spec.hiddenDim());
        List<BertLayer> layers = new ArrayList<>();
        for (int l = 0; l < spec.layers(); l++) {
            layers.add(BertLayer.bind(w, ours + ".layer." + l, official + ".bert.encoder.layer." + l,
                    spec.hiddenDim(), spec.intermediateDim(), spec.heads()));
        }
        LinearLayer head = LinearLayer.bind(w, ours + ".head", official + ".cls_head", spec.hiddenDim(),
                spec.outputDim());
        LinearLayer residual = LinearLayer.bind(w, ours + ".residual", official + ".residual", spec.inputDim(),
                spec.outputDim());
        return new MetroBlock(spec, embedding, positions, layers, head, residual, w.mode());
    }

    /**
     * Tokens (B, N, in) → (B, N, out); when asked, also every layer's attention probabilities stacked as
     * (B, layers, heads, N, N), first layer first.
     */
    BertLayer.Result forward(NDArray tokens, boolean keepAttention) {
        long count = tokens.getShape().get(1);
        NDArray hidden = mode == null ? embedding.forward(tokens).addi(positions.get(new NDIndex(":{}", count)))
                : mode.dropout(embedding.forward(tokens).add(positions.get(new NDIndex(":{}", count))));
        NDList attention = keepAttention ? new NDList(layers.size()) : null;
        for (BertLayer layer : layers) {
            BertLayer.Result r = layer.forward(hidden, keepAttention);
            hidden = r.hidden();
            if (keepAttention) {
                attention.add(r.attention());
            }
        }
        NDArray out = mode == null ? head.forward(hidden).addi(residual.forward(tokens))
                : head.forward(hidden).add(residual.forward(tokens));
        return new BertLayer.Result(out, keepAttention ? NDArrays.stack(attention, 1) : null);
    }
}
