package io.metroscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.metroscope.format.FormatException;
import io.metroscope.format.StateDict;
import io.metroscope.format.TorchCheckpointReader;
import io.metroscope.format.TorchTensor;
import io.metroscope.platform.NnpackSwitch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A METRO body or hand network loaded from an official state_dict, ready for eval-mode inference.
 * Owns the native memory of its parameters (one manager): close it when done. Forward passes free their
 * intermediates on return; one model may serve one inference at a time per thread.
 */
public final class MetroModel implements AutoCloseable {

    static final int BODY_GRID_CELLS = 49;

    private final NDManager manager;
    private final MetroArchitecture architecture;
    private final Backbone backbone;
    private final MeshHead head;
    private final NDArray template;
    private final LoadReport report;
    private final Map<String, String> keyTable;
    private final Map<String, NDArray> parameters;
    private final TrainingMode mode;

    private MetroModel(NDManager manager, MetroArchitecture architecture, Backbone backbone, MeshHead head,
            NDArray template, LoadReport report, Map<String, String> keyTable, Map<String, NDArray> parameters) {
        this(manager, architecture, backbone, head, template, report, keyTable, parameters, null);
    }

    private MetroModel(NDManager manager, MetroArchitecture architecture, Backbone backbone, MeshHead head,
            NDArray template, LoadReport report, Map<String, String> keyTable, Map<String, NDArray> parameters,
            TrainingMode mode) {
        this.mode = mode;
        this.manager = manager;
        this.architecture = architecture;
        this.backbone = backbone;
        this.head = head;
        this.template = template;
        this.report = report;
        this.keyTable = keyTable;
        this.parameters = parameters;
    }

    /** Reads {@code checkpoint} (zip or legacy, optionally .gz) and builds the network it describes. */
    public static MetroModel load(Path checkpoint, float[] template, MetroLoadOptions options) throws FormatException {
        StateDict dict = TorchCheckpointReader.read(checkpoint);
        return fromTensors(dict.tensors(), template, options);
    }

    /** The architecture a set of official tensors describes, with {@code heads} heads per block. */
    public static MetroArchitecture inferArchitecture(Map<String, TorchTensor> tensors, int heads) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        tensors.forEach((k, t) -> shapes.put(k, t.shape()));
        return ArchitectureInference.infer(shapes, heads);
    }

    /**
     * Builds the network from official tensors; {@code template} is {@code ref_vertices} (N×3, joints then
     * coarse vertices, root-centred). Refuses a template whose token count differs from the checkpoint's.
     */
    public static MetroModel fromTensors(Map<String, TorchTensor> tensors, float[] template, MetroLoadOptions options) {
        MetroArchitecture arch = inferArchitecture(tensors, options.heads());
        if (options.training()) {
            return forTraining(arch, tensors, template, options);
        }
        checkTemplate(arch.tokens(), template);
        NDManager manager = parameterManager(options);
        try {
            WeightBinder w = WeightBinder.loading(tensors, manager);
            Backbone backbone = Backbone.bind(w, arch.backbone());
            MeshHead head = arch.kind() == MeshKind.BODY ? BodyHead.bind(w, arch, BODY_GRID_CELLS)
                    : HandHead.bind(w, arch);
            LoadReport report = w.report();
            if (!report.complete() && !options.allowMissing()) {
                throw new IllegalArgumentException("checkpoint lacks " + report.missing().size()
                        + " tensors the network needs: " + report.summary());
            }
            NDArray templateArray = manager.create(template, new Shape(arch.tokens().tokens(), 3));
            return new MetroModel(manager, arch, backbone, head, templateArray, report, w.table(), w.parameters());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Builds a trainable network of architecture {@code arch} from official tensors (e.g. a checkpoint, or random
     * initial values): BatchNorm stays unfolded (batch statistics and running-stat updates while
     * {@link #setTraining training}), Q/K/V stay separate, dropout 0.1 in training; every parameter except the
     * BatchNorm running statistics requires gradients. Starts in training mode.
     */
    public static MetroModel forTraining(MetroArchitecture arch, Map<String, TorchTensor> tensors, float[] template,
            MetroLoadOptions options) {
        checkTemplate(arch.tokens(), template);
        NDManager manager = parameterManager(options);
        try {
            TrainingMode mode = new TrainingMode();
            WeightBinder w = WeightBinder.loadingForTraining(tensors, manager, mode);
            Backbone backbone = Backbone.bind(w, arch.backbone());
            MeshHead head = arch.kind() == MeshKind.BODY ? BodyHead.bind(w, arch, BODY_GRID_CELLS)
                    : HandHead.bind(w, arch);
            LoadReport report = w.report();
            if (!report.complete() && !options.allowMissing()) {
                throw new IllegalArgumentException("checkpoint lacks " + report.missing().size()
                        + " tensors the network needs: " + report.summary());
            }
            Map<String, String> table = w.table();
            w.parameters().forEach((ours, array) -> {
                if (!isBuffer(table.get(ours))) {
                    array.setRequiresGradient(true);
                }
            });
            NDArray templateArray = manager.create(template, new Shape(arch.tokens().tokens(), 3));
            return new MetroModel(manager, arch, backbone, head, templateArray, report, table, w.parameters(), mode);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The manager that owns a network's parameters; libtorch is loaded once it exists, so NNPACK is settled here. */
    private static NDManager parameterManager(MetroLoadOptions options) {
        NDManager manager = NDManager.newBaseManager(options.device(), "PyTorch");
        NnpackSwitch.offWhereUnsupported();
        return manager;
    }

    private static boolean isBuffer(String official) {
        return official.endsWith(".running_mean") || official.endsWith(".running_var");
    }

    /** Whether this network was built by {@link #forTraining} (else it is the folded inference network). */
    public boolean trainable() {
        return mode != null;
    }

    /** Training mode (batch statistics, dropout) or eval mode; only for {@link #trainable()} networks. */
    public void setTraining(boolean training) {
        requireTrainable().setTraining(training);
    }

    public boolean isTraining() {
        return mode != null && mode.training();
    }

    /** The dropout rate used in training mode (BERT's 0.1 by default). */
    public void setDropout(float rate) {
        requireTrainable().setDropout(rate);
    }

    /** Official key → array of every parameter that is trained (requires gradients), in build order. */
    public Map<String, NDArray> trainableParameters() {
        requireTrainable();
        Map<String, NDArray> out = new LinkedHashMap<>();
        keyTable.forEach((ours, official) -> {
            if (!isBuffer(official)) {
                out.put(official, parameters.get(ours));
            }
        });
        return out;
    }

    /** Official key → array of every tensor of the network (parameters and BatchNorm running statistics). */
    public Map<String, NDArray> stateArrays() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        keyTable.forEach((ours, official) -> out.put(official, parameters.get(ours)));
        return out;
    }

    /** A manager on the model's device for a caller's per-step arrays (close it after the step). */
    public NDManager newSubManager() {
        return manager.newSubManager();
    }

    /**
     * One forward on (B,3,H,W) images without any scope: the arrays stay attached to the images' manager and, in a
     * gradient collector, keep the graph for backward. {@code tokenHook} (null: none) rewrites the (B,N,in) encoder
     * input (masked vertex modeling). Trainable networks only.
     */
    public MeshPrediction forward(NDArray images, java.util.function.UnaryOperator<NDArray> tokenHook) {
        requireTrainable();
        return head.forward(backbone.forward(images), template, false, StageClock.NONE, tokenHook);
    }

    private TrainingMode requireTrainable() {
        if (mode == null) {
            throw new IllegalStateException("this network was built for inference (folded BatchNorm): "
                    + "build it with MetroModel.forTraining");
        }
        return mode;
    }

    /**
     * Matches an architecture against official key → shape pairs without loading any data: the explicit key
     * table our network would use and the report loading would give (refuses wrong shapes).
     */
    public static KeyBinding bindKeys(MetroArchitecture arch, Map<String, int[]> shapes) {
        WeightBinder w = WeightBinder.dryRun(shapes);
        Backbone.bind(w, arch.backbone());
        if (arch.kind() == MeshKind.BODY) {
            BodyHead.bind(w, arch, BODY_GRID_CELLS);
        } else {
            HandHead.bind(w, arch);
        }
        return new KeyBinding(w.table(), w.report());
    }

    /** Our parameter name → official key, and what loading such a checkpoint reports. */
    public record KeyBinding(Map<String, String> table, LoadReport report) {
    }

    private static void checkTemplate(TokenLayout tokens, float[] template) {
        if (template.length % 3 != 0 || template.length / 3 != tokens.tokens()) {
            String count = template.length % 3 == 0 ? template.length / 3 + " tokens"
                    : template.length + " values (not N×3)";
            throw new IllegalArgumentException("template has " + count + " but the checkpoint's network expects "
                    + tokens.tokens() + " tokens (" + tokens.joints() + " joints + " + tokens.coarseVertices()
                    + " coarse vertices)");
        }
    }

    public MetroArchitecture architecture() {
        return architecture;
    }

    public LoadReport loadReport() {
        return report;
    }

    /** Our parameter name → official state_dict key, for every parameter of the network. */
    public Map<String, String> keyTable() {
        return keyTable;
    }

    /**
     * Runs the whole network on normalised RGB images, {@code batch}×3×{@code height}×{@code width} row-major
     * (224×224 for the released models; the body head needs a 7×7 feature grid).
     */
    public List<MetroOutput> predict(float[] images, int batch, int height, int width, boolean withAttention) {
        return predict(images, batch, height, width, withAttention, StageClock.NONE);
    }

    /**
     * {@link #predict} telling {@code clock} when each stage ends: {@code "backbone"}, {@code "transformer"}
     * (token building and the encoder), {@code "heads"} (camera and upsampling), {@code "output"} (results
     * copied to Java arrays).
     */
    public List<MetroOutput> predict(float[] images, int batch, int height, int width, boolean withAttention,
            StageClock clock) {
        requireLength(images, (long) batch * 3 * height * width, "images");
        inferenceMode();
        try (NDScope scope = new NDScope(); NDManager sub = manager.newSubManager()) {
            scope.suppressNotUsedWarning();
            NDArray x = sub.create(images, new Shape(batch, 3, height, width));
            NDArray features = backbone.forward(x);
            clock.mark("backbone");
            List<MetroOutput> outputs = toOutputs(head.forward(features, template, withAttention, clock), batch);
            clock.mark("output");
            return outputs;
        }
    }

    /** Runs everything after the backbone on its output: B×C×7×7 (body) or B×C (hand), row-major. */
    public List<MetroOutput> predictFromBackbone(float[] features, int batch, boolean withAttention) {
        Shape shape = architecture.backbone().pooled() ? new Shape(batch, architecture.backbone().featureDim())
                : new Shape(batch, architecture.backbone().featureDim(), 7, 7);
        requireLength(features, shape.size(), "backbone features");
        inferenceMode();
        try (NDScope scope = new NDScope(); NDManager sub = manager.newSubManager()) {
            scope.suppressNotUsedWarning();
            return toOutputs(head.forward(sub.create(features, shape), template, withAttention), batch);
        }
    }

    /** The backbone alone on normalised images (for checks and feature caching). */
    public float[] backboneFeatures(float[] images, int batch, int height, int width) {
        requireLength(images, (long) batch * 3 * height * width, "images");
        inferenceMode();
        try (NDScope scope = new NDScope(); NDManager sub = manager.newSubManager()) {
            scope.suppressNotUsedWarning();
            return backbone.forward(sub.create(images, new Shape(batch, 3, height, width))).toFloatArray();
        }
    }

    private static void requireLength(float[] data, long expected, String what) {
        if (data.length != expected) {
            throw new IllegalArgumentException(what + ": " + data.length + " values, expected " + expected);
        }
    }

    private List<MetroOutput> toOutputs(MeshPrediction p, int batch) {
        float[][] camera = perItem(p.camera(), batch);
        float[][] joints = perItem(p.joints(), batch);
        float[][] coarse = perItem(p.coarse(), batch);
        float[][] mid = perItem(p.mid(), batch);
        float[][] full = perItem(p.full(), batch);
        float[][] attention = perItem(p.attention(), batch);
        int layers = p.attention() == null ? 0 : (int) p.attention().getShape().get(1);
        int heads = p.attention() == null ? 0 : (int) p.attention().getShape().get(2);
        List<MetroOutput> outputs = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            outputs.add(new MetroOutput(camera[b], joints[b], coarse[b], mid[b], full[b], attention[b], layers, heads));
        }
        return outputs;
    }

    /** Splits a (B, …) array into B flat Java arrays; an absent array gives empty ones. */
    private static float[][] perItem(NDArray array, int batch) {
        float[][] items = new float[batch][];
        if (array == null) {
            Arrays.fill(items, new float[0]);
            return items;
        }
        float[] all = array.toFloatArray();
        int each = all.length / batch;
        for (int b = 0; b < batch; b++) {
            items[b] = Arrays.copyOfRange(all, b * each, (b + 1) * each);
        }
        return items;
    }

    /**
     * The values of one parameter, by our name (see {@link #keyTable()}), row-major float32 with the official
     * tensor's shape; for export and checks.
     */
    public float[] parameterValues(String ours) {
        NDArray array = parameters.get(ours);
        if (array == null) {
            throw new IllegalArgumentException("no parameter named " + ours);
        }
        if (array.isReleased()) {
            throw new IllegalStateException("parameter " + ours + " was folded into the inference network and "
                    + "released: build the model with MetroLoadOptions.forTraining() to read or export it");
        }
        return array.toFloatArray();
    }

    /** The official shape of one parameter, by our name. */
    public int[] parameterShape(String ours) {
        NDArray array = parameters.get(ours);
        if (array == null) {
            throw new IllegalArgumentException("no parameter named " + ours);
        }
        return java.util.Arrays.stream(array.getShape().getShape()).mapToInt(Math::toIntExact).toArray();
    }

    /** The template ({@code ref_vertices}, N×3 row-major) the network was built with. */
    public float[] templateValues() {
        return template.toFloatArray();
    }

    /** Arrays currently attached to the parameter manager (parameters + template): forwards must not add any. */
    int managedArrayCount() {
        return manager.getManagedArrays().size();
    }

    @Override
    public void close() {
        manager.close();
    }

    /**
     * Turns gradient recording off for this thread before an inference forward or an in-place change of a parameter
     * outside training: libtorch's grad mode is per thread and on by default for every thread but the one that
     * started the engine.
     */
    public static void inferenceMode() {
        if ("PyTorch".equals(ai.djl.engine.Engine.getDefaultEngineName())) {
            ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        }
    }
}
