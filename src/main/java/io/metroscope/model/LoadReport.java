package io.metroscope.model;

import java.util.List;

/**
 * What loading a checkpoint did, by official key: tensors copied into the network, parameters the checkpoint
 * lacked, keys nothing in the network uses, and keys deliberately skipped because the official forward never
 * reads them (see {@link IgnoredKeys}).
 */
public record LoadReport(List<String> loaded, List<String> missing, List<String> unexpected, List<String> ignored) {

    public LoadReport {
        loaded = List.copyOf(loaded);
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
        ignored = List.copyOf(ignored);
    }

    public boolean complete() {
        return missing.isEmpty();
    }

    /** One line for logs; names up to five keys of each problem list. */
    public String summary() {
        return loaded.size() + " loaded, " + missing.size() + " missing" + sample(missing) + ", "
                + unexpected.size() + " unexpected" + sample(unexpected) + ", " + ignored.size() + " ignored";
    }

    private static String sample(List<String> keys) {
        if (keys.isEmpty()) {
            return "";
        }
        List<String> head = keys.subList(0, Math.min(5, keys.size()));
        return " " + head + (keys.size() > head.size() ? " …" : "");
    }
}
