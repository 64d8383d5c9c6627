package io.metroscope.ui.attention;

import io.metroscope.body.MetroTemplate;
import io.metroscope.recon.AttentionMaps;
import io.metroscope.recon.HeadMode;
import io.metroscope.recon.Reconstruction;
import io.metroscope.ui.mesh.ColorMap;
import java.nio.file.Path;
import java.util.List;

/**
 * What the Attention workspace shows now: the reconstruction, the chosen joint, layer and head combination, and
 * the combined N×N matrix they give; figures and number exports are made from it.
 *
 * @param combined the N×N attention of {@code layer} after head combination and normalisation
 * @param head     the head for {@link HeadMode#SINGLE} (0-based), else -1
 */
record AttentionSelection(Reconstruction result, MetroTemplate template, double[] combined, int joint, int layer,
        HeadMode mode, int head, boolean normalised, ColorMap map, List<String> jointNames) {

    /** The head choice as users read it: "mean of heads", "max of heads", "head 2". */
    String headsLabel() {
        return switch (mode) {
            case MEAN -> "mean of heads";
            case MAX -> "max of heads";
            case SINGLE -> "head " + (head + 1);
        };
    }

    /** The same head choice and normalisation applied to another layer of the block (N×N). */
    double[] combinedOfLayer(int otherLayer) {
        return AttentionMaps.combine(result.attentionOfLayer(otherLayer), result.attentionHeads(), result.tokenCount(),
                mode, head, normalised);
    }

    /** The chosen joint's row over all tokens. */
    double[] row() {
        return AttentionMaps.row(combined, result.tokenCount(), joint);
    }

    /** A token's name: the joint's, or {@code vertex_i} for coarse vertex i. */
    String tokenName(int token) {
        return token < result.jointCount() ? jointNames.get(token) : "vertex_" + (token - result.jointCount());
    }

    /** "Layer 4/4" style, 1-based as users count. */
    String layerLabel() {
        return "layer " + (layer + 1) + "/" + result.attentionLayers();
    }

    /** A figure title, e.g. "R_Elbow · layer 4/4 · mean of heads · columns normalised". */
    String title() {
        return jointNames.get(joint) + " · " + layerLabel() + " · " + headsLabel()
                + (normalised ? " · columns normalised" : "");
    }

    /** A file-name stem, e.g. "img_a_R_Elbow_layer4_mean". */
    String fileStem() {
        String name = Path.of(result.source()).getFileName().toString();
        int dot = name.lastIndexOf('.');
        String h = switch (mode) {
            case MEAN -> "mean";
            case MAX -> "max";
            case SINGLE -> "head" + (head + 1);
        };
        return (dot > 0 ? name.substring(0, dot) : name) + "_" + jointNames.get(joint) + "_layer" + (layer + 1) + "_" + h;
    }
}
