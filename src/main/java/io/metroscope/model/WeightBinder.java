package io.metroscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.metroscope.format.TorchTensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Copies official state_dict tensors into arrays owned by one manager while the network is built, and
 * records the explicit table "our parameter name → official key" that the build produced.
 * A missing tensor becomes zeros and is reported; a tensor of the wrong shape is refused at once.
 * A dry run (no manager) checks names and shapes only and binds nulls.
 */
final class WeightBinder {

    private final Map<String, int[]> shapes;
    private final Function<String, float[]> values;
    private final NDManager manager;
    private final Map<String, String> table = new LinkedHashMap<>();
    private final Map<String, NDArray> parameters = new LinkedHashMap<>();
    private final List<String> missing = new ArrayList<>();
    private final Map<String, int[]> requested = new LinkedHashMap<>();
    private TrainingMode mode;

    private WeightBinder(Map<String, int[]> shapes, Function<String, float[]> values, NDManager manager) {
        this.shapes = shapes;
        this.values = values;
        this.manager = manager;
    }

    /** Copies tensors into arrays owned by {@code manager}. */
    static WeightBinder loading(Map<String, TorchTensor> tensors, NDManager manager) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        tensors.forEach((k, t) -> shapes.put(k, t.shape()));
        return new WeightBinder(shapes, key -> tensors.get(key).toFloatArray(), manager);
    }

    /** As {@link #loading}, for a trainable network sharing {@code trainingMode} (no folding, no fusing). */
    static WeightBinder loadingForTraining(Map<String, TorchTensor> tensors, NDManager manager,
            TrainingMode trainingMode) {
        WeightBinder w = loading(tensors, manager);
        w.mode = trainingMode;
        return w;
    }

    /** The training switch when building a trainable network, else null (inference: fold and fuse). */
    TrainingMode mode() {
        return mode;
    }

    /** Checks names and shapes only; every bound array is null (for key tables and reports without data). */
    static WeightBinder dryRun(Map<String, int[]> shapes) {
        return new WeightBinder(shapes, null, null);
    }

    /**
     * Accepts whatever the architecture asks for and records it: afterwards {@link #requestedShapes()} is the
     * official key → shape table of every tensor the network reads (no data, every bound array is null).
     */
    static WeightBinder recording() {
        return new WeightBinder(null, null, null);
    }

    /** Official key → shape requested so far, in build order (meaningful for {@link #recording()}). */
    Map<String, int[]> requestedShapes() {
        return Collections.unmodifiableMap(requested);
    }

    /** The array for official key {@code official}, checked against {@code shape}, named {@code ours}. */
    NDArray bind(String ours, String official, long... shape) {
        if (table.put(ours, official) != null) {
            throw new IllegalStateException("parameter bound twice: " + ours);
        }
        requested.put(official, Arrays.stream(shape).mapToInt(Math::toIntExact).toArray());
        if (shapes == null) {
            return null;
        }
        int[] found = shapes.get(official);
        if (found == null) {
            missing.add(official);
            return manager == null ? null : named(manager.zeros(new Shape(shape)), ours);
        }
        long[] actual = Arrays.stream(found).asLongStream().toArray();
        if (!Arrays.equals(actual, shape)) {
            throw new IllegalArgumentException("checkpoint tensor '" + official + "' has shape "
                    + Arrays.toString(actual) + " but the architecture needs " + Arrays.toString(shape));
        }
        return manager == null ? null : named(manager.create(values.apply(official), new Shape(shape)), ours);
    }

    private NDArray named(NDArray array, String ours) {
        array.setName(ours);
        parameters.put(ours, array);
        return array;
    }

    /** Our parameter name → official key, in build order. */
    Map<String, String> table() {
        return Collections.unmodifiableMap(table);
    }

    Map<String, NDArray> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    LoadReport report() {
        List<String> used = new ArrayList<>(table.values());
        List<String> loaded = used.stream().filter(shapes::containsKey).toList();
        java.util.Set<String> bound = new java.util.HashSet<>(used);
        List<String> unexpected = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (String key : shapes.keySet()) {
            if (bound.contains(key)) {
                continue;
            }
            (IgnoredKeys.isIgnored(key) ? ignored : unexpected).add(key);
        }
        return new LoadReport(loaded, missing, unexpected, ignored);
    }
}
