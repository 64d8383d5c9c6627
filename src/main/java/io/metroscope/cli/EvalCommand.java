package io.metroscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.metroscope.body.MetroTemplate;
import io.metroscope.body.OpenTemplates;
import io.metroscope.body.TemplateKind;
import io.metroscope.format.FormatException;
import io.metroscope.model.MeshKind;
import io.metroscope.model.MetroLoadOptions;
import io.metroscope.model.MetroModel;
import io.metroscope.model.MetroOutput;
import io.metroscope.platform.ComputeDevice;
import io.metroscope.platform.ComputeDeviceService;
import io.metroscope.recon.FlipAverage;
import io.metroscope.recon.ModelBundle;
import io.metroscope.recon.ModelBundles;
import io.metroscope.recon.ModelSource;
import io.metroscope.train.EvalSummary;
import io.metroscope.train.Evaluator;
import io.metroscope.train.MeshTargets;
import io.metroscope.train.TrainingData;
import io.metroscope.train.TrainingSource;
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

/**
 * Evaluates models (bundles or official-layout checkpoints) on a training folder or a METRO TSV dataset and prints
 * the metric table.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate METRO models: MPJPE, PA-MPJPE, MPVE, PA-MPVPE, F@5/F@15 mm.",
                "On a training folder or a METRO TSV dataset (yaml or its folder); the metrics are computed "
                        + "as METRO's run_validate (body) and FreiHAND's eval.py (hand) do."})
public final class EvalCommand implements Callable<Integer> {

    @Mixin
    DeviceOption device;

    @Option(names = "--model", required = true, split = ",", paramLabel = "BUNDLE|CHECKPOINT",
            description = "Model bundles (*.metro.json or their folder), checkpoints or a training run's checkpoint "
                    + "folders (last, best); several allowed.")
    List<Path> models;

    @Option(names = "--data", required = true, paramLabel = "DIR|YAML",
            description = "The training folder or TSV dataset to evaluate on.")
    Path data;

    @Mixin
    BodyModelOptions bodyModels = new BodyModelOptions();

    @Option(names = "--heads", defaultValue = "4", converter = PositiveInt.class,
            description = "Attention heads of checkpoints. Default: ${DEFAULT-VALUE}.")
    int heads;

    @Option(names = "--template-file", paramLabel = "T.npz",
            description = "Template for checkpoints and TSV labels (default: the data folder's template.npz; for a"
                    + " TSV dataset our open template of its kind).")
    Path templateFile;

    @Option(names = "--batch", defaultValue = "8", converter = PositiveInt.class,
            description = "Batch size. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--limit", defaultValue = "0", converter = NonNegativeInt.class,
            description = "Evaluate only the first N items (0: all).")
    int limit;

    @Option(names = "--occluded", paramLabel = "N", defaultValue = "0", converter = NonNegativeInt.class,
            description = "Evaluate only the occluded subset: items with at least N of their 2D joints hidden (under "
                    + "an occluder or outside the crop). Default: ${DEFAULT-VALUE} (every item).")
    int occluded;

    @Mixin
    FlipAverageOption flipAverage = new FlipAverageOption();

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
    Path json;

    @Spec
    CommandSpec spec;

    private final ComputeDeviceService devices;

    public EvalCommand() {
        this(new ComputeDeviceService());
    }

    EvalCommand(ComputeDeviceService devices) {
        this.devices = devices;
    }

    @Override
    public Integer call() throws Exception {
        OutputFiles.prepare(json);
        PrintWriter o = spec.commandLine().getOut();
        // a training folder's labels fit its own template; TSV labels fit the one given (or our open one of their
        // kind); kindOf also refuses a path that is no dataset, naming it, before any template is read
        MeshKind kind = MeshKind.of(TrainingData.kindOf(data));
        MetroTemplate given = TrainingData.isTrainingFolder(data) ? null : OpenTemplates.read(templateFile != null
                ? templateFile : TrainingData.defaultTemplate(kind)).template();
        BodyModelOptions.Models models = given == null ? BodyModelOptions.Models.NONE
                : bodyModels.forKind(given.kind(), o);
        try (TrainingData dataset = TrainingData.open(data, given, models.smpl(), models.mano())) {
            for (String note : dataset.notes()) {
                o.println("Note: " + note);
            }
            return evaluate(o, dataset);
        }
    }

    private Integer evaluate(PrintWriter o, TrainingData dataset) throws Exception {
        MetroTemplate dataTemplate = dataset.template();
        MeshTargets targets = MeshTargets.of(dataTemplate);
        MeshKind kind = MeshKind.of(dataTemplate.kind());
        ComputeDevice selected = devices.resolve(device.spec());
        TrainingSource items = dataset.source();
        int available = dataset.size();
        if (occluded > 0) {
            int[] subset = TrainingSource.occludedItems(items, occluded);
            items = TrainingSource.subset(items, subset);
            available = subset.length;
            o.printf(Locale.ROOT, "Occluded subset: %d of %d items have at least %d hidden 2D joints%n", subset.length,
                    dataset.size(), occluded);
            if (subset.length == 0) {
                throw new ParameterException(spec.commandLine(), "no item of " + data + " has " + occluded
                        + " hidden joints: lower --occluded");
            }
        }
        TrainingSource source = items;
        Map<String, EvalSummary> results = new LinkedHashMap<>();
        for (Path model : models) {
            ModelSource named = ModelSource.of(model);
            Path checkpoint = named.checkpoint();
            MetroTemplate template = templateFile != null ? OpenTemplates.read(templateFile).template() : dataTemplate;
            int h = heads;
            if (named.bundle().isPresent()) {
                ModelBundle bundle = named.bundle().get();
                ModelBundles.verify(bundle);
                template = ModelBundles.templateSource(bundle).load();
                h = bundle.architecture().heads();
            }
            requireSameMeshes(model, template, dataTemplate);
            float[] ref = new float[template.refVertices().length];
            for (int i = 0; i < ref.length; i++) {
                ref[i] = (float) template.refVertices()[i];
            }
            o.printf(Locale.ROOT, "Evaluating %s on %s (%d items) on %s%n", model, data,
                    limit > 0 ? Math.min(limit, available) : available, selected);
            o.flush();
            FlipAverage flip = flipAverage.on() ? flipAverage(template, model, o) : null;
            try (MetroModel m = MetroModel.load(checkpoint, ref, new MetroLoadOptions(h, false, selected.device()))) {
                Evaluator.MeshPredictor predictor = (images, b) -> {
                    List<MetroOutput> outs = flip == null ? m.predict(images, b, 224, 224, false)
                            : flip.combine(m.predict(FlipAverage.withMirrors(images, b), 2 * b, 224, 224, false));
                    float[][] meshes = new float[b][];
                    for (int i = 0; i < b; i++) {
                        meshes[i] = outs.get(i).vertices();
                    }
                    return meshes;
                };
                EvalSummary s = Evaluator.evaluate(predictor, source, limit, batch, targets, kind);
                results.put(model.toString(), s);
                o.print(s.toTable());
                o.flush();
            }
        }
        if (json != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("data", data.toString());
            doc.put("min_hidden_joints", occluded);
            doc.put("flip_average", flipAverage.on());
            doc.put("items", limit > 0 ? Math.min(limit, available) : available);
            doc.put("results", results);
            Files.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(doc));
        }
        return 0;
    }

    /** A model is scored against the data's meshes vertex by vertex: both must be meshes of one kind and size. */
    private void requireSameMeshes(Path model, MetroTemplate template, MetroTemplate dataTemplate)
            throws FormatException {
        if (template.kind() != dataTemplate.kind() || template.fullVertexCount() != dataTemplate.fullVertexCount()) {
            throw new FormatException(model, "it reconstructs " + meshes(template) + " but " + data + " holds "
                    + meshes(dataTemplate), "evaluate a " + dataTemplate.kind().id() + " model on this data, or give "
                    + "data of the model's kind");
        }
    }

    private static String meshes(MetroTemplate template) {
        return template.kind().id() + " meshes of " + template.fullVertexCount() + " vertices";
    }

    private FlipAverage flipAverage(MetroTemplate template, Path model, PrintWriter o) {
        flipAverage.requireBody(spec, template.kind() == TemplateKind.BODY, model);
        FlipAverage flip = FlipAverage.of(template);
        o.printf(Locale.ROOT, "Flip averaging: template vertices pair with their mirror images within %.1f mm%n",
                flip.mismatch() * 1000);
        return flip;
    }
}
