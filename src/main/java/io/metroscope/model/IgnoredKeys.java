package io.metroscope.model;

import java.util.Optional;
import java.util.regex.Pattern;

/** Official checkpoint entries the METRO forward pass never reads, and why (METRO.md §1.3, §9.1, §12.13). */
public final class IgnoredKeys {

    private static final Pattern BERT_EMBEDDINGS = Pattern.compile("trans_encoder\\.\\d+\\.bert\\.embeddings\\..*");
    private static final Pattern BERT_POOLER = Pattern.compile("trans_encoder\\.\\d+\\.bert\\.pooler\\..*");
    private static final Pattern CLASSIFIER = Pattern.compile("backbone\\.(classifier|fc)\\..*");

    private IgnoredKeys() {
    }

    /** Why {@code key} is skipped, or empty when the network should use it. */
    public static Optional<String> reason(String key) {
        if (BERT_EMBEDDINGS.matcher(key).matches()) {
            return Optional.of("BERT word/position/token-type embeddings: METRO uses its own bert.position_embeddings");
        }
        if (BERT_POOLER.matcher(key).matches()) {
            return Optional.of("BERT pooler: never called");
        }
        if (CLASSIFIER.matcher(key).matches()) {
            return Optional.of("backbone ImageNet classifier: never called");
        }
        if (key.endsWith(".num_batches_tracked")) {
            return Optional.of("BatchNorm step counter: unused in eval mode");
        }
        return Optional.empty();
    }

    public static boolean isIgnored(String key) {
        return reason(key).isPresent();
    }
}
