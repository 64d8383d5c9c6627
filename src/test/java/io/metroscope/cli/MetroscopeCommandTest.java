package io.metroscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.platform.ComputeDeviceService;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
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
    void everyCommandHasHelpAndEveryRunnableOneTakesDevice() {
        CommandLine root = MetroscopeCommand.newCommandLine(new ComputeDeviceService());
        checkHelp(root, List.of());
    }

    private void checkHelp(CommandLine cl, List<String> path) {
        for (var e : cl.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) {
                continue;
            }
            List<String> args = new ArrayList<>(path);
            args.add(e.getKey());
            String name = String.join(" ", args);
            out.getBuffer().setLength(0);
            args.add("--help");
            assertThat(run(args.toArray(String[]::new))).as(name).isZero();
            assertThat(out.toString()).as(name).contains("Usage: metroscope " + name);
            // The parent's command list shows only this first line: it must say the whole thing.
            String[] description = e.getValue().getCommandSpec().usageMessage().description();
            assertThat(description).as(name).isNotEmpty();
            assertThat(description[0]).as(name + ": first description line").endsWith(".");
            if (e.getValue().getCommand() instanceof java.util.concurrent.Callable<?>) {
                assertThat(out.toString()).as(name).contains("--device");
            }
            checkHelp(e.getValue(), args.subList(0, args.size() - 1));
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

    @Test
    void inspectListsTheTensorsOfACheckpoint() {
        java.nio.file.Path ckpt = java.nio.file.Path.of("src/test/resources/io/metroscope/format/tensors_zip.pt");
        assertThat(run("inspect", ckpt.toString())).isZero();
        assertThat(out.toString()).contains("PyTorch checkpoint (zip format)", "float32", "tensors:");
        out.getBuffer().setLength(0);
        assertThat(run("inspect", "--json", ckpt.toString())).isZero();
        assertThat(out.toString()).contains("\"entries\"", "\"shape\"");
    }

    @Test
    void inspectRefusesAForeignFileNamingIt() {
        assertThat(run("inspect", "pom.xml")).isEqualTo(MetroscopeCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("pom.xml", "not a PyTorch checkpoint", "Fix:");
    }

    @Test
    void templateBuildNeedsExactlyOneModel() {
        assertThat(run("template", "build", "--metro-data", "x", "--out", "y.npz")).isEqualTo(2);
        assertThat(err.toString()).contains("--smpl", "--mano");
        assertThat(run("template", "build", "--smpl", "missing.pkl", "--metro-data", "x", "--out",
                "target/t.npz")).isEqualTo(MetroscopeCommand.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("missing.pkl");
    }
}
