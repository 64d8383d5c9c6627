package io.metroscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/** Everything after the backbone: token building, the encoder, the camera head and the learned upsampling. */
sealed interface MeshHead permits BodyHead, HandHead {

    /** Backbone output (B,C,7,7 body / B,C hand) and template tokens (N,3) → predictions. */
    default MeshPrediction forward(NDArray backboneOut, NDArray template, boolean keepAttention) {
        return forward(backboneOut, template, keepAttention, StageClock.NONE);
    }

    /** As above, marking {@code "transformer"} after the encoder and {@code "heads"} after camera and upsampling. */
    default MeshPrediction forward(NDArray backboneOut, NDArray template, boolean keepAttention, StageClock clock) {
        return forward(backboneOut, template, keepAttention, clock, null);
    }

    /**
     * As above; {@code tokenHook} (null: none) rewrites the (B,N,in) encoder input first — where training applies
     * masked vertex modeling.
     */
    MeshPrediction forward(NDArray backboneOut, NDArray template, boolean keepAttention, StageClock clock,
            java.util.function.UnaryOperator<NDArray> tokenHook);

    /** {@code tokens} through {@code hook} when there is one. */
    static NDArray hooked(NDArray tokens, java.util.function.UnaryOperator<NDArray> hook) {
        return hook == null ? tokens : hook.apply(tokens);
    }

    /** {@code [xyz ; features]} per token: the template first, as in the official {@code torch.cat}. */
    static NDArray concatTemplate(NDArray template, NDArray tokenFeatures) {
        Shape s = tokenFeatures.getShape();
        NDArray xyz = template.expandDims(0).broadcast(new Shape(s.get(0), s.get(1), 3));
        return NDArrays.concat(new ai.djl.ndarray.NDList(xyz, tokenFeatures), 2);
    }

    /** Splits encoder output (B,N,3) into joints (first {@code joints} tokens) and coarse vertices. */
    static NDArray[] splitTokens(NDArray out, int joints) {
        return new NDArray[] {out.get(new NDIndex(":, :{}", joints)), out.get(new NDIndex(":, {}:", joints))};
    }

    /**
     * The camera head: {@code fc1} over xyz (B,T,3)→(B,T,1), across tokens {@code fc2} then {@code fc3} →
     * (B,3) = [s, tx, ty]. No activation anywhere, as in the official code.
     */
    static NDArray camera(NDArray tokens, LinearLayer fc1, LinearLayer fc2, LinearLayer fc3) {
        NDArray x = fc1.forward(tokens).transpose(0, 2, 1);
        x = fc3.forward(fc2.forward(x));
        return x.reshape(tokens.getShape().get(0), 3);
    }

    /** A learned vertex-axis upsampling: per coordinate, (B,V,3) → (B,V',3). */
    static NDArray upsample(LinearLayer layer, NDArray vertices) {
        return layer.forward(vertices.transpose(0, 2, 1)).transpose(0, 2, 1);
    }
}
