package io.metroscope.cli;

import io.metroscope.train.TrainingControl;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C or a SIGTERM during {@code train} into a clean stop: the trainer saves {@code last/} at its next step
 * and the JVM waits for that (up to a bound) before it exits, so the same command resumes the run instead of losing
 * everything since the last checkpoint.
 */
final class StopOnShutdown implements AutoCloseable {

    private final Thread hook;
    private final CountDownLatch finished = new CountDownLatch(1);

    private StopOnShutdown(TrainingControl control, long waitSeconds) {
        hook = new Thread(() -> {
            control.stop();
            try {
                finished.await(waitSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "train-stop-on-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Registers the hook; {@code waitSeconds} bounds how long a signalled JVM waits for the save. */
    static StopOnShutdown install(TrainingControl control, long waitSeconds) {
        return new StopOnShutdown(control, waitSeconds);
    }

    /** The run has returned (finished, stopped or failed): a signalled JVM may now exit. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it returns now that the latch is open
        }
    }
}
