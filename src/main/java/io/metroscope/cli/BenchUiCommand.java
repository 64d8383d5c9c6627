package io.metroscope.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench ui}: FX-thread cost of the Reconstruct and Attention views with a 6890-vertex body. */
@Command(name = "ui", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time the real views' FX thread in a window (needs a display).",
                "On a headless machine run it under xvfb-run -a -s \"-screen 0 1600x1000x24\". With a "
                        + "synthetic 6890-vertex body it times re-colour per joint, mesh update per frame, live frames "
                        + "(overlay stroked on the FX thread vs drawn off it) and results arriving from a worker. With "
                        + "--model, also the live view with that model against the model alone (what display and "
                        + "decoding add). See src/bench/BENCHMARKS.md."})
final class BenchUiCommand implements Callable<Integer> {

    /** The device of the --model phase; the other phases use a stand-in model. */
    @Mixin
    DeviceOption device;

    @Option(names = "--passes", paramLabel = "N", defaultValue = "10",
            description = "Re-colour passes over the 14 joints. Default: ${DEFAULT-VALUE}.")
    int passes;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "150",
            description = "Frames per mesh-update and live phase. Default: ${DEFAULT-VALUE}.")
    int frames;

    @Option(names = "--results", paramLabel = "N", defaultValue = "20",
            description = "Results arriving in the folder phase. Default: ${DEFAULT-VALUE}.")
    int results;

    @Option(names = "--model-ms", paramLabel = "MS", defaultValue = "40",
            description = "Busy time of the stand-in model per frame or image. Default: ${DEFAULT-VALUE}.")
    double modelMillis;

    @Option(names = "--model", paramLabel = "BUNDLE", description = "Also run the live view with this model "
            + "bundle (e.g. assets/models/body-demo) against the model alone.")
    Path model;

    @Option(names = "--video", paramLabel = "FILE", description = "The --model phase's source (default: a "
            + "synthetic 640×480 camera at 30 fps).")
    Path video;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        io.metroscope.ui.bench.UiBenchmark.Report r = io.metroscope.ui.bench.UiBenchmark.run(
                new io.metroscope.ui.bench.UiBenchmark.Options(passes, frames, results, modelMillis, model, video,
                        device.spec()),
                line -> BenchCommand.log(err, line));
        out.println(r.toTable());
        out.flush();
        javafx.application.Platform.exit();
        return 0;
    }
}
