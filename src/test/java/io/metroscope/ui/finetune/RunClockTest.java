package io.metroscope.ui.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class RunClockTest {

    private static final long S = 1_000_000_000L;

    @Test
    void elapsedLeavesOutPauses() {
        RunClock c = new RunClock();
        c.start(10 * S);
        c.pause(15 * S);
        assertThat(c.elapsedSeconds(100 * S)).isEqualTo(5.0);
        c.resume(20 * S);
        assertThat(c.elapsedSeconds(22 * S)).isEqualTo(7.0);
    }

    @Test
    void etaFollowsTheSmoothedThroughput() {
        RunClock c = new RunClock();
        assertThat(c.etaSeconds(100)).isNaN();
        c.addThroughput(10);
        assertThat(c.etaSeconds(100)).isEqualTo(10.0);
        c.addThroughput(20);
        assertThat(c.samplesPerSecond()).isCloseTo(12.0, offset(1e-9));
        c.addThroughput(Double.NaN);
        assertThat(c.samplesPerSecond()).isCloseTo(12.0, offset(1e-9));
    }

    @Test
    void dataWaitIsASmoothedShareThatARestartClears() {
        RunClock c = new RunClock();
        assertThat(c.dataWait()).isNaN();
        c.addDataWait(0.5);
        c.addDataWait(0.0);
        assertThat(c.dataWait()).isCloseTo(0.4, offset(1e-9));
        c.addDataWait(Double.NaN);
        c.addDataWait(-1);
        assertThat(c.dataWait()).isCloseTo(0.4, offset(1e-9));
        c.start(0);
        assertThat(c.dataWait()).isNaN();
    }

    @Test
    void formatsDurations() {
        assertThat(RunClock.format(65)).isEqualTo("1:05");
        assertThat(RunClock.format(3723)).isEqualTo("1:02:03");
        assertThat(RunClock.format(Double.NaN)).isEqualTo("—");
    }
}
