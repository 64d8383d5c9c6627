package io.metroscope.model;

import io.metroscope.body.TemplateKind;
import java.util.Locale;

/** Which METRO network a checkpoint holds: the SMPL body or the MANO right hand. */
public enum MeshKind {
    /** {@code METRO_Body_Network}: 7×7 feature map mixed into tokens by {@code conv_learn_tokens}. */
    BODY,
    /** {@code METRO_Hand_Network}: one pooled 2048-d feature broadcast to every token. */
    HAND;

    /** The kind named {@code id} ("body" or "hand", any case, surrounding blanks ignored) as users type it. */
    public static MeshKind fromId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }

    /** The network that reads meshes of a template of {@code kind}. */
    public static MeshKind of(TemplateKind kind) {
        return kind == TemplateKind.HAND ? HAND : BODY;
    }

    /** The template kind this network's meshes have. */
    public TemplateKind templateKind() {
        return this == HAND ? TemplateKind.HAND : TemplateKind.BODY;
    }
}
