package io.metroscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.platform.ComputeDeviceService;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MetroscopeCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = MetroscopeCommand.newCommandLine(new ComputeDeviceService());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: metroscope", "gui", "devices", "--device", "--version");
    }

    @Test
    void everyCommandHasHelp() {
        CommandLine root = MetroscopeCommand.newCommandLine(new ComputeDeviceService());
        for (String name : root.getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            out.getBuffer().setLength(0);
            assertThat(run(name, "--help")).as(name).isZero();
            assertThat(out.toString()).as(name).contains("Usage: metroscope " + name);
            assertThat(out.toString()).as(name).contains("--device");
        }
    }

    @Test
    void versionNamesEveryComponentAndTheDevice() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).contains("Metroscope:", "Java:", "JavaFX:", "DJL:", "PyTorch:", "OpenCV:", "Device:")
                .contains("0.36.0", "2.7.1", "4.9.0");
    }

    @Test
    void devicesReportsTheEngineAndTheSelection() {
        assertThat(run("devices", "--device", "cpu")).isZero();
        assertThat(out.toString()).contains("PyTorch 2.7.1", "offline=true", "Selected:  CPU");
    }

    @Test
    void anAbsentGpuGivesAClearMessageAndAnExitCode() {
        org.junit.jupiter.api.Assumptions.assumeTrue(new ComputeDeviceService().engine().getGpuCount() < 8);
        assertThat(run("devices", "--device", "gpu:7")).isEqualTo(MetroscopeCommand.EXIT_UNAVAILABLE);
        assertThat(err.toString()).contains("GPU 7 was requested").contains("--device cpu");
    }

    @Test
    void aMalformedDeviceIsAUsageError() {
        assertThat(run("devices", "--device", "tpu")).isEqualTo(2);
        assertThat(err.toString()).contains("auto, cpu, gpu or gpu:N");
    }
}
