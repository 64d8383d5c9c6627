package io.metroscope.recon;

import io.metroscope.body.MetroTemplate;
import io.metroscope.format.FormatException;
import io.metroscope.format.StateDict;
import io.metroscope.format.TorchCheckpointReader;
import io.metroscope.jobs.JobContext;
import io.metroscope.jobs.JobWork;
import io.metroscope.model.MeshKind;
import io.metroscope.model.MetroArchitecture;
import io.metroscope.model.MetroLoadOptions;
import io.metroscope.model.MetroModel;
import io.metroscope.model.MetroOutput;
import io.metroscope.model.TokenLayout;
import io.metroscope.platform.ComputeDevice;
import io.metroscope.platform.ComputeDeviceService;
import io.metroscope.platform.DaemonThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads METRO models and reconstructs meshes from input batches, off the UI thread. Asynchronous calls run on
 * one dedicated daemon thread ({@code metro-inference}), so loads and forwards never overlap; the blocking
 * variants ({@link #loadNow}, {@link #reconstructNow}, {@link #job}) run on the caller's thread (e.g. a
 * {@link io.metroscope.jobs.JobService} worker) and refuse the JavaFX application thread. Each forward runs
 * inside {@link MetroModel}'s NDScope-protected predict, so no native memory outlives a batch; cancellation is
 * honoured between batches.
 */
public final class ReconstructionService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReconstructionService.class);
    private static final String FX_THREAD = "JavaFX Application Thread";
    private static final int SIDE = InputBatch.METRO_SIZE;

    private final ComputeDeviceService devices;
    private final ExecutorService executor;
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public ReconstructionService(ComputeDeviceService devices) {
        this.devices = devices;
        this.executor = DaemonThreads.single("metro-inference");
    }

    /**
     * Loads (and warms up) a model in the background. Fails with {@link FormatException} for unusable files or
     * a template that does not fit the checkpoint, and {@link io.metroscope.platform.DeviceUnavailableException}
     * for an absent device. Cancelling the future before it completes closes the model once loaded.
     */
    public CompletableFuture<ReconstructionModel> load(ModelSpec spec) {
        CompletableFuture<ReconstructionModel> result = new CompletableFuture<>();
        submit(result, () -> {
            if (result.isCancelled()) {
                return;
            }
            ReconstructionModel model = loadNow(spec);
            if (!result.complete(model)) {
                model.close();
            }
        });
        return result;
    }

    /** Loads a model on this thread (never the FX thread); see {@link #load}. */
    public ReconstructionModel loadNow(ModelSpec spec) throws FormatException {
        requireBackgroundThread("loading a model");
        long t0 = System.nanoTime();
        ComputeDevice device = devices.resolve(spec.device());
        long t1 = System.nanoTime();
        MetroTemplate template = spec.template().load();
        long t2 = System.nanoTime();
        StateDict dict = TorchCheckpointReader.read(spec.checkpoint());
        long t3 = System.nanoTime();
        MetroArchitecture arch;
        try {
            arch = MetroModel.inferArchitecture(dict.tensors(), spec.heads());
        } catch (IllegalArgumentException e) {
            throw new FormatException(spec.checkpoint(), "cannot build a METRO network from it: " + e.getMessage(),
                    spec.heads() != MetroArchitecture.DEFAULT_HEADS
                            ? "check --heads (released models use 4) and that this is a METRO body or hand state_dict"
                            : "choose a METRO body or hand state_dict (e.g. metro_3dpw_state_dict.bin, "
                                    + "metro_hand_state_dict.bin)");
        }
        checkTemplateFits(arch, template, spec);
        float[] ref = toFloats(template.refVertices());
        MetroModel metro;
        try {
            metro = MetroModel.fromTensors(dict.tensors(),
                    ref, new MetroLoadOptions(spec.heads(), spec.allowMissing(), device.device()));
        } catch (IllegalArgumentException e) {
            throw new FormatException(spec.checkpoint(), e.getMessage(),
                    "use a complete METRO checkpoint (the file may be damaged or from another model)");
        }
        long t4 = System.nanoTime();
        try {
            if (spec.warmUp()) {
                metro.predict(new float[3 * SIDE * SIDE], 1, SIDE, SIDE, false);
            }
        } catch (RuntimeException e) {
            metro.close();
            throw e;
        }
        long t5 = System.nanoTime();
        ReconstructionModel model = new ReconstructionModel(metro, template, ref, device, spec,
                new ReconstructionModel.LoadTimings(ms(t0, t1), ms(t1, t2), ms(t2, t3), ms(t3, t4), ms(t4, t5)));
        LOG.info("Loaded {} on {}: {}; {}", model.id(), device.name(), metro.loadReport().summary(),
                model.timings());
        return model;
    }

    /**
     * Reconstructs every image of {@code input} in the background, in input order. Cancelling the returned
     * future stops the work before the next batch.
     */
    public CompletableFuture<List<Reconstruction>> reconstruct(ReconstructionModel model, InputBatch input,
            RunOptions options) {
        CompletableFuture<List<Reconstruction>> result = new CompletableFuture<>();
        JobContext context = JobContext.cancelledWhen(() -> result.isCancelled() || closed);
        submit(result, () -> result.complete(reconstructNow(model, input, options, context)));
        return result;
    }

    /** The same as a {@link io.metroscope.jobs.JobService} job, with progress per batch and cancel. */
    public JobWork<List<Reconstruction>> job(ReconstructionModel model, InputBatch input, RunOptions options) {
        return context -> reconstructNow(model, input, options, context);
    }

    /**
     * Reconstructs on this thread (never the FX thread), {@code options.batchSize()} images per forward,
     * reporting progress after each and throwing {@link CancellationException} when {@code context} is
     * cancelled between batches.
     */
    public List<Reconstruction> reconstructNow(ReconstructionModel model, InputBatch input, RunOptions options,
            JobContext context) {
        requireBackgroundThread("reconstruction");
        if (input.height() != SIDE || input.width() != SIDE) {
            throw new IllegalArgumentException("METRO takes " + SIDE + "×" + SIDE + " crops, not " + input.height()
                    + "×" + input.width());
        }
        int n = input.size();
        int batches = (n + options.batchSize() - 1) / options.batchSize();
        List<Reconstruction> out = new ArrayList<>(n);
        PostProcessor post = model.postProcessor();
        FlipAverage flip = options.flipAverage() ? model.flipAverage() : null;
        for (int from = 0, b = 1; from < n; from += options.batchSize(), b++) {
            context.checkCancelled();
            int to = Math.min(n, from + options.batchSize());
            context.message(String.format(Locale.ROOT, "batch %d/%d (%d image%s)", b, batches, to - from,
                    to - from == 1 ? "" : "s"));
            float[] x = input.tensor(from, to);
            long t0 = System.nanoTime();
            List<MetroOutput> outputs;
            synchronized (model) {
                if (flip != null) {
                    outputs = flip.combine(model.metro().predict(FlipAverage.withMirrors(x, to - from),
                            2 * (to - from), SIDE, SIDE, options.attention()));
                } else {
                    outputs = model.metro().predict(x, to - from, SIDE, SIDE, options.attention());
                }
            }
            double forward = ms(t0, System.nanoTime());
            for (int i = 0; i < outputs.size(); i++) {
                out.add(post.apply(outputs.get(i), input.items().get(from + i), model.id(), forward, to - from));
            }
            context.progress(to / (double) n);
        }
        return List.copyOf(out);
    }

    private static void checkTemplateFits(MetroArchitecture arch, MetroTemplate template, ModelSpec spec)
            throws FormatException {
        TokenLayout tokens = arch.tokens();
        MeshKind templateKind = MeshKind.of(template.kind());
        boolean fits = templateKind == arch.kind() && template.tokenCount() == tokens.tokens()
                && template.coarseVertexCount() == tokens.coarseVertices()
                && template.fullVertexCount() == tokens.fullVertices();
        if (!fits) {
            String ckptKind = arch.kind().name().toLowerCase(Locale.ROOT);
            String tplKind = templateKind.name().toLowerCase(Locale.ROOT);
            throw new FormatException(spec.checkpoint(), "this " + ckptKind + " checkpoint needs " + tokens.tokens()
                    + " tokens (" + tokens.joints() + " joints + " + tokens.coarseVertices() + " coarse vertices) and a "
                    + tokens.fullVertices() + "-vertex mesh, but the " + spec.template().describe() + " is a " + tplKind
                    + " template with " + template.tokenCount() + " tokens (" + (template.tokenCount()
                    - template.coarseVertexCount()) + " joints + " + template.coarseVertexCount()
                    + " coarse vertices) and " + template.fullVertexCount() + " vertices",
                    arch.kind() == MeshKind.BODY ? "pass --smpl with --metro-data (or a body --template) for a body checkpoint"
                            : "pass --mano with --metro-data (or a hand --template) for a hand checkpoint");
        }
    }

    private void submit(CompletableFuture<?> result, ThrowingTask task) {
        pending.add(result);
        result.whenComplete((value, error) -> pending.remove(result));
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("the reconstruction service is closed", e));
        }
    }

    @FunctionalInterface
    private interface ThrowingTask {
        void run() throws Exception;
    }

    private static void requireBackgroundThread(String what) {
        if (FX_THREAD.equals(Thread.currentThread().getName())) {
            throw new IllegalStateException(what + " must not run on the JavaFX application thread; use the "
                    + "asynchronous methods or a JobService job");
        }
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    private static double ms(long from, long to) {
        return (to - from) / 1e6;
    }

    /** Stops the inference thread; running work ends at its next batch boundary. Does not close models. */
    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        for (CompletableFuture<?> f : List.copyOf(pending)) {
            f.completeExceptionally(new CancellationException("the reconstruction service was closed"));
        }
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
