package io.metroscope.annotate;

/** A reviewer's note on an item. */
public record Comment(long id, long itemId, String author, long createdAt, String text) {
}
