package io.metroscope.model;

import io.metroscope.format.DType;
import io.metroscope.format.FormatException;
import io.metroscope.format.NdArray;
import io.metroscope.format.StateDict;
import io.metroscope.format.TorchCheckpointWriter;
import io.metroscope.format.TorchTensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Writes a {@link MetroModel} as an official-compatible state_dict: every official key the network uses, with
 * its official name and shape as float32, in the official key order ({@link OfficialKeyOrder}), plus an int64
 * scalar {@code num_batches_tracked} beside every BatchNorm (taken from the source checkpoint when it has one,
 * else 0). With a source checkpoint and {@link Options#keepIgnored()}, the official tensors the forward never
 * reads ({@link IgnoredKeys}: BERT word/position/token-type embeddings, pooler, backbone classifier) are copied
 * back from it, so that exporting a released checkpoint loses nothing the official classes load; keys the
 * official networks do not have at all are never written.
 *
 * <p>Tensors are produced and written one at a time, so a full-size model is never in memory twice.
 */
public final class ModelExport {

    private static final String RUNNING_VAR = ".running_var";
    private static final String BATCHES = ".num_batches_tracked";

    /**
     * What to write: {@code source} is the checkpoint the model was loaded from (or null), {@code keepIgnored}
     * re-includes its ignored official tensors, {@code layout} is torch's zip (torch >= 1.6) or legacy layout.
     */
    public record Options(StateDict source, boolean keepIgnored, TorchCheckpointWriter.Layout layout) {
        public Options {
            Objects.requireNonNull(layout, "layout");
            if (keepIgnored && source == null) {
                throw new IllegalArgumentException("re-including the ignored tensors needs the source checkpoint");
            }
        }

        /** The network's tensors only, zip layout. */
        public static Options networkOnly() {
            return new Options(null, false, TorchCheckpointWriter.Layout.ZIP);
        }

        /** Everything official the source holds (network + ignored tensors), zip layout. */
        public static Options lossless(StateDict source) {
            return new Options(source, true, TorchCheckpointWriter.Layout.ZIP);
        }

        public Options withLayout(TorchCheckpointWriter.Layout newLayout) {
            return new Options(source, keepIgnored, newLayout);
        }
    }

    /**
     * What an export wrote: {@code keys} in file order, {@code reincluded} the ignored tensors copied from the
     * source, {@code dropped} source keys that were not written (not part of the official networks, or ignored
     * ones when they were not asked for).
     */
    public record Result(Path file, List<String> keys, List<String> reincluded, List<String> dropped) {
        public Result {
            keys = List.copyOf(keys);
            reincluded = List.copyOf(reincluded);
            dropped = List.copyOf(dropped);
        }
    }

    private record Planned(String key, Supplier<NdArray> values) {
    }

    private record Plan(List<Planned> tensors, List<String> reincluded, List<String> dropped) {
    }

    private ModelExport() {
    }

    /** Writes {@code model} to {@code file} (atomically: the file appears only when complete). */
    public static Result write(MetroModel model, Path file, Options options) throws FormatException {
        Plan plan = plan(model, options);
        List<String> keys = new ArrayList<>();
        try (TorchCheckpointWriter writer = TorchCheckpointWriter.create(file, options.layout())) {
            for (Planned p : plan.tensors()) {
                writer.add(p.key(), p.values().get());
                keys.add(p.key());
            }
            writer.commit();
        }
        return new Result(file, keys, plan.reincluded(), plan.dropped());
    }

    /** The tensors {@link #write} would write, in file order, in memory (for tests and small models). */
    public static Map<String, NdArray> tensors(MetroModel model, Options options) {
        Map<String, NdArray> out = new LinkedHashMap<>();
        for (Planned p : plan(model, options).tensors()) {
            out.put(p.key(), p.values().get());
        }
        return out;
    }

    private static Plan plan(MetroModel model, Options options) {
        Map<String, TorchTensor> source = options.source() == null ? Map.of() : options.source().tensors();
        Map<String, Supplier<NdArray>> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : model.keyTable().entrySet()) {
            String ours = e.getKey();
            String official = e.getValue();
            values.put(official, () -> NdArray.ofFloats(model.parameterValues(ours), model.parameterShape(ours)));
            if (official.endsWith(RUNNING_VAR)) {
                String batches = official.substring(0, official.length() - RUNNING_VAR.length()) + BATCHES;
                TorchTensor known = source.get(batches);
                long count = known != null && known.numel() == 1 ? known.toLongArray()[0] : 0;
                values.put(batches, () -> NdArray.ofLongs(new long[] {count}));
            }
        }
        List<String> reincluded = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (Map.Entry<String, TorchTensor> e : source.entrySet()) {
            String key = e.getKey();
            if (values.containsKey(key)) {
                continue;
            }
            if (options.keepIgnored() && IgnoredKeys.isIgnored(key)) {
                TorchTensor t = e.getValue();
                values.put(key, () -> copy(t));
                reincluded.add(key);
            } else {
                dropped.add(key);
            }
        }
        List<Planned> planned = new ArrayList<>();
        for (String key : OfficialKeyOrder.sort(values.keySet())) {
            planned.add(new Planned(key, values.get(key)));
        }
        return new Plan(planned, reincluded, dropped);
    }

    /** A source tensor as written: floating point as float32, integers and bool as they are. */
    private static NdArray copy(TorchTensor t) {
        if (t.dtype().isFloatingPoint() && t.dtype() != DType.FLOAT32) {
            return NdArray.ofFloats(t.toFloatArray(), t.shape());
        }
        return t.toNdArray();
    }
}
