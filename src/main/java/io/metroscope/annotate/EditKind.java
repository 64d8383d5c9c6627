package io.metroscope.annotate;

/** What a history entry did. {@link #UNDO} and {@link #REDO} entries name the edit they revert or re-apply. */
public enum EditKind {
    MOVE_JOINT_2D("move-joint-2d", "move 2D joint"),
    SET_VISIBILITY("set-visibility", "set joint visibility"),
    ROTATE_JOINT("rotate-joint", "rotate joint"),
    GLOBAL_ROTATE("global-rotate", "rotate mesh"),
    GLOBAL_TRANSLATE("global-translate", "move mesh"),
    GLOBAL_SCALE("global-scale", "scale mesh"),
    RESHAPE("reshape", "change shape"),
    REFIT("refit", "refit"),
    SET_STATUS("set-status", "set status"),
    UNDO("undo", "undo"),
    REDO("redo", "redo");

    private final String id;
    private final String label;

    EditKind(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The value stored in the project. */
    public String id() {
        return id;
    }

    /** Words for menus and the status line. */
    public String label() {
        return label;
    }

    /** Whether this is an undo or redo entry rather than an edit of its own. */
    public boolean isReversal() {
        return this == UNDO || this == REDO;
    }

    /** The kind stored as {@code id}. */
    public static EditKind fromId(String id) {
        for (EditKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown edit kind '" + id + "'");
    }
}
