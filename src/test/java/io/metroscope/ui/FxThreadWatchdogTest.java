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
        // Block the FX thread for 400 ms while a probe is queued behind it. The prober keeps one queued, but on a
        // loaded machine it may itself wait for a core before posting: the long block leaves room for that.
        Platform.runLater(() -> {
            long end = System.nanoTime() + 400_000_000L;
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
        // A probe posted up to 300 ms into the block still waited 100 ms.
        assertThat(watchdog.worstMillis()).isGreaterThanOrEqualTo(100);
    }
}
