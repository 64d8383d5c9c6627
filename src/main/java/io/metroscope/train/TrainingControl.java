package io.metroscope.train;

/**
 * Pause, resume and stop for a running {@link Trainer}, safe to call from any thread (e.g. the UI). The trainer
 * consults it between batches: while paused it waits there; once stopped it saves {@code last/} at the next
 * optimizer step and returns, so opening a trainer on the same output folder continues the run exactly.
 */
public final class TrainingControl {

    private boolean paused;
    private boolean stopped;
    private boolean holding;

    /** Makes the trainer wait before its next batch. */
    public synchronized void pause() {
        paused = true;
        notifyAll();
    }

    /** Lets a paused trainer go on. */
    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    /** Asks the trainer to save {@code last/} and return; also ends a pause. */
    public synchronized void stop() {
        stopped = true;
        paused = false;
        notifyAll();
    }

    public synchronized boolean isPaused() {
        return paused;
    }

    public synchronized boolean isStopRequested() {
        return stopped;
    }

    /** Whether a trainer is waiting in a pause right now, as opposed to finishing the batch it was in when paused. */
    public synchronized boolean isHolding() {
        return holding;
    }

    /**
     * Blocks while paused; returns whether a stop was asked. An interrupt while waiting counts as a stop (and the
     * thread's interrupt flag is kept).
     */
    synchronized boolean awaitGo() {
        while (paused && !stopped) {
            holding = true;
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            } finally {
                holding = false;
            }
        }
        return stopped;
    }
}
