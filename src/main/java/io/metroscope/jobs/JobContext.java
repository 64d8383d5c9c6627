package io.metroscope.jobs;

import java.util.concurrent.CancellationException;

/** What a running job may report and ask: progress, a message, and whether it was cancelled. */
public interface JobContext {

    /** Reports the fraction done in [0, 1]; negative means unknown. */
    void progress(double fraction);

    /** Reports a short status message. */
    void message(String message);

    /** True once the user asked to cancel. */
    boolean isCancelled();

    /** A context for work run outside a job (commands, tests): reports go nowhere, never cancelled. */
    JobContext NONE = cancelledWhen(() -> false);

    /** A context that reports nowhere and is cancelled when {@code cancelled} says so. */
    static JobContext cancelledWhen(java.util.function.BooleanSupplier cancelled) {
        return new JobContext() {
            @Override
            public void progress(double fraction) {
            }

            @Override
            public void message(String message) {
            }

            @Override
            public boolean isCancelled() {
                return cancelled.getAsBoolean();
            }
        };
    }

    /** Throws {@link CancellationException} if the user asked to cancel: call it between units of work. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }
}
