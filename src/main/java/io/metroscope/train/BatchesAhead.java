package io.metroscope.train;

import io.metroscope.platform.DaemonThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;

/**
 * The batches of one pass, each assembled ({@link HostBatch}) on a thread of its own while the trainer computes the
 * one before: on a GPU the device no longer waits for a batch's images to be stacked and copied between steps. Image
 * buffers go back through {@link #recycle} once their step is done, so a pass reuses two of them.
 */
final class BatchesAhead implements AutoCloseable {

    private final PrefetchingLoader.Epoch stream;
    private final IntUnaryOperator sizeOf;
    private final int to;
    private final ExecutorService thread = DaemonThreads.single("metroscope-batch");
    private final ArrayDeque<ByteBuffer> spare = new ArrayDeque<>();
    private Future<HostBatch> next;
    private int submitted;

    /** Batches {@code from..to-1} of {@code stream}, batch {@code b} holding {@code sizeOf.applyAsInt(b)} samples. */
    BatchesAhead(PrefetchingLoader.Epoch stream, IntUnaryOperator sizeOf, int from, int to) {
        this.stream = stream;
        this.sizeOf = sizeOf;
        this.to = to;
        this.submitted = from;
        submitNext();
    }

    private void submitNext() {
        if (submitted >= to) {
            next = null;
            return;
        }
        int count = sizeOf.applyAsInt(submitted++);
        ByteBuffer buffer = spare.poll(); // the trainer's thread alone takes and returns buffers
        next = thread.submit(() -> {
            try {
                return HostBatch.of(stream.next(count), buffer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The next batch (waits for it) and starts assembling the one after. */
    HostBatch take() throws IOException {
        if (next == null) {
            throw new java.util.NoSuchElementException("no batch left in this pass");
        }
        HostBatch batch = LoadingFutures.await(next, "assembling a training batch");
        submitNext();
        return batch;
    }

    /** Hands {@code batch}'s image buffer back for a later batch: only once no array reads it any more. */
    void recycle(HostBatch batch) {
        if (spare.size() < 2) {
            spare.add(batch.images());
        }
    }

    @Override
    public void close() {
        if (next != null) {
            next.cancel(true);
        }
        thread.shutdownNow();
        try {
            // The pass's stream is closed after this: no assembly may still be reading from it.
            thread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
