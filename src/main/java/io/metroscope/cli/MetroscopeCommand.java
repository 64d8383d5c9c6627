package io.metroscope.cli;

import io.metroscope.format.FormatException;
import io.metroscope.platform.ComputeDeviceService;
import io.metroscope.platform.DeviceUnavailableException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** The {@code metroscope} command: the GUI by default, or one of the headless subcommands. */
@Command(name = "metroscope", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"3D human and hand mesh reconstruction with METRO.",
                "With no command, opens the window."},
        subcommands = {GuiCommand.class, InspectCommand.class, TemplateCommand.class, InferCommand.class,
                LiveCommand.class, ExportCommand.class, SynthCommand.class, TrainCommand.class, EvalCommand.class,
                BenchCommand.class, DevicesCommand.class,
                CommandLine.HelpCommand.class})
public final class MetroscopeCommand implements Callable<Integer> {

    /** Exit code for a request this machine cannot satisfy (e.g. an absent GPU). */
    public static final int EXIT_UNAVAILABLE = 3;
    /** Exit code for an input file that cannot be used (corrupt, truncated, foreign, unsafe). */
    public static final int EXIT_BAD_INPUT = 4;

    @Mixin
    DeviceOption device;

    @Option(names = "--verbose", description = "Log details to the console too (the log file always has them).")
    boolean verbose;

    @Override
    public Integer call() {
        GuiCommand gui = new GuiCommand();
        gui.device = device;
        return gui.call();
    }

    /** Parses and runs {@code args}, returning the process exit code. */
    public static int execute(String... args) {
        return newCommandLine(new ComputeDeviceService()).execute(args);
    }

    /** A command line wired to the given services, with friendly error reporting. */
    public static CommandLine newCommandLine(ComputeDeviceService devices) {
        CommandLine cl = new CommandLine(new MetroscopeCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == DevicesCommand.class) {
                    return cls.cast(new DevicesCommand(devices));
                }
                if (cls == BenchCommand.class) {
                    return cls.cast(new BenchCommand(devices));
                }
                if (cls == TrainCommand.class) {
                    return cls.cast(new TrainCommand(devices));
                }
                if (cls == EvalCommand.class) {
                    return cls.cast(new EvalCommand(devices));
                }
                if (cls == InferCommand.class) {
                    return cls.cast(new InferCommand(devices, null));
                }
                if (cls == LiveCommand.class) {
                    return cls.cast(new LiveCommand(devices));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        });
        cl.setExecutionExceptionHandler(new UserErrorHandler());
        return cl;
    }

    /** Prints expected failures as one clear line; unexpected ones with their stack trace. */
    private static final class UserErrorHandler implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
            PrintWriter err = cmd.getErr();
            if (ex instanceof FormatException) {
                err.println("metroscope: " + ex.getMessage());
                err.flush();
                return EXIT_BAD_INPUT;
            }
            if (ex instanceof DeviceUnavailableException) {
                err.println("metroscope: " + ex.getMessage());
                err.flush();
                return EXIT_UNAVAILABLE;
            }
            err.println("metroscope: " + ex);
            ex.printStackTrace(err);
            err.flush();
            return cmd.getCommandSpec().exitCodeOnExecutionException();
        }
    }
}
