package io.metroscope.jobs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** A handle on one submitted background job: its result, its live state, and cancel. */
public final class Job<T> implements JobContext {

    private final long id;
    private final String title;
    private final Consumer<JobSnapshot> publisher;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private volatile JobState state = JobState.QUEUED;
    private volatile double progress = -1;
    private volatile String message = "Waiting";
    private volatile boolean cancelRequested;
    private volatile Future<?> execution;

    Job(long id, String title, Consumer<JobSnapshot> publisher) {
        this.id = id;
        this.title = title;
        this.publisher = publisher;
    }

    /** The job's id, unique within its service. */
    public long id() {
        return id;
    }

    /** The title shown to the user. */
    public String title() {
        return title;
    }

    /** Completes with the job's value, exceptionally on failure or cancellation. */
    public CompletableFuture<T> result() {
        return result;
    }

    /** The state now. */
    public JobSnapshot snapshot() {
        return snapshot(null);
    }

    /** Asks the job to stop: a queued job never starts, a running one is interrupted and sees isCancelled(). */
    public void cancel() {
        cancelRequested = true;
        Future<?> f = execution;
        if (f != null) {
            f.cancel(true);
        }
        if (state == JobState.QUEUED) {
            finishCancelled();
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelRequested || Thread.currentThread().isInterrupted();
    }

    @Override
    public void progress(double fraction) {
        progress = fraction < 0 ? -1 : Math.min(1.0, fraction);
        publisher.accept(snapshot(null));
    }

    @Override
    public void message(String text) {
        message = text;
        publisher.accept(snapshot(null));
    }

    void attach(Future<?> future) {
        execution = future;
    }

    synchronized boolean start() {
        if (state != JobState.QUEUED) {
            return false;
        }
        state = JobState.RUNNING;
        message = "Running";
        publisher.accept(snapshot(null));
        return true;
    }

    synchronized void succeed(T value) {
        state = JobState.SUCCEEDED;
        progress = 1;
        message = "Done";
        publisher.accept(snapshot(null));
        result.complete(value);
    }

    synchronized void fail(Throwable error) {
        state = JobState.FAILED;
        message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        publisher.accept(snapshot(error));
        result.completeExceptionally(error);
    }

    synchronized void finishCancelled() {
        if (state.isFinished()) {
            return;
        }
        state = JobState.CANCELLED;
        message = "Cancelled";
        publisher.accept(snapshot(null));
        result.cancel(false);
    }

    private JobSnapshot snapshot(Throwable error) {
        return new JobSnapshot(id, title, state, progress, message, error);
    }
}
