package io.metroscope.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which the official METRO networks ({@code METRO_Body_Network}, {@code METRO_Hand_Network} with
 * their HRNet or ResNet-50 backbones and {@code pytorch_transformers} BERT blocks) list their state_dict keys:
 * PyTorch's module registration order. Keys are compared path segment by path segment; numeric segments
 * (ModuleList/Sequential indices) numerically, named segments by the position of the attribute in the official
 * constructors. Within every official module the attributes appear in the relative order of {@link #NAMES}, so
 * one global ranking serves all of them; a name it does not know sorts after the known ones, in order of first
 * appearance. Checked against the full-size key lists and the fixtures' checkpoints.
 */
public final class OfficialKeyOrder {

    /** Attribute names in a total order consistent with every official module's registration order. */
    static final List<String> NAMES = List.of(
            // METRO_Body_Network / METRO_Hand_Network
            "backbone", "trans_encoder", "upsampling", "upsampling2", "conv_learn_tokens",
            "cam_param_fc", "cam_param_fc2", "cam_param_fc3",
            // HRNet (cls_net / featmaps), ResNet-50 and their blocks
            "conv1", "bn1", "conv2", "bn2", "conv3", "bn3", "downsample",
            "layer1", "transition1", "stage2", "transition2", "stage3", "transition3", "stage4",
            "layer2", "layer3", "layer4", "incre_modules", "downsamp_modules", "final_layer", "classifier", "fc",
            "branches", "fuse_layers",
            // METRO's BertModel and pytorch_transformers' BERT layers
            "bert", "cls_head", "residual", "embeddings", "encoder", "pooler",
            "word_embeddings", "position_embeddings", "token_type_embeddings", "img_embedding",
            "layer", "attention", "self", "query", "key", "value", "intermediate", "output", "dense", "LayerNorm",
            // parameters and buffers
            "weight", "bias", "running_mean", "running_var", "num_batches_tracked");

    private static final Map<String, Integer> RANK = new HashMap<>();

    static {
        for (int i = 0; i < NAMES.size(); i++) {
            RANK.put(NAMES.get(i), i);
        }
    }

    private OfficialKeyOrder() {
    }

    /** {@code keys} sorted into official state_dict order (a new list; the input is not changed). */
    public static List<String> sort(Collection<String> keys) {
        Map<String, Integer> unknown = new HashMap<>();
        for (String key : keys) {
            for (String segment : key.split("\\.")) {
                if (!isNumber(segment) && !RANK.containsKey(segment)) {
                    unknown.putIfAbsent(segment, NAMES.size() + unknown.size());
                }
            }
        }
        Comparator<String> bySegments = (a, b) -> compare(a.split("\\."), b.split("\\."), unknown);
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(bySegments);
        return sorted;
    }

    private static int compare(String[] a, String[] b, Map<String, Integer> unknown) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i].equals(b[i])) {
                continue;
            }
            boolean na = isNumber(a[i]);
            boolean nb = isNumber(b[i]);
            if (na && nb) {
                return Long.compare(Long.parseLong(a[i]), Long.parseLong(b[i]));
            }
            if (na != nb) {
                return na ? -1 : 1;
            }
            return Integer.compare(rank(a[i], unknown), rank(b[i], unknown));
        }
        return Integer.compare(a.length, b.length);
    }

    private static int rank(String name, Map<String, Integer> unknown) {
        Integer known = RANK.get(name);
        return known != null ? known : unknown.get(name);
    }

    private static boolean isNumber(String segment) {
        if (segment.isEmpty() || segment.length() > 18) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            if (!Character.isDigit(segment.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
