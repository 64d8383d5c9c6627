package io.metroscope.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench annotate}: an annotation project at scale (create, open, next item, edit, re-pose). */
@Command(name = "annotate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time an annotation project at scale.",
                "Creates one of --items items, then times opening it, moving to the next item, a committed "
                        + "joint rotation and the LBS re-pose alone."})
final class BenchAnnotateCommand implements Callable<Integer> {

    /** Accepted like every command's; the project benchmark runs no network, so it uses no device. */
    @Mixin
    DeviceOption device;

    @Option(names = "--items", paramLabel = "N", defaultValue = "10000", converter = PositiveInt.class,
            description = "Default: ${DEFAULT-VALUE}.")
    int items;

    @Option(names = "--kind", paramLabel = "body|hand", defaultValue = "body",
            description = "Template of the project. Default: ${DEFAULT-VALUE}.")
    String kind;

    @Option(names = "--opens", paramLabel = "N", defaultValue = "5", description = "Default: ${DEFAULT-VALUE}.")
    int opens;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "200",
            description = "Next-item steps timed. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--dir", paramLabel = "DIR", description = "Keep the project in DIR (default: a temporary "
            + "folder, deleted afterwards).")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        io.metroscope.body.TemplateKind k;
        try {
            k = io.metroscope.body.TemplateKind.fromId(kind);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--kind must be body or hand");
        }
        if (items < 1 || opens < 1 || steps < 1 || steps >= items) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--items, --opens and --steps must be positive, and --steps below --items");
        }
        io.metroscope.bench.AnnotateBenchmark.Result r = io.metroscope.bench.AnnotateBenchmark.run(
                new io.metroscope.bench.AnnotateBenchmark.Options(items, k, opens, steps, dir));
        spec.commandLine().getOut().println(r.toTable());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
