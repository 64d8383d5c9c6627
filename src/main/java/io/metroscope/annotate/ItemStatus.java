package io.metroscope.annotate;

/** Where an item stands in review. */
public enum ItemStatus {
    TODO("todo", "to do"),
    IN_PROGRESS("in-progress", "in progress"),
    ACCEPTED("accepted", "accepted"),
    REJECTED("rejected", "rejected"),
    NEEDS_REVIEW("needs-review", "needs review");

    private final String id;
    private final String label;

    ItemStatus(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The value stored in the project. */
    public String id() {
        return id;
    }

    /** The words shown to people. */
    public String label() {
        return label;
    }

    /** The status stored as {@code id}. */
    public static ItemStatus fromId(String id) {
        for (ItemStatus s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown item status '" + id + "'");
    }
}
