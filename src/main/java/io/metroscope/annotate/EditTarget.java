package io.metroscope.annotate;

/** Which part of an item a history entry's before/after payloads hold. */
public enum EditTarget {
    /** J×3 float32 {@code [x, y, visible]} of the 2D joints. */
    JOINTS_2D("joints2d"),
    /**
     * V×3 float32 current vertices (the 3D joints are regressed from them), followed by the 3 camera values
     * {@code [s, tx, ty]} when the edit also moved the camera (a refit): the payload's length tells which.
     */
    MESH("mesh"),
    /** The status id as UTF-8 text. */
    STATUS("status");

    private final String id;

    EditTarget(String id) {
        this.id = id;
    }

    /** The value stored in the project. */
    public String id() {
        return id;
    }

    /** The target stored as {@code id}. */
    public static EditTarget fromId(String id) {
        for (EditTarget t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown edit target '" + id + "'");
    }
}
