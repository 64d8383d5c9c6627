package io.metroscope.jobs;

import io.metroscope.platform.DaemonThreads;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs long work (inference, training, imports) on dedicated worker threads with progress and cancel, and
 * tells listeners about every change. Failures are logged and reported, never swallowed.
 */
public final class JobService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobService.class);

    private final ExecutorService executor;
    private final List<JobListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    /** A service with {@code threads} worker threads named {@code name-N}. */
    public JobService(String name, int threads) {
        this.executor = Executors.newFixedThreadPool(threads, DaemonThreads.factory(name + "-%d"));
    }

    /** Registers a listener for every job's changes. */
    public void addListener(JobListener listener) {
        listeners.add(listener);
    }

    /** Removes a listener. */
    public void removeListener(JobListener listener) {
        listeners.remove(listener);
    }

    /** Queues the work and returns its handle at once. */
    public <T> Job<T> submit(String title, JobWork<T> work) {
        Job<T> job = new Job<>(ids.incrementAndGet(), title, this::publish);
        publish(job.snapshot());
        job.attach(executor.submit(() -> execute(job, work)));
        return job;
    }

    private <T> void execute(Job<T> job, JobWork<T> work) {
        if (!job.start()) {
            return;
        }
        try {
            T value = work.run(job);
            if (job.isCancelled()) {
                job.finishCancelled();
            } else {
                job.succeed(value);
            }
        } catch (CancellationException | InterruptedException e) {
            job.finishCancelled();
        } catch (Throwable e) {
            if (job.isCancelled()) {
                job.finishCancelled();
            } else {
                LOG.error("Job '{}' failed", job.title(), e);
                job.fail(e);
            }
        } finally {
            Thread.interrupted();
        }
    }

    private void publish(JobSnapshot snapshot) {
        for (JobListener l : listeners) {
            try {
                l.jobChanged(snapshot);
            } catch (RuntimeException e) {
                LOG.error("Job listener failed on {}", snapshot, e);
            }
        }
    }

    /** Cancels running jobs and stops the workers, waiting briefly for them. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
