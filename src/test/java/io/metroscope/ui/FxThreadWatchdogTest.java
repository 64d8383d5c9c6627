package io.metroscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The watchdog sees a task that blocks the FX thread: its worst probe delay covers the block (a lower bound
 * only: how much later than the block a probe runs is not asserted), nesting keeps it watching.
 */
@ExtendWith(ApplicationExtension.class)
class FxThreadWatchdogTest {

    @Start
    void start(Stage stage) {
        stage.show();
    }

    @Test
    void aBlockingFxTaskShowsAsTheWorstStall() throws Exception {
        FxThreadWatchdog watchdog = new FxThreadWatchdog();
        watchdog.begin();
        watchdog.begin();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> watchdog.probes() > 3);
        // Block the FX thread for 120 ms while a probe is queued behind it.
        Platform.runLater(() -> {
            long end = System.nanoTime() + 120_000_000L;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        });
        long before = watchdog.probes();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> watchdog.probes() > before + 3);
        watchdog.end();
        assertThat(watchdog.isWatching()).as("one watch is still open").isTrue();
        watchdog.end();
        assertThat(watchdog.isWatching()).isFalse();
        // The probe posted just before the block waited for most of it; at least half is a safe floor.
        assertThat(watchdog.worstMillis()).isGreaterThanOrEqualTo(60);
    }
}
