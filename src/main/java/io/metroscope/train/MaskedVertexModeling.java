package io.metroscope.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Masked vertex modeling as the official datasets draw it and the network applies it: per sample,
 * {@code k = int(U[0,1)·percent·J)} distinct joint tokens and, independently, {@code int(U[0,1)·percent·V)} vertex
 * tokens are replaced whole (xyz and image features) by the constant 0.01 — or, optionally, by a learned [MASK]
 * token — during training only: {@code features·mask + token·(1−mask)}.
 *
 * @param jointPercent  fraction cap for joint tokens (official body 0.3, hand 0)
 * @param vertexPercent fraction cap for vertex tokens (official body 0.3, hand 0)
 * @param learnedToken  use a trained [MASK] vector instead of the constant 0.01
 */
public record MaskedVertexModeling(double jointPercent, double vertexPercent, boolean learnedToken) {

    /** The official constant mask value. */
    public static final float MASK_VALUE = 0.01f;

    public MaskedVertexModeling {
        if (jointPercent < 0 || jointPercent > 1 || vertexPercent < 0 || vertexPercent > 1) {
            throw new IllegalArgumentException("mask fractions must be in [0, 1]");
        }
    }

    /** {@code mvm_percent = 0.3} (body) or {@code 0.0} (hand), constant token. */
    public static MaskedVertexModeling official(io.metroscope.model.MeshKind kind) {
        double p = kind == io.metroscope.model.MeshKind.BODY ? 0.3 : 0.0;
        return new MaskedVertexModeling(p, p, false);
    }

    public boolean active() {
        return jointPercent > 0 || vertexPercent > 0;
    }

    /** One sample's mask over {@code joints + vertices} tokens: 1 keeps a token, 0 masks it. */
    public float[] draw(Random random, int joints, int vertices) {
        float[] mask = new float[joints + vertices];
        Arrays.fill(mask, 1f);
        maskSome(random, mask, 0, joints, jointPercent);
        maskSome(random, mask, joints, vertices, vertexPercent);
        return mask;
    }

    /** {@code np.random.choice(n, size=int(U·percent·n), replace=False)} → 0 in {@code mask[offset + i]}. */
    private static void maskSome(Random random, float[] mask, int offset, int n, double percent) {
        int k = (int) (random.nextDouble() * percent * n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
            mask[offset + order[i]] = 0f;
        }
    }

    /**
     * The encoder-input rewrite for one batch of masks (B×N, row-major), or null when nothing is masked or the
     * network is evaluating (masking is a training-only operation). {@code token} is the learned (in,) [MASK]
     * vector or null for the constant.
     */
    public static UnaryOperator<NDArray> hook(float[] masks, int batch, boolean training, NDArray token) {
        if (!training) {
            return null;
        }
        boolean any = false;
        for (float m : masks) {
            any |= m == 0f;
        }
        if (!any) {
            return null;
        }
        return features -> {
            long tokens = features.getShape().get(1);
            NDArray keep = features.getManager().create(masks, new Shape(batch, tokens, 1));
            NDArray replacement = token == null ? keep.onesLike().mul(MASK_VALUE) : token.reshape(1, 1, -1);
            return features.mul(keep).add(replacement.mul(keep.neg().add(1)));
        };
    }
}
