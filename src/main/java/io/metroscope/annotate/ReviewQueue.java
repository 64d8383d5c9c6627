package io.metroscope.annotate;

import io.metroscope.format.FormatException;
import java.util.ArrayList;
import java.util.List;

/**
 * The review queue: the project's items filtered and sorted, a current position, next/previous, and the review
 * actions (accept, reject, flag for review, comment) on the current item. Rows are re-read on {@link #refresh};
 * an action updates its row in place, so an accepted item stays where it was until the next refresh and
 * next/previous keep their meaning.
 */
public final class ReviewQueue {

    private final AnnotationProject project;
    private final ItemEditor editor;
    private QueueFilter filter = QueueFilter.all();
    private QueueSort sort = QueueSort.IMPORT_ORDER;
    private List<ItemSummary> rows = List.of();
    private int position = -1;

    public ReviewQueue(AnnotationProject project, ItemEditor editor) {
        this.project = project;
        this.editor = editor;
    }

    public QueueFilter filter() {
        return filter;
    }

    public QueueSort sort() {
        return sort;
    }

    /** Applies a filter and re-reads the rows. */
    public List<ItemSummary> setFilter(QueueFilter newFilter) throws FormatException {
        filter = newFilter;
        return refresh();
    }

    /** Applies an order and re-reads the rows. */
    public List<ItemSummary> setSort(QueueSort newSort) throws FormatException {
        sort = newSort;
        return refresh();
    }

    /** Re-reads the rows; the current item stays current when it still passes the filter, else the first is. */
    public List<ItemSummary> refresh() throws FormatException {
        Long current = current();
        rows = project.database().read(c -> ItemTable.summaries(c, filter, sort));
        position = rows.isEmpty() ? -1 : 0;
        if (current != null) {
            int at = indexOf(current);
            if (at >= 0) {
                position = at;
            }
        }
        return rows;
    }

    /** The rows as last read (and updated by actions). */
    public List<ItemSummary> rows() {
        return rows;
    }

    /** Items per status in the whole project (not only the filtered rows). */
    public QueueProgress progress() throws FormatException {
        return project.database().read(ItemTable::progress);
    }

    /** The labelers named in the project. */
    public List<String> labelers() throws FormatException {
        return project.database().read(ItemTable::labelers);
    }

    /** The current item's id, or null when the queue is empty. */
    public Long current() {
        return position >= 0 && position < rows.size() ? rows.get(position).id() : null;
    }

    /** The current position (0-based), or −1. */
    public int position() {
        return position;
    }

    /** Makes {@code id} current if it is in the rows; returns whether it is. */
    public boolean select(long id) {
        int at = indexOf(id);
        if (at >= 0) {
            position = at;
        }
        return at >= 0;
    }

    /** Moves to the next row; returns its id, or null (staying put) at the end. */
    public Long next() {
        if (position + 1 < rows.size()) {
            position++;
            return current();
        }
        return null;
    }

    /** Moves to the previous row; returns its id, or null (staying put) at the start. */
    public Long previous() {
        if (position > 0) {
            position--;
            return current();
        }
        return null;
    }

    /** Accepts the current item. */
    public long accept() throws FormatException {
        return setStatus(ItemStatus.ACCEPTED);
    }

    /** Rejects the current item (unusable image or mesh). */
    public long reject() throws FormatException {
        return setStatus(ItemStatus.REJECTED);
    }

    /** Flags the current item for a second look. */
    public long flag() throws FormatException {
        return setStatus(ItemStatus.NEEDS_REVIEW);
    }

    /** Comments on the current item. */
    public long comment(String text) throws FormatException {
        return editor.comment(requireCurrent(), text);
    }

    /** Re-reads the current item's row after an edit elsewhere (status, labeler, time). */
    public void reloadCurrent() throws FormatException {
        Long id = current();
        if (id != null) {
            ItemSummary row = project.database().read(c -> ItemTable.summary(c, id));
            List<ItemSummary> copy = new ArrayList<>(rows);
            copy.set(position, row);
            rows = List.copyOf(copy);
        }
    }

    private long setStatus(ItemStatus status) throws FormatException {
        long id = editor.setStatus(requireCurrent(), status);
        reloadCurrent();
        return id;
    }

    private long requireCurrent() {
        Long id = current();
        if (id == null) {
            throw new IllegalStateException("the queue is empty");
        }
        return id;
    }

    private int indexOf(long id) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }
}
