package io.metroscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.Main;
import io.metroscope.cli.MetroscopeCommand;
import io.metroscope.testing.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GuiLauncherTest {

    /** Without an X server the window cannot open: one line saying so and how to go on, and the unavailable code. */
    @Test
    void noDisplayIsOneClearLineNotAStackTrace() throws Exception {
        Process child = ChildJvm.start(Main.class, List.of("-Xmx256m"), List.of("DISPLAY", "WAYLAND_DISPLAY"),
                "gui", "--no-demo");
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(output).isEqualTo(MetroscopeCommand.EXIT_UNAVAILABLE);
        assertThat(output).contains("no display to open the window on (DISPLAY is not set")
                .contains("xvfb-run").contains("metroscope --help").doesNotContain("\tat ");
    }
}
