package io.metroscope.model;

/** Which METRO network a checkpoint holds: the SMPL body or the MANO right hand. */
public enum MeshKind {
    /** {@code METRO_Body_Network}: 7×7 feature map mixed into tokens by {@code conv_learn_tokens}. */
    BODY,
    /** {@code METRO_Hand_Network}: one pooled 2048-d feature broadcast to every token. */
    HAND
}
