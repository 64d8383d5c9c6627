package io.metroscope.jobs;

/** Receives every change of every job, on the job's worker thread (views must hop to their own thread). */
@FunctionalInterface
public interface JobListener {

    /** Called after each change. */
    void jobChanged(JobSnapshot snapshot);
}
