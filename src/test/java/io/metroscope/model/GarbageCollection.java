package io.metroscope.model;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/** Forces collections until every unreachable direct buffer of the moment has been freed (for use-after-free tests). */
public final class GarbageCollection {

    private GarbageCollection() {
    }

    /**
     * Two full collections, each waited for until the reference handler has enqueued a canary of it: the handler
     * takes one collection's references as a batch (direct-buffer cleaners run on it), so once the second canary
     * arrives everything the first collection found unreachable has been freed.
     */
    public static void collectAndFree() {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        for (int round = 0; round < 2; round++) {
            WeakReference<Object> canary = new WeakReference<>(new Object(), queue);
            System.gc();
            try {
                if (queue.remove(10_000) != canary) {
                    throw new IllegalStateException("the collection did not clear its canary within 10 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
