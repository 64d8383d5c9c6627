package io.metroscope.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.metroscope.bench.RandomMetroWeights;
import io.metroscope.body.MetroTemplate;
import io.metroscope.format.FormatException;
import io.metroscope.format.NdArray;
import io.metroscope.format.TorchCheckpointReader;
import io.metroscope.format.TorchCheckpointWriter;
import io.metroscope.format.TorchTensor;
import io.metroscope.model.CheckpointFolder;
import io.metroscope.model.GraphScalars;
import io.metroscope.model.MeshPrediction;
import io.metroscope.model.MetroArchitecture;
import io.metroscope.model.MetroLoadOptions;
import io.metroscope.model.MetroModel;
import io.metroscope.model.ModelExport;
import io.metroscope.platform.NativeTuning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains a METRO network by a {@link Recipe}: Adam with the step schedule, optional accumulation and clipping,
 * masked vertex modeling, dropout and BatchNorm in training mode. After every epoch it writes {@code epoch-NNN/} and
 * {@code last/} (official-compatible {@code model.pt}, Adam moments {@code optimizer.pt}, {@code trainer-state.json})
 * and {@code best/} (lowest validation PA-MPJPE, or training loss without validation data). A trainer opened on an
 * output directory holding {@code last/} resumes from it and reproduces the uninterrupted run: every random stream
 * (order, masks, dropout) is derived from (seed, epoch, batch), augmentation from (seed, epoch, item). Samples are
 * decoded and augmented ahead by a {@link PrefetchingLoader}.
 */
public final class Trainer implements AutoCloseable {

    /**
     * A progress report after a batch or an epoch. {@code dataWait} is the share of the batch's time (of the epoch's
     * batches, in an epoch report) spent waiting for the loader: near 0 when the model bounds the pace.
     */
    public record Progress(int epoch, int epochs, int batch, int batches, long steps, double loss, double joints3d,
            double vertices, double joints2d, float learningRate, double samplesPerSecond, double dataWait,
            EvalSummary validation) {
    }

    private static final String LAST = "last";
    /** The network checkpoint's file name in each checkpoint folder of a run ({@code last/}, {@code best/}...). */
    public static final String MODEL = CheckpointFolder.MODEL_FILE;
    private static final String OPTIMIZER = "optimizer.pt";
    private static final String STATE = "trainer-state.json";
    private static final String MASK_TOKEN = "metroscope.mask_token";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Recipe recipe;
    private final MetroModel model;
    private final MeshTargets targets;
    private final TrainingSource train;
    private final TrainingSource validation;
    private final Path out;
    private final Consumer<Progress> progress;
    private final AdamOptimizer optimizer = new AdamOptimizer();
    private final Map<String, NDArray> parameters;
    private final NDArray maskToken;
    private final PrefetchingLoader loader;
    private TrainerState state;
    private long stopAfterSteps = Long.MAX_VALUE;
    private Runnable beforeBackward = () -> { };
    private TrainingControl control = new TrainingControl();
    private CameraCentring.Shift cameraShift;

    private Trainer(Recipe recipe, MetroModel model, MeshTargets targets, TrainingSource train,
            TrainingSource validation, Path out, Consumer<Progress> progress, TrainerState state,
            Map<String, float[]> saved) {
        this.recipe = recipe;
        this.model = model;
        this.targets = targets;
        this.train = train;
        this.validation = validation;
        this.out = out;
        this.progress = progress;
        this.state = state;
        this.loader = new PrefetchingLoader(train, recipe.augment(), recipe.seed(), recipe.workers(),
                Math.max(recipe.batchSize(), 2 * recipe.workers()));
        model.setDropout(recipe.dropout());
        model.setTraining(true);
        this.parameters = new LinkedHashMap<>(model.trainableParameters());
        if (recipe.mvm().learnedToken()) {
            int width = recipe.networkArchitecture().blocks().get(0).inputDim();
            float[] init = saved.get("param." + MASK_TOKEN);
            if (init == null) {
                init = new float[width];
                java.util.Arrays.fill(init, MaskedVertexModeling.MASK_VALUE);
            }
            NDManager m = model.newSubManager();
            maskToken = m.create(init, new Shape(width));
            maskToken.setRequiresGradient(true);
            parameters.put(MASK_TOKEN, maskToken);
        } else {
            maskToken = null;
        }
        optimizer.restore(parameters, saved, state.steps());
    }

    /**
     * Opens a run in {@code out}: resumes from {@code out/last} when present, else starts from the recipe's
     * {@code init} checkpoint or random weights (BERT-style σ 0.02 linears, He-style convolutions; seeded).
     */
    public static Trainer open(Recipe recipe, MetroTemplate template, TrainingSource train, TrainingSource validation,
            Path out, Device device, Consumer<Progress> progress) throws IOException {
        MetroArchitecture arch = recipe.networkArchitecture();
        float[] ref = new float[template.refVertices().length];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = (float) template.refVertices()[i];
        }
        Path last = resumable(out);
        TrainerState state = TrainerState.start();
        Map<String, TorchTensor> tensors;
        Map<String, float[]> saved = new LinkedHashMap<>();
        Path weightsFile = null; // where the weights were read from: null for random weights
        if (last != null) {
            weightsFile = last.resolve(MODEL);
            tensors = TorchCheckpointReader.read(weightsFile).tensors();
            TorchCheckpointReader.read(last.resolve(OPTIMIZER)).tensors()
                    .forEach((k, t) -> saved.put(k, t.toFloatArray()));
            state = JSON.readValue(last.resolve(STATE).toFile(), TrainerState.class);
        } else if (recipe.init() != null && !recipe.init().isBlank()) {
            weightsFile = Path.of(recipe.init());
            tensors = TorchCheckpointReader.read(weightsFile).tensors();
        } else {
            tensors = RandomMetroWeights.tensors(arch, recipe.seed(), false);
        }
        MetroLoadOptions options = new MetroLoadOptions(recipe.heads(), false, device, true);
        MetroModel model;
        try {
            model = MetroModel.forTraining(arch, tensors, ref, options);
        } catch (IllegalArgumentException e) {
            if (weightsFile == null) {
                throw e; // random weights are made for the architecture: only the template can disagree
            }
            throw misfit(recipe, out, last != null, weightsFile, e);
        }
        CameraCentring.Shift shift = null;
        try {
            if (last == null && recipe.centreCamera()) {
                shift = CameraCentring.apply(model, train, recipe.batchSize());
            }
            Files.createDirectories(out);
            Files.writeString(out.resolve("recipe.json"), recipe.toJson());
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
        Trainer trainer = new Trainer(recipe, model, MeshTargets.of(template), train, validation, out, progress,
                state, saved);
        trainer.cameraShift = shift;
        return trainer;
    }

    /** Weights that do not fit the recipe's network: a resumed run's (another recipe's run) or the init's. */
    private static FormatException misfit(Recipe recipe, Path out, boolean resumed, Path weightsFile,
            IllegalArgumentException e) {
        String network = "the recipe's " + recipe.kind().name().toLowerCase(java.util.Locale.ROOT) + " "
                + recipe.architecture() + " network (" + e.getMessage() + ")";
        if (resumed) {
            return new FormatException(weightsFile, "the run in " + out + " was made by another recipe: its "
                    + "weights do not fit " + network, "choose another output folder, or delete " + out
                    + " to start afresh", e);
        }
        return new FormatException(weightsFile, "its weights do not fit " + network,
                "start from a checkpoint of the recipe's network (mesh, network size), or set the recipe to match it",
                e);
    }

    /** What {@code centreCamera} did when this run started (empty when off, or when the run was resumed). */
    public java.util.Optional<CameraCentring.Shift> cameraShift() {
        return java.util.Optional.ofNullable(cameraShift);
    }

    /** {@code out/last}, or the previous copy when a crash interrupted its replacement; null when absent. */
    static Path resumable(Path out) {
        for (String name : new String[] {LAST, LAST + ".old"}) {
            Path dir = out.resolve(name);
            if (Files.isRegularFile(dir.resolve(STATE)) && Files.isRegularFile(dir.resolve(MODEL))) {
                return dir;
            }
        }
        return null;
    }

    /** Stops (after saving {@code last/}) once this many optimizer steps are done in total: for tests and budgets. */
    public void stopAfterSteps(long steps) {
        stopAfterSteps = steps;
    }

    /** Runs {@code hook} between each forward and its backward (tests force a garbage collection there). */
    void beforeBackward(Runnable hook) {
        beforeBackward = hook;
    }

    /** Lets another thread pause, resume or stop this run (see {@link TrainingControl}). */
    public void setControl(TrainingControl newControl) {
        control = java.util.Objects.requireNonNull(newControl, "control");
    }

    public MetroModel model() {
        return model;
    }

    public TrainerState state() {
        return state;
    }

    /**
     * Trains until the recipe's last epoch, the step limit or a stop asked through {@link #setControl} (which saves
     * {@code last/} first); returns the state reached. Throws {@link ArithmeticException} when the loss is not
     * finite, before that batch's update, so {@code last/} keeps the last good checkpoint.
     */
    public TrainerState run() throws IOException {
        int n = recipe.limit() > 0 ? Math.min(recipe.limit(), train.size()) : train.size();
        if (n == 0) {
            throw new IllegalArgumentException("no training samples");
        }
        NativeTuning.keepFreedMemoryForTraining();
        int batches = (n + recipe.batchSize() - 1) / recipe.batchSize();
        while (state.epoch() < recipe.epochs()) {
            int epoch = state.epoch();
            float lr = recipe.learningRateAt(epoch, state.batch() / (double) batches, state.steps());
            int[] order = order(epoch, n);
            int size = recipe.batchSize();
            long waited = 0;
            long busy = 0;
            try (PrefetchingLoader.Epoch stream = loader.epoch(epoch, order, state.batch() * size, n);
                    BatchesAhead ahead = new BatchesAhead(stream, b -> Math.min(n, (b + 1) * size) - b * size,
                            state.batch(), batches)) {
                for (int b = state.batch(); b < batches; b++) {
                    // Stop only where no gradients are pending, so that last/ is exactly resumable.
                    if (control.awaitGo() && b % recipe.accumulate() == 0) {
                        return stopHere();
                    }
                    long started = System.nanoTime();
                    lr = recipe.learningRateAt(epoch, b / (double) batches, state.steps());
                    HostBatch batch = ahead.take();
                    long wait = System.nanoTime() - started;
                    double[] terms = forwardBackward(batch, (long) epoch * batches + b);
                    ahead.recycle(batch);
                    if (!Double.isFinite(terms[0])) {
                        throw new ArithmeticException(String.format(java.util.Locale.ROOT, "the training loss became"
                                + " %s at epoch %d, batch %d/%d (step %d): the run diverged. %s keeps the last good"
                                + " checkpoint; lower the learning rate or set a clip norm, then resume", terms[0],
                                epoch + 1, b + 1, batches, state.steps(), out.resolve(LAST)));
                    }
                    boolean step = (b + 1) % recipe.accumulate() == 0 || b == batches - 1;
                    long steps = state.steps();
                    if (step) {
                        try (NDScope scope = new NDScope()) {
                            scope.suppressNotUsedWarning();
                            optimizer.step(parameters, lr, recipe.clipNorm());
                        }
                        steps++;
                    }
                    state = new TrainerState(epoch, b + 1, steps, state.lossSum() + terms[0], state.lossCount() + 1,
                            state.bestScore(), state.bestEpoch(), state.bestMetric(), state.history());
                    long took = System.nanoTime() - started;
                    waited += wait;
                    busy += took;
                    progress.accept(new Progress(epoch, recipe.epochs(), b + 1, batches, steps, terms[0], terms[1],
                            terms[2], terms[3], lr, batch.size() / (took / 1e9), wait / (double) took, null));
                    boolean stop = steps >= stopAfterSteps;
                    if (step && b + 1 < batches && (stop || (recipe.checkpointEverySteps() > 0
                            && steps % recipe.checkpointEverySteps() == 0))) {
                        saveLast();
                    }
                    if (stop && b + 1 < batches) {
                        return state;
                    }
                }
            }
            finishEpoch(epoch, lr, busy == 0 ? Double.NaN : waited / (double) busy);
            if (state.steps() >= stopAfterSteps) {
                return state;
            }
        }
        return state;
    }

    /** Saves {@code last/} for a requested stop; an interrupt must not break the writing, so it waits till after. */
    private TrainerState stopHere() throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            saveLast();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return state;
    }

    private void finishEpoch(int epoch, float lr, double dataWait) throws IOException {
        double trainLoss = state.lossSum() / Math.max(1, state.lossCount());
        EvalSummary val = validation == null ? null : validate();
        List<TrainerState.EpochRecord> history = new ArrayList<>(state.history());
        history.add(new TrainerState.EpochRecord(epoch, lr, trainLoss, val));
        double score = val != null && !Double.isNaN(val.paMpjpe()) ? val.paMpjpe() : trainLoss;
        String metric = val != null && !Double.isNaN(val.paMpjpe()) ? "validation PA-MPJPE (mm)" : "training loss";
        boolean best = score < state.bestScore();
        state = new TrainerState(epoch + 1, 0, state.steps(), 0, 0, best ? score : state.bestScore(),
                best ? epoch : state.bestEpoch(), metric, history);
        Path last = saveLast();
        Path epochDir = out.resolve(String.format("epoch-%03d", epoch + 1));
        Files.createDirectories(epochDir);
        Files.copy(last.resolve(MODEL), epochDir.resolve(MODEL), StandardCopyOption.REPLACE_EXISTING);
        if (best) {
            Path bestDir = out.resolve("best");
            Files.createDirectories(bestDir);
            Files.copy(last.resolve(MODEL), bestDir.resolve(MODEL), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(bestDir.resolve("best.json"), JSON.writeValueAsString(Map.of("epoch", epoch + 1,
                    "metric", metric, "score", score)));
        }
        progress.accept(new Progress(epoch, recipe.epochs(), -1, -1, state.steps(), trainLoss, Double.NaN,
                Double.NaN, Double.NaN, lr, Double.NaN, dataWait, val));
    }

    /** Forward + backward of one batch; returns {total, 3d, vertices, 2d} (total before accumulation scaling). */
    private double[] forwardBackward(HostBatch host, long index) {
        List<TrainingSample> samples = host.samples();
        int batch = samples.size();
        Engine.getInstance().setRandomSeed((int) mix(recipe.seed(), index));
        Random random = new Random(mix(recipe.seed() ^ 0x5EED, index));
        float[] masks = new float[batch * (targets.joints() + recipe.networkArchitecture().tokens().coarseVertices())];
        int per = masks.length / batch;
        for (int i = 0; i < batch; i++) {
            float[] m = recipe.mvm().draw(random, targets.joints(), per - targets.joints());
            System.arraycopy(m, 0, masks, i * per, per);
        }
        try (NDScope scope = new NDScope(); NDManager step = model.newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            scope.suppressNotUsedWarning();
            NDArray images = host.images(step);
            LossTargets t = Batches.targets(step, samples);
            NDArray regressor = step.create(targets.tokenRegressor(), new Shape(targets.joints(), targets.vertices()));
            MeshPrediction p = model.forward(images, MaskedVertexModeling.hook(masks, batch, true, maskToken));
            MetroLoss.Terms terms = new MetroLoss(recipe.loss(), regressor, targets.rootA(), targets.rootB())
                    .compute(p, t);
            beforeBackward.run();
            collector.backward(GraphScalars.div(terms.total(), recipe.accumulate()));
            return new double[] {terms.total().getFloat(), terms.joints3d().getFloat(), terms.vertices().getFloat(),
                    terms.joints2d().getFloat()};
        }
    }

    /** Evaluates the training network in eval mode on the validation data. */
    public EvalSummary validate() throws IOException {
        model.setTraining(false);
        try {
            return Evaluator.evaluate(this::predict, validation, 0, recipe.batchSize(), targets,
                    recipe.kind());
        } finally {
            model.setTraining(true);
        }
    }

    private float[][] predict(float[] images, int batch) {
        try (NDScope scope = new NDScope(); NDManager m = model.newSubManager()) {
            scope.suppressNotUsedWarning();
            float[] all = model.forward(m.create(images, HostBatch.shape(batch, images.length / batch)), null).full()
                    .toFloatArray();
            float[][] out = new float[batch][];
            int per = all.length / batch;
            for (int i = 0; i < batch; i++) {
                out[i] = java.util.Arrays.copyOfRange(all, i * per, (i + 1) * per);
            }
            return out;
        }
    }

    /** Writes {@code last/} atomically (via {@code last.tmp}, keeping {@code last.old} until the swap is done). */
    private Path saveLast() throws IOException {
        Path tmp = out.resolve(LAST + ".tmp");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        ModelExport.write(model, tmp.resolve(MODEL), ModelExport.Options.networkOnly());
        writeOptimizer(tmp.resolve(OPTIMIZER));
        Files.writeString(tmp.resolve(STATE), JSON.writeValueAsString(state));
        Path last = out.resolve(LAST);
        Path old = out.resolve(LAST + ".old");
        deleteTree(old);
        if (Files.exists(last)) {
            Files.move(last, old);
        }
        Files.move(tmp, last);
        deleteTree(old);
        return last;
    }

    private void writeOptimizer(Path file) throws FormatException {
        try (TorchCheckpointWriter writer = TorchCheckpointWriter.create(file)) {
            for (Map.Entry<String, NDArray> e : optimizer.moments().entrySet()) {
                writer.add(e.getKey(), toNd(e.getValue()));
            }
            if (maskToken != null) {
                writer.add("param." + MASK_TOKEN, toNd(maskToken));
            }
            if (optimizer.moments().isEmpty() && maskToken == null) {
                writer.add("steps", NdArray.ofLongs(new long[] {optimizer.steps()}));
            }
            writer.commit();
        }
    }

    private static NdArray toNd(NDArray a) {
        int[] shape = java.util.Arrays.stream(a.getShape().getShape()).mapToInt(Math::toIntExact).toArray();
        return NdArray.ofFloats(a.toFloatArray(), shape);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The sample order of {@code epoch}: a seeded Fisher–Yates shuffle. */
    int[] order(int epoch, int n) {
        Random r = new Random(mix(recipe.seed(), 0x9E3779B97F4A7C15L * (epoch + 1)));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** SplitMix64 of (a, b): independent, reproducible stream seeds. */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public void close() {
        loader.close();
        model.close();
    }
}
