package io.metroscope.jobs;

/** The body of a background job. */
@FunctionalInterface
public interface JobWork<T> {

    /** Does the work, reporting through {@code context}. */
    T run(JobContext context) throws Exception;
}
