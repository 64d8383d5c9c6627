package io.metroscope.cli;

import io.metroscope.body.MetroTemplate;
import io.metroscope.body.TemplateBuilder;
import io.metroscope.body.TemplateKind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Builds the official METRO body or hand template exactly as the official code does. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Build the official METRO template from SMPL (body) or MANO (hand) and MeshTransformer's data files.",
                "Writes an .npz (our template format) and a JSON manifest beside it."})
public final class TemplateBuildCommand implements Callable<Integer> {

    @Mixin
    DeviceOption device;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--metro-data", required = true, paramLabel = "DIR",
            description = "MeshTransformer's data folder (mesh_downsampling.npz, mano_downsampling.npz, J_regressor_h36m_correct.npy).")
    Path metroData;

    @Option(names = "--out", required = true, paramLabel = "OUT.npz", description = "Where to write the template.")
    Path out;

    @Spec
    CommandSpec spec;

    /** Exactly one of --smpl or --mano. */
    static final class Source {
        @Option(names = "--smpl", paramLabel = "FILE", description = "SMPL model (.pkl as distributed, or smplx-style .npz): body template.")
        Path smpl;

        @Option(names = "--mano", paramLabel = "FILE", description = "MANO right-hand model (.pkl or .npz): hand template.")
        Path mano;
    }

    @Override
    public Integer call() throws Exception {
        TemplateKind kind = source.smpl != null ? TemplateKind.BODY : TemplateKind.HAND;
        Path model = source.smpl != null ? source.smpl : source.mano;
        OutputFiles.prepare(out);
        MetroTemplate t = new TemplateBuilder().buildAndSave(kind, model, metroData, out);
        PrintWriter o = spec.commandLine().getOut();
        o.printf("Wrote %s template to %s: %d vertices, %d coarse, %d tokens (%d joints + %d vertices)%n",
                kind.name().toLowerCase(java.util.Locale.ROOT), out, t.fullVertexCount(), t.coarseVertexCount(),
                t.tokenCount(), t.tokenCount() - t.coarseVertexCount(), t.coarseVertexCount());
        o.flush();
        return 0;
    }
}
