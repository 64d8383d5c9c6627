package io.metroscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.metroscope.app.FileInspector;
import io.metroscope.app.Inspection;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Shows what a checkpoint, NumPy file, SMPL/MANO model or mesh holds. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show what a file holds: a checkpoint, bundle, .npy/.npz, SMPL/MANO .pkl or mesh.",
                "Every tensor of a PyTorch checkpoint (zip or legacy) or of a training run's checkpoint folder, a "
                        + "model bundle's manifest (files checked) and tensors, the arrays of a .npy/.npz (sparse "
                        + "matrices included), an SMPL/MANO .pkl, or a mesh (.obj, .ply)."})
public final class InspectCommand implements Callable<Integer> {

    @Mixin
    DeviceOption device;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Parameters(paramLabel = "FILE", description = "The file (or bundle or run checkpoint folder) to inspect.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Inspection inspection = new FileInspector().inspect(file);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(inspection));
        } else {
            out.print(inspection.toText());
        }
        out.flush();
        return 0;
    }
}
