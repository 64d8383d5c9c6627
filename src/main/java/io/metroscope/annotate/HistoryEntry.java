package io.metroscope.annotate;

/**
 * One row of the append-only edit history.
 *
 * @param id        increasing id (the commit order)
 * @param itemId    the item edited
 * @param author    who did it
 * @param createdAt when, milliseconds since the epoch
 * @param kind      what was done
 * @param target    which part of the item {@code before} and {@code after} hold
 * @param reverts   for {@link EditKind#UNDO}/{@link EditKind#REDO}: the edit undone or redone; otherwise null
 * @param detail    a short human-readable description (joint, angle, …)
 * @param before    the target's state before, as stored (see {@link EditTarget})
 * @param after     the target's state after
 */
public record HistoryEntry(long id, long itemId, String author, long createdAt, EditKind kind, EditTarget target,
        Long reverts, String detail, byte[] before, byte[] after) {
}
