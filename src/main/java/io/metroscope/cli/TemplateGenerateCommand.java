package io.metroscope.cli;

import io.metroscope.body.OpenTemplate;
import io.metroscope.body.OpenTemplates;
import io.metroscope.body.TemplateKind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Generates Metroscope's own open (CC0) body or hand template. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate Metroscope's own open (CC0) body or hand template.",
                "Mesh, levels, regressors, rig and shape directions, deterministically from a seed. Seed 0 "
                        + "gives the templates in templates/."})
public final class TemplateGenerateCommand implements Callable<Integer> {

    @Mixin
    DeviceOption device;

    @Option(names = "--template", required = true, paramLabel = "body|hand", description = "Which template.")
    String kind;

    @Option(names = "--seed", defaultValue = "0", description = "Proportions vary with the seed (0 = canonical). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "OUT.npz", description = "Where to write (a JSON manifest goes beside it).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TemplateKind k = switch (kind.toLowerCase(Locale.ROOT)) {
            case "body" -> TemplateKind.BODY;
            case "hand" -> TemplateKind.HAND;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--template must be body or hand, not '" + kind + "'");
        };
        OutputFiles.prepare(out);
        long t0 = System.nanoTime();
        OpenTemplate t = OpenTemplates.generate(k, seed, out);
        PrintWriter o = spec.commandLine().getOut();
        o.printf("Wrote %s template (seed %d) to %s in %.1f s: %d vertices, %d coarse, %d tokens%n",
                kind.toLowerCase(Locale.ROOT), seed, out, (System.nanoTime() - t0) / 1e9,
                t.template().fullVertexCount(), t.template().coarseVertexCount(), t.template().tokenCount());
        o.flush();
        return 0;
    }
}
