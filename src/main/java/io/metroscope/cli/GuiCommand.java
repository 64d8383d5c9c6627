package io.metroscope.cli;

import io.metroscope.ui.GuiLauncher;
import io.metroscope.ui.GuiOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Opens the main window; also what {@code metroscope} with no command does. */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = "Open the Metroscope window (the default when no command is given).")
public final class GuiCommand implements Callable<Integer> {

    @Mixin
    DeviceOption device;

    @Option(names = "--startup-report", description = "Print how long the window took to appear, then close it.")
    boolean startupReport;

    @Option(names = "--no-demo", description = "Start without the bundled demo model and sample images.")
    boolean noDemo;

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Images, folders or checkpoints to open, routed as if dropped on the window.")
    List<Path> files = List.of();

    @Override
    public Integer call() {
        return GuiLauncher.launch(new GuiOptions(device.spec(), files, startupReport, !noDemo && !startupReport));
    }
}
