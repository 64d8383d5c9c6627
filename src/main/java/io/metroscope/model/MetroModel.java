package io.metroscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.metroscope.format.FormatException;
import io.metroscope.format.StateDict;
import io.metroscope.format.TorchCheckpointReader;
import io.metroscope.format.TorchTensor;

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

    private MetroModel(NDManager manager, MetroArchitecture architecture, Backbone backbone, MeshHead head,
            NDArray template, LoadReport report, Map<String, String> keyTable, Map<String, NDArray> parameters) {
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
        checkTemplate(arch.tokens(), template);
        NDManager manager = NDManager.newBaseManager(options.device(), "PyTorch");
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
        try (NDScope scope = new NDScope(); NDManager sub = manager.newSubManager()) {
            scope.suppressNotUsedWarning();
            return toOutputs(head.forward(sub.create(features, shape), template, withAttention), batch);
        }
    }

    /** The backbone alone on normalised images (for checks and feature caching). */
    public float[] backboneFeatures(float[] images, int batch, int height, int width) {
        requireLength(images, (long) batch * 3 * height * width, "images");
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
        int heads = p.attention() == null ? 0 : (int) p.attention().getShape().get(1);
        List<MetroOutput> outputs = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            outputs.add(new MetroOutput(camera[b], joints[b], coarse[b], mid[b], full[b], attention[b], heads));
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
}
