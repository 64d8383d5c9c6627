package io.metroscope.cli;

import io.metroscope.annotate.RefitCheck;
import io.metroscope.annotate.RefitModel;
import io.metroscope.annotate.RefitOptions;
import io.metroscope.annotate.Refitter;
import io.metroscope.body.OpenTemplate;
import io.metroscope.body.OpenTemplates;
import io.metroscope.format.FormatException;
import io.metroscope.model.MeshKind;
import io.metroscope.platform.ComputeDevice;
import io.metroscope.platform.ComputeDeviceService;
import io.metroscope.recon.ModelBundle;
import io.metroscope.recon.ModelBundles;
import io.metroscope.recon.ModelSource;
import io.metroscope.train.TrainingData;
import io.metroscope.train.TrainingFolder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bench refit}: the Annotate workspace's refit on synthetic corrections. */
@Command(name = "refit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure refit (model in the loop) on a training folder.",
                "For each image, one limb of the model's own prediction is turned in the image plane, its "
                        + "projected joints are the corrected 2D joints, and the mean 2D error (px) before and after "
                        + "the refit is reported."})
final class BenchRefitCommand implements Callable<Integer> {

    @Mixin
    DeviceOption device;

    @Option(names = "--model", required = true, paramLabel = "BUNDLE|CHECKPOINT|RUN_FOLDER",
            description = "A model bundle (folder or NAME.metro.json), or a checkpoint file or training run folder "
                    + "(last/, best/) with --template.")
    Path model;

    @Option(names = "--template", paramLabel = "NPZ", description = "Open template of a bare checkpoint "
            + "(default: the training folder's own template, else our open one of its kind).")
    Path template;

    @Option(names = "--heads", paramLabel = "N", defaultValue = "4",
            description = "Heads of a bare checkpoint. Default: ${DEFAULT-VALUE}.")
    int heads;

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "A training folder (e.g. written by 'metroscope synth').")
    Path data;

    @Option(names = "--items", paramLabel = "N", defaultValue = "8", converter = PositiveInt.class,
            description = "Default: ${DEFAULT-VALUE}.")
    int items;

    @Option(names = "--steps", paramLabel = "N", converter = PositiveInt.class,
            description = "Adam steps per refit (default: the workspace's).")
    Integer steps;

    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate (default: the workspace's).")
    Float lr;

    @Option(names = "--freeze-upsampling", arity = "1", paramLabel = "true|false",
            description = "Keep the learned upsampling as trained (default: the workspace's).")
    Boolean freezeUpsampling;

    @Option(names = "--degrees", paramLabel = "DEG", defaultValue = "35",
            description = "How far each limb is turned. Default: ${DEFAULT-VALUE}.")
    double degrees;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (items < 1) {
            throw new ParameterException(spec.commandLine(), "--items must be positive");
        }
        RefitOptions options = RefitOptions.defaults();
        if (steps != null) {
            options = options.withSteps(steps);
        }
        if (lr != null) {
            options = options.withLearningRate(lr);
        }
        if (freezeUpsampling != null) {
            options = options.withFreezeUpsampling(freezeUpsampling);
        }
        TrainingFolder folder = TrainingFolder.open(data);
        ModelSource named = ModelSource.of(model);
        Path templateFile = template != null ? template : TrainingData.templateFile(data,
                MeshKind.of(folder.kind()));
        int h = heads;
        String id = model.getFileName().toString();
        if (named.bundle().isPresent()) {
            ModelBundle bundle = named.bundle().get();
            ModelBundles.verify(bundle);
            if (!(bundle.template() instanceof ModelBundle.TemplateFile t)) {
                throw new ParameterException(spec.commandLine(), "the bundle " + model
                        + " uses an official template; give its checkpoint with an open --template instead");
            }
            templateFile = bundle.resolve(t.file().path());
            h = bundle.architecture().heads();
            id = bundle.name();
        }
        OpenTemplate open = OpenTemplates.read(templateFile);
        if (open.template().kind() != folder.kind()) {
            throw new FormatException(model, "it is a " + open.template().kind().id() + " model but " + data
                    + " holds " + folder.kind().id() + " items", "refit a " + folder.kind().id() + " model on it");
        }
        ComputeDevice selected = new ComputeDeviceService().resolve(device.spec());
        float[] ref = new float[open.template().refVertices().length];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = (float) open.template().refVertices()[i];
        }
        RefitModel source = new RefitModel(named.checkpoint(), ref, h, false, selected.device(), id);
        RefitOptions o = options;
        PrintWriter err = spec.commandLine().getErr();
        RefitCheck.Report r = BenchCommand.onThread(() -> RefitCheck.run(new Refitter(source, open.template()), open,
                folder, items, degrees, o, line -> BenchCommand.log(err, line)));
        spec.commandLine().getOut().print(r.toTable());
        spec.commandLine().getOut().println("device: " + selected.name());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
