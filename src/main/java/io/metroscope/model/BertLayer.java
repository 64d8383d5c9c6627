package io.metroscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Activation;

/**
 * One post-LN BERT encoder layer as in pytorch_transformers 1.x (eval mode): multi-head self-attention with
 * heads as contiguous chunks of the hidden axis, residual + LayerNorm, erf-GELU feed-forward, residual + LayerNorm.
 * METRO's attention mask is all ones, so no mask term is added.
 *
 * <p>For inference the query, key and value projections are fused at load time into one (3H, H) linear whose
 * query rows are pre-multiplied by {@code 1/√d}: one matmul instead of three and no separate score scaling
 * ({@code (xWq·s)Kᵀ = s·QKᵀ}; exact when √d is a power of two, else within float32 rounding).
 */
record BertLayer(LinearLayer qkv, LinearLayer attentionOutput, LayerNormLayer attentionNorm, LinearLayer intermediate,
        LinearLayer output, LayerNormLayer outputNorm, int heads, Separate separate) {

    /** Training mode: the official separate projections (what gets gradients and is exported) and the switch. */
    record Separate(LinearLayer query, LinearLayer key, LinearLayer value, TrainingMode mode) {
    }

    /** Binds {@code <official>.attention.self.query…} and friends for a layer of width {@code hidden}. */
    static BertLayer bind(WeightBinder w, String ours, String official, int hidden, int ffn, int heads) {
        LinearLayer query = LinearLayer.bind(w, ours + ".query", official + ".attention.self.query", hidden, hidden);
        LinearLayer key = LinearLayer.bind(w, ours + ".key", official + ".attention.self.key", hidden, hidden);
        LinearLayer value = LinearLayer.bind(w, ours + ".value", official + ".attention.self.value", hidden, hidden);
        Separate separate = w.mode() == null ? null : new Separate(query, key, value, w.mode());
        LinearLayer qkv = separate != null ? null
                : fuse(query, key, value, (float) (1 / Math.sqrt((double) hidden / heads)), ours);
        return new BertLayer(qkv,
                LinearLayer.bind(w, ours + ".attentionOutput", official + ".attention.output.dense", hidden, hidden),
                LayerNormLayer.bind(w, ours + ".attentionNorm", official + ".attention.output.LayerNorm", hidden),
                LinearLayer.bind(w, ours + ".intermediate", official + ".intermediate.dense", hidden, ffn),
                LinearLayer.bind(w, ours + ".output", official + ".output.dense", ffn, hidden),
                LayerNormLayer.bind(w, ours + ".outputNorm", official + ".output.LayerNorm", hidden),
                heads, separate);
    }

    /** {@code [Wq·s; Wk; Wv]} and {@code [bq·s; bk; bv]}; the separate arrays are released. */
    private static LinearLayer fuse(LinearLayer q, LinearLayer k, LinearLayer v, float scale, String ours) {
        if (q.weight() == null) {
            return new LinearLayer(null, null);
        }
        NDArray weight;
        NDArray bias;
        try (NDScope scope = new NDScope()) {
            weight = NDArrays.concat(new NDList(q.weight().mul(scale), k.weight(), v.weight()), 0);
            bias = NDArrays.concat(new NDList(q.bias().mul(scale), k.bias(), v.bias()), 0);
            NDScope.unregister(weight, bias);
        }
        for (LinearLayer l : new LinearLayer[] {q, k, v}) {
            l.weight().close();
            l.bias().close();
        }
        weight.setName(ours + ".qkv.weight");
        bias.setName(ours + ".qkv.bias");
        return new LinearLayer(weight, bias);
    }

    /** Hidden states (B, N, H) → next hidden states; the (B, heads, N, N) probabilities only when asked. */
    Result forward(NDArray hidden, boolean keepAttention) {
        if (separate != null) {
            return forwardTraining(hidden, keepAttention);
        }
        long batch = hidden.getShape().get(0);
        long tokens = hidden.getShape().get(1);
        long width = hidden.getShape().get(2);
        long headDim = width / heads;
        // (B, N, 3H) → (3, B, heads, N, d): views, one copy at most inside matMul.
        NDArray qkvHeads = qkv.forward(hidden).reshape(batch, tokens, 3, heads, headDim).transpose(2, 0, 3, 1, 4);
        NDArray q = qkvHeads.get(0);
        NDArray k = qkvHeads.get(1);
        NDArray v = qkvHeads.get(2);
        NDArray probabilities = q.matMul(k.transpose(0, 1, 3, 2)).softmax(-1);
        NDArray context = probabilities.matMul(v).transpose(0, 2, 1, 3).reshape(batch, tokens, width);
        NDArray attended = attentionNorm.forward(attentionOutput.forward(context).addi(hidden));
        NDArray expanded = Activation.gelu(intermediate.forward(attended));
        NDArray next = outputNorm.forward(output.forward(expanded).addi(attended));
        return new Result(next, keepAttention ? probabilities : null);
    }

    /**
     * The official layer with dropout (p on the attention probabilities, after the attention output dense and after
     * the output dense) when training; no in-place operations.
     */
    private Result forwardTraining(NDArray hidden, boolean keepAttention) {
        TrainingMode mode = separate.mode();
        long batch = hidden.getShape().get(0);
        long tokens = hidden.getShape().get(1);
        long width = hidden.getShape().get(2);
        long headDim = width / heads;
        // Scaling the queries rather than the (B, heads, N, N) scores: the same product, N/d times fewer divisions.
        NDArray q = split(GraphScalars.div(separate.query().forward(hidden), Math.sqrt(headDim)), batch, tokens,
                headDim);
        NDArray k = split(separate.key().forward(hidden), batch, tokens, headDim);
        NDArray v = split(separate.value().forward(hidden), batch, tokens, headDim);
        NDArray probabilities = q.matMul(k.transpose(0, 1, 3, 2)).softmax(-1);
        NDArray context = mode.dropout(probabilities).matMul(v).transpose(0, 2, 1, 3).reshape(batch, tokens, width);
        NDArray attended = attentionNorm.forward(mode.dropout(attentionOutput.forward(context)).add(hidden));
        NDArray expanded = Activation.gelu(intermediate.forward(attended));
        NDArray next = outputNorm.forward(mode.dropout(output.forward(expanded)).add(attended));
        return new Result(next, keepAttention ? probabilities : null);
    }

    private NDArray split(NDArray x, long batch, long tokens, long headDim) {
        return x.reshape(batch, tokens, heads, headDim).transpose(0, 2, 1, 3);
    }

    /**
     * Output hidden states and, when requested, the softmax attention probabilities (else null): (B, heads, N, N)
     * from a layer, (B, layers, heads, N, N) from a block.
     */
    record Result(NDArray hidden, NDArray attention) {
    }
}
