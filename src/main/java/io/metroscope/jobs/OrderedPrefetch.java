package io.metroscope.jobs;

import io.metroscope.platform.DaemonThreads;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Prepares the items of a list on one background thread, up to {@code ahead} items before the consumer, and hands the
 * results out in list order: reading and cropping the next image overlaps the model's forward on the current one.
 */
public final class OrderedPrefetch<I, O> implements AutoCloseable {

    /** The preparation of one item; it may fail, and the failure belongs to that item alone. */
    @FunctionalInterface
    public interface Work<I, O> {
        O apply(I item) throws Exception;
    }

    private final List<I> items;
    private final Work<I, O> work;
    private final int ahead;
    private final ExecutorService thread;
    private final List<Future<O>> futures;
    private int next;

    /** Starts preparing the first {@code ahead} (≥ 1) items on a daemon thread named {@code threadName}. */
    public OrderedPrefetch(List<I> items, Work<I, O> work, int ahead, String threadName) {
        if (ahead < 1) {
            throw new IllegalArgumentException("ahead must be at least 1");
        }
        this.items = List.copyOf(items);
        this.work = work;
        this.ahead = ahead;
        this.futures = new ArrayList<>(Collections.nCopies(this.items.size(), null));
        this.thread = DaemonThreads.single(threadName);
        for (int i = 0; i < Math.min(ahead, futures.size()); i++) {
            submit(i);
        }
    }

    private void submit(int i) {
        I item = items.get(i);
        futures.set(i, thread.submit(() -> work.apply(item)));
    }

    /**
     * The result for item {@code i}, waiting for it if needed; items are taken in order, each once. A failure of its
     * preparation is thrown as it was thrown there.
     */
    public O take(int i) throws Exception {
        if (i != next) {
            throw new IllegalStateException("items are taken in order: expected " + next + ", got " + i);
        }
        next++;
        if (i + ahead < futures.size()) {
            submit(i + ahead);
        }
        return Futures.result(futures.set(i, null));
    }

    /** Cancels what is still queued and stops the thread, interrupting an item being prepared. */
    @Override
    public void close() {
        for (Future<O> f : futures) {
            if (f != null) {
                f.cancel(false);
            }
        }
        thread.shutdownNow();
    }
}
