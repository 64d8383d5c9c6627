package io.metroscope.train;

import io.metroscope.platform.DaemonThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Decodes and augments training samples ahead of the trainer on worker threads. At most {@code window} samples are
 * queued or held at once (memory stays bounded whatever the data set's size), and samples come out in the order asked
 * for: each sample depends only on (seed, epoch, item) through {@link Augmentation#draw}, so any worker count gives
 * the same batches.
 */
public final class PrefetchingLoader implements AutoCloseable {

    private final TrainingSource source;
    private final Augmentation augmentation;
    private final long seed;
    private final int window;
    private final ExecutorService workers;

    /**
     * @param workers decoding threads (≥ 1; see {@link #defaultWorkers()})
     * @param window  samples prepared ahead at most (≥ 1; one batch keeps the next batch ready while one trains)
     */
    public PrefetchingLoader(TrainingSource source, Augmentation augmentation, long seed, int workers, int window) {
        if (workers < 1 || window < 1) {
            throw new IllegalArgumentException("workers and window must be at least 1");
        }
        this.source = source;
        this.augmentation = augmentation;
        this.seed = seed;
        this.window = window;
        this.workers = Executors.newFixedThreadPool(workers, DaemonThreads.factory("metroscope-loader-%d"));
    }

    /** Cores − 1 (the trainer's thread keeps one), at least 1. */
    public static int defaultWorkers() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    /** The sample of item {@code index} as epoch {@code epoch} sees it. */
    public TrainingSample sample(int epoch, int index) throws IOException {
        return source.get(index, augmentation.draw(seed, epoch, index));
    }

    /** Streams items {@code order[from..to)} of {@code epoch}. */
    public Epoch epoch(int epoch, int[] order, int from, int to) {
        return new Epoch(epoch, order, from, to);
    }

    /** One pass over part of an epoch's order; close it to drop what was prepared but not taken. */
    public final class Epoch implements AutoCloseable {
        private final int epoch;
        private final int[] order;
        private final int to;
        private final ArrayDeque<Future<TrainingSample>> ahead = new ArrayDeque<>();
        private int submitted;

        private Epoch(int epoch, int[] order, int from, int to) {
            this.epoch = epoch;
            this.order = order;
            this.to = to;
            this.submitted = from;
            fill();
        }

        private void fill() {
            while (ahead.size() < window && submitted < to) {
                int index = order[submitted++];
                ahead.add(workers.submit(() -> {
                    try {
                        return sample(epoch, index);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
            }
        }

        public boolean hasNext() {
            return !ahead.isEmpty();
        }

        /** The next sample in order (waits for it). */
        public TrainingSample next() throws IOException {
            Future<TrainingSample> f = ahead.poll();
            if (f == null) {
                throw new java.util.NoSuchElementException("the epoch's range is exhausted");
            }
            TrainingSample s = LoadingFutures.await(f, "loading training data");
            fill();
            return s;
        }

        /** The next {@code count} samples (fewer at the end of the range). */
        public List<TrainingSample> next(int count) throws IOException {
            List<TrainingSample> out = new ArrayList<>(count);
            while (out.size() < count && hasNext()) {
                out.add(next());
            }
            return out;
        }

        @Override
        public void close() {
            for (Future<TrainingSample> f : ahead) {
                f.cancel(true);
            }
            ahead.clear();
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
