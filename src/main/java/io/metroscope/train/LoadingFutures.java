package io.metroscope.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waits for data prepared on a loader thread, rethrowing what went wrong there as the caller's own exception. */
final class LoadingFutures {

    private LoadingFutures() {
    }

    /** The result of {@code future}; {@code what} names the work in the messages ("loading training data"). */
    static <T> T await(Future<T> future, String what) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(cause);
        } catch (CancellationException e) {
            throw new IOException("closed while " + what, e);
        }
    }
}
