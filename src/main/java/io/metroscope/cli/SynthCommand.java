package io.metroscope.cli;

import io.metroscope.body.OpenTemplate;
import io.metroscope.body.OpenTemplates;
import io.metroscope.body.TemplateKind;
import io.metroscope.train.Backgrounds;
import io.metroscope.train.PoseFiles;
import io.metroscope.train.PoseShape;
import io.metroscope.train.SynthConfig;
import io.metroscope.train.TrainingFolderWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Writes a synthetic training dataset (rendered open-template people or hands with labels) as a training folder. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Render a synthetic training dataset from Metroscope's open templates.",
                "From the open body or hand template: random poses, shapes, clothing, lighting, backgrounds "
                        + "and occluders, with 3D/2D joints, meshes at every level and the camera, in Metroscope's "
                        + "training folder format (see README). Same seed, same bytes."})
public final class SynthCommand implements Callable<Integer> {

    @Mixin
    DeviceOption device;

    @Option(names = "--template", required = true, paramLabel = "body|hand", description = "Which open template.")
    String kind;

    @Option(names = "--template-file", paramLabel = "T.npz",
            description = "The open template file (default: templates/<kind>.npz here or beside the program, else the built-in one).")
    Path templateFile;

    @Option(names = "--count", required = true, converter = PositiveInt.class,
            description = "How many items (at least 1).")
    int count;

    @Option(names = "--seed", defaultValue = "0", description = "Dataset seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write (created).")
    Path out;

    @Option(names = "--size", defaultValue = "224", description = "Crop side in pixels. Default: ${DEFAULT-VALUE}.")
    int size;

    @Option(names = "--backgrounds", paramLabel = "DIR", description = "A folder of photos to use as backgrounds too.")
    Path backgrounds;

    @Option(names = "--occluders", defaultValue = "0.3", paramLabel = "P",
            description = "Largest share (0..1) of the person occluders may cover; 0 for none. Default: ${DEFAULT-VALUE}.")
    double occluders;

    @Option(names = "--wide", defaultValue = "0.3333", paramLabel = "P",
            description = "Share (0..1) of pose axes drawn anywhere in their range instead of near their typical "
                    + "value. Default: ${DEFAULT-VALUE}.")
    double wide;

    @Option(names = "--max-turn", defaultValue = "180", paramLabel = "DEG",
            description = "Largest turn of the body about the vertical axis (0..180 degrees; 180: any view, "
                    + "60: mostly frontal). Default: ${DEFAULT-VALUE}.")
    double maxTurn;

    @Option(names = "--poses", paramLabel = "FILE",
            description = "Poses to use in turn (npz or JSON with 'pose' (72 body / 48 hand) and 'betas') instead of sampling.")
    Path poses;

    @Option(names = "--workers", paramLabel = "N",
            description = "Worker threads (default: the number of processors). The output does not depend on it.")
    Integer workers;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TemplateKind k = switch (kind.toLowerCase(Locale.ROOT)) {
            case "body" -> TemplateKind.BODY;
            case "hand" -> TemplateKind.HAND;
            default -> throw new ParameterException(spec.commandLine(), "--template must be body or hand, not '" + kind + "'");
        };
        if (count < 0) {
            throw new ParameterException(spec.commandLine(), "--count must not be negative");
        }
        if (!(occluders >= 0 && occluders <= 1)) {
            throw new ParameterException(spec.commandLine(), "--occluders must be a fraction between 0 and 1");
        }
        int threads = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--workers must be at least 1");
        }
        Path file = templateFile != null ? templateFile : OpenTemplates.findDefault(k);
        byte[] bytes;
        String source;
        if (file != null) {
            bytes = Files.readAllBytes(file);
            source = file.getFileName().toString();
        } else {
            bytes = OpenTemplates.builtInBytes(k);
            source = "built-in " + k.id() + " (seed " + OpenTemplates.DEFAULT_SEED + ")";
        }
        Files.createDirectories(out);
        Path copy = out.resolve("template.npz");
        io.metroscope.format.AtomicFiles.write(copy, o -> o.write(bytes));
        OpenTemplate template = OpenTemplates.read(copy);
        if (template.template().kind() != k) {
            throw new ParameterException(spec.commandLine(), source + " is a " + template.template().kind().id()
                    + " template, not " + k.id());
        }
        List<PoseShape> given = poses == null ? List.of() : PoseFiles.read(poses, template.rig().jointCount());
        Backgrounds bg = backgrounds == null ? Backgrounds.procedural() : Backgrounds.withPhotos(backgrounds);
        if (!(wide >= 0 && wide <= 1) || !(maxTurn >= 0 && maxTurn <= 180)) {
            throw new ParameterException(spec.commandLine(), "--wide must be 0..1 and --max-turn 0..180");
        }
        SynthConfig config;
        try {
            config = new SynthConfig(template, size, occluders, bg, given, seed,
                    Math.abs(wide - 0.3333) < 1e-9 ? SynthConfig.DEFAULT_WIDE : wide, maxTurn);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        if (poses != null) {
            extra.put("poses_file", poses.getFileName().toString());
        }
        PrintWriter o = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        TrainingFolderWriter.write(out, config, bytes, source, count, threads, extra, null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        o.printf(Locale.ROOT, "Wrote %d %s items (%dx%d) to %s in %.1f s (%.1f items/s, %d workers)%n", count, k.id(),
                size, size, out, seconds, count / Math.max(seconds, 1e-9), threads);
        o.flush();
        return 0;
    }
}
