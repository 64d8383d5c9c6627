package io.metroscope.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import io.metroscope.model.MetroArchitecture;
import io.metroscope.model.MetroModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Adam update alone over a network's trainable parameters (random weights, gradients of Σ parameters): the
 * multi-tensor update against DJL's kernel tensor by tensor, alternating step by step in one run.
 */
public final class AdamBenchmark {

    /** Milliseconds of every timed update of one kernel, waited for on the device. */
    public record Timing(String kernel, List<Double> millis) {

        public double median() {
            return TrainingBenchmark.median(millis);
        }
    }

    /** Both kernels on the same parameters. */
    public record Result(String network, int tensors, long parameters, Timing multiTensor, Timing perTensor) {

        /** The per-tensor update's median time over the multi-tensor one's. */
        public double speedup() {
            return perTensor.median() / multiTensor.median();
        }

        public String summary() {
            return String.format(Locale.ROOT, "Adam update, %s (%d tensors, %,d parameters): multi-tensor median %.2f"
                    + " ms, per-tensor (DJL's kernel) median %.2f ms: %.2fx faster", network, tensors, parameters,
                    multiTensor.median(), perTensor.median(), speedup());
        }
    }

    private AdamBenchmark() {
    }

    /** Times {@code steps} updates of each kernel after two warm-up updates each; {@code name} labels the result. */
    public static Result run(String name, MetroArchitecture arch, int steps, Device device, Consumer<String> log) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1");
        }
        try (MetroModel model = TrainingBenchmark.randomNetwork(arch, device)) {
            Map<String, NDArray> params = model.trainableParameters();
            long count = TrainingBenchmark.parameterCount(params);
            NDArray probe = TrainingBenchmark.probe(params);
            AdamOptimizer multi = new AdamOptimizer();
            AdamOptimizer single = AdamOptimizer.tensorByTensor();
            if (!multi.kernel().equals("multi-tensor")) {
                throw new IllegalStateException("the multi-tensor update is unavailable here (see the log); "
                        + "nothing to compare");
            }
            List<Double> multiMillis = new ArrayList<>();
            List<Double> singleMillis = new ArrayList<>();
            for (int s = 0; s < 2 + steps; s++) {
                for (AdamOptimizer adam : new AdamOptimizer[] {multi, single}) {
                    double ms = timedUpdate(adam, params, probe);
                    log.accept(String.format(Locale.ROOT, "%s %s update %d: %.2f ms", s < 2 ? "warm-up" : "timed",
                            adam.kernel(), s + 1, ms));
                    if (s >= 2) {
                        (adam == multi ? multiMillis : singleMillis).add(ms);
                    }
                }
            }
            return new Result(name, params.size(), count, new Timing("multi-tensor", multiMillis),
                    new Timing("per-tensor", singleMillis));
        }
    }

    private static double timedUpdate(AdamOptimizer adam, Map<String, NDArray> params, NDArray probe) {
        try (NDScope scope = new NDScope(); GradientCollector c = Engine.getInstance().newGradientCollector()) {
            scope.suppressNotUsedWarning();
            NDArray total = null;
            for (NDArray p : params.values()) {
                NDArray sum = p.sum();
                total = total == null ? sum : total.add(sum);
            }
            c.backward(total);
            probe.toFloatArray();
            long start = System.nanoTime();
            adam.step(params, 1e-6f, 0);
            probe.toFloatArray(); // waits for the update on a GPU
            return (System.nanoTime() - start) / 1e6;
        }
    }
}
