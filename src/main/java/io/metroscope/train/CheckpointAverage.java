package io.metroscope.train;

import io.metroscope.format.DType;
import io.metroscope.format.FormatException;
import io.metroscope.format.NdArray;
import io.metroscope.format.StateDict;
import io.metroscope.format.TorchCheckpointReader;
import io.metroscope.format.TorchCheckpointWriter;
import io.metroscope.format.TorchTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Weight averaging of checkpoints of one network ("model soup", the end of stochastic weight averaging): every
 * floating-point tensor becomes the weighted mean of its values in the inputs. Useful for stages fine-tuned one
 * after another from each other, which stay in one basin of the loss.
 *
 * <p>BatchNorm running statistics are averaged like the weights: for checkpoints this close that approximates the
 * statistics of the averaged network, without a pass over data.
 */
public final class CheckpointAverage {

    private static final Set<DType> FLOATS = Set.of(DType.FLOAT16, DType.BFLOAT16, DType.FLOAT32, DType.FLOAT64);

    private CheckpointAverage() {
    }

    /** What {@link #write} produced. */
    public record Result(Path out, List<Path> inputs, double[] weights, int averaged, List<String> keptFromLast) {
        public Result {
            inputs = List.copyOf(inputs);
            weights = weights.clone();
            keptFromLast = List.copyOf(keptFromLast);
        }

        @Override
        public double[] weights() {
            return weights.clone();
        }
    }

    /**
     * Averages {@code inputs} with {@code weights} (one positive weight per input, normalised here; empty for
     * equal weights) into a zip-layout state_dict at {@code out}, in the first input's key order. Floating-point
     * tensors are written as float32 (float64 stays float64). Other tensors (integer counters such as
     * {@code num_batches_tracked}) are taken from the last input.
     *
     * @throws IllegalArgumentException for fewer than two inputs, bad weights, or {@code out} among the inputs
     * @throws FormatException for an unreadable input or one whose keys, shapes or kinds of dtype differ
     */
    public static Result write(List<Path> inputs, double[] weights, Path out) throws FormatException {
        Objects.requireNonNull(out, "out");
        double[] w = normalised(inputs, weights);
        for (Path in : inputs) {
            if (sameFile(in, out)) {
                throw new IllegalArgumentException("the output " + out + " is one of the inputs: write it elsewhere");
            }
        }
        List<StateDict> dicts = new ArrayList<>(inputs.size());
        for (Path in : inputs) {
            dicts.add(TorchCheckpointReader.read(in));
        }
        StateDict first = dicts.get(0);
        for (StateDict d : dicts.subList(1, dicts.size())) {
            checkSameLayout(first, d);
        }
        int averaged = 0;
        List<String> kept = new ArrayList<>();
        try (TorchCheckpointWriter writer = TorchCheckpointWriter.create(out)) {
            for (String key : first.keys()) {
                TorchTensor reference = first.tensor(key);
                if (FLOATS.contains(reference.dtype())) {
                    writer.add(key, mean(dicts, key, w, reference));
                    averaged++;
                } else {
                    TorchTensor last = dicts.get(dicts.size() - 1).tensor(key);
                    long[] lastValues = last.toLongArray();
                    if (dicts.stream().anyMatch(d -> !Arrays.equals(d.tensor(key).toLongArray(), lastValues))) {
                        kept.add(key);
                    }
                    writer.add(key, last.toNdArray());
                }
            }
            writer.commit();
        }
        return new Result(out, inputs, w, averaged, kept);
    }

    private static double[] normalised(List<Path> inputs, double[] weights) {
        if (inputs.size() < 2) {
            throw new IllegalArgumentException("give at least two checkpoints to average (got " + inputs.size() + ")");
        }
        if (weights.length == 0) {
            double[] equal = new double[inputs.size()];
            Arrays.fill(equal, 1.0 / inputs.size());
            return equal;
        }
        if (weights.length != inputs.size()) {
            throw new IllegalArgumentException(weights.length + " weights for " + inputs.size()
                    + " checkpoints: give one weight per checkpoint, in the same order");
        }
        double sum = 0;
        for (double x : weights) {
            if (!(x > 0) || Double.isInfinite(x)) {
                throw new IllegalArgumentException("weights must be positive and finite, got " + x);
            }
            sum += x;
        }
        double[] w = new double[weights.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights[i] / sum;
        }
        return w;
    }

    private static void checkSameLayout(StateDict first, StateDict other) throws FormatException {
        Set<String> missing = new HashSet<>(first.keys());
        missing.removeAll(other.keys());
        Set<String> extra = new HashSet<>(other.keys());
        extra.removeAll(first.keys());
        String fix = "average only checkpoints of one network (the same architecture and heads), e.g. stages "
                + "fine-tuned from each other";
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new FormatException(other.source(), "its tensors differ from those of " + first.source()
                    + " (missing " + sample(missing) + ", extra " + sample(extra) + ")", fix);
        }
        for (String key : first.keys()) {
            TorchTensor a = first.tensor(key);
            TorchTensor b = other.tensor(key);
            if (!Arrays.equals(a.shape(), b.shape())) {
                throw new FormatException(other.source(), "tensor " + key + " has shape " + Arrays.toString(b.shape())
                        + ", but " + Arrays.toString(a.shape()) + " in " + first.source(), fix);
            }
            if (FLOATS.contains(a.dtype()) != FLOATS.contains(b.dtype())) {
                throw new FormatException(other.source(), "tensor " + key + " is " + b.dtype() + ", but "
                        + a.dtype() + " in " + first.source(), fix);
            }
        }
    }

    private static String sample(Set<String> keys) {
        if (keys.isEmpty()) {
            return "none";
        }
        List<String> sorted = keys.stream().sorted().limit(3).toList();
        return String.join(", ", sorted) + (keys.size() > 3 ? " and " + (keys.size() - 3) + " more" : "");
    }

    private static NdArray mean(List<StateDict> dicts, String key, double[] w, TorchTensor reference) {
        int[] shape = reference.shape();
        double[] sum = new double[reference.numel()];
        for (int i = 0; i < dicts.size(); i++) {
            double[] values = dicts.get(i).tensor(key).toDoubleArray();
            for (int j = 0; j < sum.length; j++) {
                sum[j] += w[i] * values[j];
            }
        }
        if (reference.dtype() == DType.FLOAT64) {
            return NdArray.ofDoubles(sum, shape);
        }
        float[] f = new float[sum.length];
        for (int j = 0; j < f.length; j++) {
            f[j] = (float) sum[j];
        }
        return NdArray.ofFloats(f, shape);
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }
}
