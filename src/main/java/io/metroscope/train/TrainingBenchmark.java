package io.metroscope.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.metroscope.bench.RandomMetroWeights;
import io.metroscope.model.MeshPrediction;
import io.metroscope.model.MetroArchitecture;
import io.metroscope.model.MetroLoadOptions;
import io.metroscope.model.MetroModel;
import io.metroscope.model.TokenLayout;
import io.metroscope.platform.NativeTuning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Training throughput of a network with random weights on random inputs and targets: per step one forward in
 * training mode (MVM, dropout, batch-statistics BatchNorm), the METRO loss, backward and an Adam update.
 */
public final class TrainingBenchmark {

    /**
     * Seconds of every timed step, the median samples per second, and the median milliseconds of the Adam update
     * ({@code optimizer}: which kernel ran, see {@link AdamOptimizer#kernel()}).
     */
    public record Result(String network, int batch, List<Double> stepSeconds, double medianSamplesPerSecond,
            long parameters, double medianOptimizerMillis, String optimizer) {
    }

    private TrainingBenchmark() {
    }

    /** Times {@code steps} steps after {@code warmup} with the recipe's dropout rate and masked vertex modeling. */
    public static Result run(MetroArchitecture arch, float dropout, MaskedVertexModeling mvm, int batch, int warmup,
            int steps, Device device, Consumer<String> log) {
        NativeTuning.keepFreedMemoryForTraining();
        long t0 = System.nanoTime();
        TokenLayout t = arch.tokens();
        try (MetroModel model = randomNetwork(arch, device)) {
            model.setDropout(dropout);
            var params = model.trainableParameters();
            long count = parameterCount(params);
            log.accept(String.format("built %s (%,d trained parameters) in %.1f s", arch.kind(), count,
                    (System.nanoTime() - t0) / 1e9));
            AdamOptimizer adam = new AdamOptimizer();
            NDArray probe = probe(params);
            Random random = new Random(1);
            int side = 224;
            // As the trainer gets them (HostBatch): stacked in a direct buffer before the step starts.
            List<TrainingSample> samples = new ArrayList<>();
            for (int b = 0; b < batch; b++) {
                float[] image = new float[3 * side * side];
                for (int i = 0; i < image.length; i++) {
                    image[i] = (float) random.nextGaussian();
                }
                samples.add(new TrainingSample(image, null));
            }
            HostBatch images = HostBatch.of(samples, null);
            List<Double> times = new ArrayList<>();
            List<Double> updates = new ArrayList<>();
            for (int s = 0; s < warmup + steps; s++) {
                long start = System.nanoTime();
                float[] masks = new float[batch * t.tokens()];
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(mvm.draw(random, t.joints(), t.coarseVertices()), 0, masks, b * t.tokens(),
                            t.tokens());
                }
                float loss;
                try (NDScope scope = new NDScope(); NDManager m = model.newSubManager();
                        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    scope.suppressNotUsedWarning();
                    MeshPrediction p = model.forward(images.images(m),
                            MaskedVertexModeling.hook(masks, batch, true, null));
                    LossTargets targets = new LossTargets(m.zeros(new Shape(batch, t.joints(), 3)),
                            m.ones(new Shape(batch, t.joints(), 1)), m.zeros(new Shape(batch, t.joints(), 2)),
                            m.ones(new Shape(batch, t.joints(), 1)), m.zeros(new Shape(batch, t.coarseVertices(), 3)),
                            t.hasMidLevel() ? m.zeros(new Shape(batch, t.midVertices(), 3)) : null,
                            m.zeros(new Shape(batch, t.fullVertices(), 3)), m.ones(new Shape(batch)),
                            m.ones(new Shape(batch)));
                    NDArray regressor = m.ones(new Shape(t.joints(), t.fullVertices())).div((float) t.fullVertices());
                    MetroLoss.Terms terms = new MetroLoss(LossWeights.of(arch.kind()), regressor, 0, 0)
                            .compute(p, targets);
                    gc.backward(terms.total());
                    loss = terms.total().getFloat();
                }
                long update = System.nanoTime();
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    adam.step(params, 1e-4f, 0);
                    probe.toFloatArray();
                }
                long end = System.nanoTime();
                double seconds = (end - start) / 1e9;
                log.accept(String.format("%s step %d: %.2f s (%.2f samples/s), Adam %.1f ms, loss %.4g",
                        s < warmup ? "warm-up" : "timed", s + 1, seconds, batch / seconds, (end - update) / 1e6,
                        loss));
                if (s >= warmup) {
                    times.add(seconds);
                    updates.add((end - update) / 1e6);
                }
            }
            return new Result(arch.toString(), batch, times, batch / median(times), count, median(updates),
                    adam.kernel());
        }
    }

    /** {@code arch} in training mode with random weights, on {@code device}. */
    static MetroModel randomNetwork(MetroArchitecture arch, Device device) {
        return MetroModel.forTraining(arch, RandomMetroWeights.tensors(arch, 1, false),
                RandomMetroWeights.template(arch, 1),
                new MetroLoadOptions(arch.blocks().get(0).heads(), false, device, true));
    }

    static long parameterCount(Map<String, NDArray> params) {
        return params.values().stream().mapToLong(NDArray::size).sum();
    }

    /** The smallest parameter: reading it back waits for an update on a GPU, so that its time is the update's. */
    static NDArray probe(Map<String, NDArray> params) {
        return params.values().stream().min(java.util.Comparator.comparingLong(NDArray::size)).orElseThrow();
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }
}
