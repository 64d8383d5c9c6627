package io.metroscope.body;

import java.util.Locale;

/** Whether a template is a body (SMPL topology) or a right hand (MANO topology). */
public enum TemplateKind {
    BODY, HAND;

    /** Lower-case id used in files and on the command line ({@code body}, {@code hand}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TemplateKind fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
