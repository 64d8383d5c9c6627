package io.metroscope.jobs;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for a task the way a direct call would fail: with the task's own exception, not a wrapper. */
public final class Futures {

    private Futures() {
    }

    /** Waits for {@code f} and returns its result; a failed task's exception or error is thrown as it was. */
    public static <T> T result(Future<T> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw (Error) e.getCause();
        }
    }
}
