package io.metroscope.cli;

import io.metroscope.body.MetroTemplate;
import io.metroscope.body.OpenTemplates;
import io.metroscope.platform.ComputeDevice;
import io.metroscope.platform.ComputeDeviceService;
import io.metroscope.recon.InitCheckpoint;
import io.metroscope.train.Recipe;
import io.metroscope.train.Trainer;
import io.metroscope.train.TrainerState;
import io.metroscope.train.TrainingControl;
import io.metroscope.train.TrainingData;
import io.metroscope.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Trains a METRO network on a training folder or a METRO TSV dataset by a recipe (JSON file or preset), resuming
 * when interrupted.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a METRO network on a training folder or a METRO TSV dataset.",
                "The data: a training folder (see 'metroscope synth') or a METRO TSV dataset (its yaml, e.g. "
                        + "train.yaml, or the folder holding it).",
                "Recipes: official-body, official-hand, demo, or a JSON file overriding one of them.",
                "Writes epoch-NNN/, best/ and last/ (model.pt = official state_dict; resume state) to the output "
                        + "folder; running again with the same output folder resumes from last/."})
public final class TrainCommand implements Callable<Integer> {

    /** How long a signalled JVM waits for the trainer to finish its step and save {@code last/}. */
    private static final long SAVE_SECONDS = 120;

    @Mixin
    DeviceOption device;

    @Option(names = "--recipe", required = true, paramLabel = "FILE|NAME", description = "Recipe JSON or preset name.")
    String recipeName;

    @Option(names = "--data", paramLabel = "DIR|YAML",
            description = "Training folder or TSV dataset (overrides the recipe's 'data').")
    Path data;

    @Option(names = "--validation", paramLabel = "DIR|YAML",
            description = "Validation folder or TSV dataset (overrides the recipe).")
    Path validationDir;

    @Mixin
    BodyModelOptions bodyModels = new BodyModelOptions();

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (overrides the recipe's 'output').")
    Path out;

    @Option(names = "--epochs", paramLabel = "N", converter = PositiveInt.class,
            description = "Overrides the recipe's epochs.")
    Integer epochs;

    @Option(names = "--template-file", paramLabel = "T.npz",
            description = "Template (default: the training folder's template.npz, else our open template of the "
                    + "recipe's kind).")
    Path templateFile;

    @Option(names = "--print-recipe", description = "Print the resolved recipe as JSON and exit.")
    boolean printRecipe;

    @Option(names = "--benchmark", paramLabel = "STEPS", description = "Instead: time STEPS training steps (after one "
            + "warm-up) of the recipe's network, dropout and masking with random weights and inputs, and print "
            + "samples/s.")
    Integer benchmark;

    @Option(names = "--batch", paramLabel = "N", converter = PositiveInt.class,
            description = "Overrides the recipe's batch size (of the training and of --benchmark).")
    Integer batch;

    @Spec
    CommandSpec spec;

    private final ComputeDeviceService devices;

    public TrainCommand() {
        this(new ComputeDeviceService());
    }

    TrainCommand(ComputeDeviceService devices) {
        this.devices = devices;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Recipe recipe;
        try {
            recipe = Recipe.load(recipeName);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        recipe = recipe.withData(data != null ? data.toString() : recipe.data(),
                out != null ? out.toString() : recipe.output());
        if (epochs != null) {
            recipe = recipe.withEpochs(epochs);
        }
        if (batch != null) {
            recipe = recipe.withBatchSize(batch);
        }
        if (benchmark != null) {
            ComputeDevice selected = devices.resolve(device.spec());
            int b = recipe.batchSize();
            io.metroscope.train.TrainingBenchmark.Result r = io.metroscope.train.TrainingBenchmark.run(
                    recipe.networkArchitecture(), recipe.dropout(), recipe.mvm(), b, 1, benchmark, selected.device(),
                    line -> {
                        o.println(line);
                        o.flush();
                    });
            o.printf(Locale.ROOT, "training %s, batch %d, %s: median %.3f samples/s (%s s per step), Adam update"
                    + " median %.1f ms (%s); load average %s%n", recipe.name(), b, selected,
                    r.medianSamplesPerSecond(), r.stepSeconds(), r.medianOptimizerMillis(), r.optimizer(),
                    loadAverage());
            o.flush();
            return 0;
        }
        if (printRecipe) {
            o.println(recipe.toJson());
            o.flush();
            return 0;
        }
        String given = recipe.init();
        recipe = recipe.withInit(InitCheckpoint.resolve(given, recipe.kind(), recipe.networkArchitecture()));
        InitCheckpoint.startNote(given, recipe.init()).ifPresent(o::println);
        Path dataPath = Path.of(recipe.data());
        Path validationPath = validationDir != null ? validationDir
                : recipe.validation() == null ? null : Path.of(recipe.validation());
        TrainingRun.requireKind(dataPath, recipe);
        if (validationPath != null) {
            TrainingRun.requireKind(validationPath, recipe);
        }
        MetroTemplate template = OpenTemplates.read(templateFor(dataPath, recipe)).template();
        // only TSV labels need a body model; training folders carry their meshes
        boolean tsv = !TrainingData.isTrainingFolder(dataPath)
                || validationPath != null && !TrainingData.isTrainingFolder(validationPath);
        BodyModelOptions.Models models = tsv ? bodyModels.forKind(template.kind(), o) : BodyModelOptions.Models.NONE;
        try (TrainingData train = TrainingData.open(dataPath, template, models.smpl(), models.mano());
                TrainingData validation = validationPath == null ? null
                        : TrainingData.open(validationPath, template, models.smpl(), models.mano())) {
            for (String note : train.notes()) {
                o.println("Note: " + note);
            }
            return train(o, recipe, dataPath, template, train, validation);
        }
    }

    private int train(PrintWriter o, Recipe recipe, Path dataPath, MetroTemplate template, TrainingData train,
            TrainingData validation) throws Exception {
        ComputeDevice selected = devices.resolve(device.spec());
        Path output = Path.of(recipe.output());
        o.printf(Locale.ROOT, "Training %s (%s %s network) on %s: %d items, %d epochs, batch %d, lr %.1e, on %s%s%n",
                recipe.name(), recipe.architecture(), recipe.kind().name().toLowerCase(Locale.ROOT), dataPath,
                train.size(), recipe.epochs(), recipe.batchSize(), recipe.learningRate(), selected,
                recipe.augment().enabled() ? ", augmented" : "");
        o.flush();
        try (Trainer trainer = Trainer.open(recipe, template, train.source(),
                validation == null ? null : validation.source(), output,
                selected.device(), p -> {
                    if (p.batch() >= 0) {
                        o.printf(Locale.ROOT, "epoch %d/%d batch %d/%d step %d loss %.5f (3d %.6f, vertices %.5f, 2d %.5f)"
                                + " lr %.1e %.2f samples/s, data wait %.0f %%%n", p.epoch() + 1, p.epochs(), p.batch(),
                                p.batches(), p.steps(), p.loss(), p.joints3d(), p.vertices(), p.joints2d(),
                                p.learningRate(), p.samplesPerSecond(), 100 * p.dataWait());
                    } else {
                        o.printf(Locale.ROOT, "epoch %d/%d done: mean loss %.5f%s%s%n", p.epoch() + 1, p.epochs(),
                                p.loss(), p.validation() == null ? "" : String.format(Locale.ROOT,
                                        ", validation PA-MPJPE %.2f mm, MPVE %.2f mm", p.validation().paMpjpe(),
                                        p.validation().mpve()), Double.isNaN(p.dataWait()) ? ""
                                        : String.format(Locale.ROOT, "; waited for data %.1f %% of the batches' time",
                                                100 * p.dataWait()));
                    }
                    o.flush();
                })) {
            trainer.cameraShift().ifPresent(shift -> o.println("Start: " + shift));
            if (trainer.state().steps() > 0) {
                o.printf(Locale.ROOT, "Resuming from %s: epoch %d, batch %d, step %d%n", output.resolve("last"),
                        trainer.state().epoch() + 1, trainer.state().batch(), trainer.state().steps());
            }
            TrainingControl control = new TrainingControl();
            trainer.setControl(control);
            try (StopOnShutdown guard = StopOnShutdown.install(control, SAVE_SECONDS)) {
                TrainerState s = trainer.run();
                if (control.isStopRequested()) {
                    o.printf(Locale.ROOT, "Stopped at step %d (epoch %d, batch %d): %s saved; run the same command"
                            + " to resume%n", s.steps(), s.epoch() + 1, s.batch(), output.resolve("last"));
                } else {
                    o.printf(Locale.ROOT, "Done: %d steps; best %s %.5f at epoch %d; checkpoints in %s%n",
                            s.steps(), s.bestMetric(), s.bestScore(), s.bestEpoch() + 1, output);
                }
                o.flush();
            }
        }
        o.flush();
        return 0;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private Path templateFor(Path data, Recipe recipe) throws java.io.IOException {
        return templateFile != null ? templateFile : TrainingData.templateFile(data, recipe.kind());
    }
}
