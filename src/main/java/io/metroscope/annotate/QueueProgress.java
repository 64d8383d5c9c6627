package io.metroscope.annotate;

import java.util.EnumMap;
import java.util.Map;

/** How many items the project holds in each status. */
public record QueueProgress(Map<ItemStatus, Integer> counts) {

    public QueueProgress {
        EnumMap<ItemStatus, Integer> all = new EnumMap<>(ItemStatus.class);
        for (ItemStatus s : ItemStatus.values()) {
            all.put(s, counts.getOrDefault(s, 0));
        }
        counts = java.util.Collections.unmodifiableMap(all);
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int count(ItemStatus s) {
        return counts.get(s);
    }

    /** Items reviewed to an end (accepted or rejected). */
    public int done() {
        return count(ItemStatus.ACCEPTED) + count(ItemStatus.REJECTED);
    }

    /** {@link #done()} over {@link #total()}, 0 for an empty project. */
    public double fractionDone() {
        return total() == 0 ? 0 : done() / (double) total();
    }

    @Override
    public String toString() {
        return done() + " of " + total() + " reviewed (" + count(ItemStatus.ACCEPTED) + " accepted, "
                + count(ItemStatus.REJECTED) + " rejected, " + count(ItemStatus.NEEDS_REVIEW) + " need review, "
                + count(ItemStatus.IN_PROGRESS) + " in progress, " + count(ItemStatus.TODO) + " to do)";
    }
}
