package io.metroscope.annotate;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which items the review queue shows.
 *
 * @param statuses statuses to show (empty: all)
 * @param labeler  only this labeler's items (null or blank: anyone's)
 * @param minError smallest estimated error in mm (null: no bound; items without an estimate are then kept)
 * @param maxError largest estimated error in mm (null: no bound)
 */
public record QueueFilter(Set<ItemStatus> statuses, String labeler, Double minError, Double maxError) {

    public QueueFilter {
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        labeler = labeler == null || labeler.isBlank() ? null : labeler.strip();
    }

    /** Every item. */
    public static QueueFilter all() {
        return new QueueFilter(Set.of(), null, null, null);
    }

    public QueueFilter withStatuses(Set<ItemStatus> s) {
        return new QueueFilter(s, labeler, minError, maxError);
    }

    public QueueFilter withLabeler(String l) {
        return new QueueFilter(statuses, l, minError, maxError);
    }

    public QueueFilter withErrorRange(Double min, Double max) {
        return new QueueFilter(statuses, labeler, min, max);
    }
}
