package io.metroscope.format;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tensors of a PyTorch checkpoint in file order, with what the reader did to get them:
 * {@code unwrappedFrom} is the key of the dict that held the state dict (e.g. {@code state_dict}), or empty;
 * {@code strippedPrefix} is the prefix removed from every key (e.g. {@code module.}), or empty;
 * {@code ignoredKeys} are entries that were not tensors.
 */
public record StateDict(Path source, Format format, Map<String, TorchTensor> tensors, String unwrappedFrom,
        String strippedPrefix, List<String> ignoredKeys) {

    /** How the checkpoint was serialised. */
    public enum Format {
        /** torch >= 1.6 default: a zip with {@code <prefix>/data.pkl} and one entry per storage. */
        ZIP,
        /** torch < 1.6 (or {@code _use_new_zipfile_serialization=False}): pickles followed by raw storages. */
        LEGACY
    }

    public StateDict {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        ignoredKeys = List.copyOf(ignoredKeys);
    }

    public int size() {
        return tensors.size();
    }

    /** Keys in file order. */
    public List<String> keys() {
        return List.copyOf(tensors.keySet());
    }

    public Optional<TorchTensor> find(String name) {
        return Optional.ofNullable(tensors.get(name));
    }

    /** The named tensor; IllegalArgumentException naming the key when it is absent. */
    public TorchTensor tensor(String name) {
        TorchTensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor '" + name + "' in " + source);
        }
        return t;
    }
}
