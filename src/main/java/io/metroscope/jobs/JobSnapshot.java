package io.metroscope.jobs;

/**
 * An immutable view of a job at one moment, safe to hand to another thread.
 *
 * @param progress fraction done in [0, 1], or -1 when unknown
 * @param error the failure, only when {@code state} is FAILED
 */
public record JobSnapshot(long id, String title, JobState state, double progress, String message, Throwable error) {
}
