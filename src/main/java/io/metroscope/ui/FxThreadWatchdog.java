package io.metroscope.ui;

import io.metroscope.platform.DaemonThreads;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Measures how long the JavaFX application thread stays busy while background work (inference) runs: a daemon
 * thread keeps one probe queued with {@link Platform#runLater} and records how late each probe runs. A probe
 * waits for whatever task (event handler, layout, pulse) holds the FX thread when it is posted, so the worst
 * delay bounds the longest FX-thread task from above (to within one probe period).
 *
 * <p>Watching is counted: {@link #begin()} and {@link #end()} may nest (a folder job and a live source at once);
 * probing runs while at least one is open, and the worst figure is reset when watching starts from idle.
 */
public final class FxThreadWatchdog {

    /** Pause between one probe running and the next being posted. */
    private static final long PERIOD_MILLIS = 2;

    private final Object lock = new Object();
    private int watchers;
    private Thread prober;
    private volatile double worstMillis;
    private volatile long probes;

    /** Starts watching (resets the worst figure when nothing was being watched). */
    public void begin() {
        synchronized (lock) {
            if (watchers++ == 0) {
                worstMillis = 0;
                probes = 0;
                prober = DaemonThreads.thread("fx-watchdog", this::probeLoop);
                prober.start();
            }
        }
    }

    /** Stops one watch; probing stops when none is left. The worst figure is kept for reading. */
    public void end() {
        synchronized (lock) {
            if (watchers == 0) {
                return;
            }
            if (--watchers == 0) {
                prober.interrupt();
                prober = null;
            }
        }
    }

    /** The longest delay of a probe on the FX thread since watching last started, in milliseconds. */
    public double worstMillis() {
        return worstMillis;
    }

    /** Probes that have run since watching last started. */
    public long probes() {
        return probes;
    }

    public boolean isWatching() {
        synchronized (lock) {
            return watchers > 0;
        }
    }

    private void probeLoop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                CountDownLatch ran = new CountDownLatch(1);
                long posted = System.nanoTime();
                Platform.runLater(() -> {
                    double late = (System.nanoTime() - posted) / 1e6;
                    if (late > worstMillis) {
                        worstMillis = late;
                    }
                    probes++;
                    ran.countDown();
                });
                // A stopped FX toolkit never runs the probe: do not wait for ever.
                if (!ran.await(10, TimeUnit.SECONDS)) {
                    return;
                }
                Thread.sleep(PERIOD_MILLIS);
            }
        } catch (InterruptedException stopped) {
            // end() was called: probing stops.
        }
    }
}
