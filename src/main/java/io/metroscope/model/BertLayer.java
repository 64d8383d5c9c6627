package io.metroscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * One post-LN BERT encoder layer as in pytorch_transformers 1.x (eval mode): multi-head self-attention with
 * heads as contiguous chunks of the hidden axis, residual + LayerNorm, erf-GELU feed-forward, residual + LayerNorm.
 * METRO's attention mask is all ones, so no mask term is added.
 */
record BertLayer(LinearLayer query, LinearLayer key, LinearLayer value, LinearLayer attentionOutput,
        LayerNormLayer attentionNorm, LinearLayer intermediate, LinearLayer output, LayerNormLayer outputNorm,
        int heads) {

    /** Binds {@code <official>.attention.self.query…} and friends for a layer of width {@code hidden}. */
    static BertLayer bind(WeightBinder w, String ours, String official, int hidden, int ffn, int heads) {
        return new BertLayer(
                LinearLayer.bind(w, ours + ".query", official + ".attention.self.query", hidden, hidden),
                LinearLayer.bind(w, ours + ".key", official + ".attention.self.key", hidden, hidden),
                LinearLayer.bind(w, ours + ".value", official + ".attention.self.value", hidden, hidden),
                LinearLayer.bind(w, ours + ".attentionOutput", official + ".attention.output.dense", hidden, hidden),
                LayerNormLayer.bind(w, ours + ".attentionNorm", official + ".attention.output.LayerNorm", hidden),
                LinearLayer.bind(w, ours + ".intermediate", official + ".intermediate.dense", hidden, ffn),
                LinearLayer.bind(w, ours + ".output", official + ".output.dense", ffn, hidden),
                LayerNormLayer.bind(w, ours + ".outputNorm", official + ".output.LayerNorm", hidden),
                heads);
    }

    /** Hidden states (B, N, H) → next hidden states; the (B, heads, N, N) probabilities only when asked. */
    Result forward(NDArray hidden, boolean keepAttention) {
        long batch = hidden.getShape().get(0);
        long tokens = hidden.getShape().get(1);
        long width = hidden.getShape().get(2);
        long headDim = width / heads;
        NDArray q = splitHeads(query.forward(hidden), batch, tokens, headDim);
        NDArray k = splitHeads(key.forward(hidden), batch, tokens, headDim);
        NDArray v = splitHeads(value.forward(hidden), batch, tokens, headDim);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div((float) Math.sqrt(headDim));
        NDArray probabilities = scores.softmax(-1);
        NDArray context = probabilities.matMul(v).transpose(0, 2, 1, 3).reshape(batch, tokens, width);
        NDArray attended = attentionNorm.forward(attentionOutput.forward(context).add(hidden));
        NDArray expanded = Activation.gelu(intermediate.forward(attended));
        NDArray next = outputNorm.forward(output.forward(expanded).add(attended));
        return new Result(next, keepAttention ? probabilities : null);
    }

    private NDArray splitHeads(NDArray x, long batch, long tokens, long headDim) {
        return x.reshape(batch, tokens, heads, headDim).transpose(0, 2, 1, 3);
    }

    /** Output hidden states and, when requested, the softmax attention probabilities (else null). */
    record Result(NDArray hidden, NDArray attention) {
    }
}
