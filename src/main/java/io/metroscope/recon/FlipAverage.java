package io.metroscope.recon;

import io.metroscope.body.MetroTemplate;
import io.metroscope.body.MirrorMap;
import io.metroscope.body.TemplateKind;
import io.metroscope.model.MetroOutput;

import java.util.ArrayList;
import java.util.List;

/**
 * Flip test-time averaging for body models: every crop is predicted as given and mirrored left–right, and the
 * mirrored prediction, mirrored back, is averaged with the first. The full mesh pairs vertices through the
 * template's {@link MirrorMap}, the joint tokens through their L/R names, the camera negates {@code tx}; the middle
 * and coarse levels are then the averaged full mesh's down-sampling (the coarse vertices themselves are not
 * symmetric enough to pair), and attention stays that of the crop as given. METRO predicts each crop once: this is
 * an option, off by default.
 */
public final class FlipAverage {

    private final MetroTemplate template;
    private final MirrorMap mirror;
    private final MirrorMap jointMirror;

    private FlipAverage(MetroTemplate template) {
        this.template = template;
        this.mirror = MirrorMap.of(template.fullVertices());
        // the joint tokens pair by their L/R names, exactly
        this.jointMirror = new MirrorMap(template.tokenJoints().mirrorPermutation(), 0);
    }

    /** The averaging for a body template; a hand template has none (a mirrored right hand is a left hand). */
    public static FlipAverage of(MetroTemplate template) {
        if (template.kind() != TemplateKind.BODY) {
            throw new IllegalArgumentException("flip averaging applies to body models only: a mirrored right hand is "
                    + "a left hand");
        }
        return new FlipAverage(template);
    }

    /** The largest distance between a template vertex mirrored and its partner (metres). */
    public double mismatch() {
        return mirror.mismatch();
    }

    /** The B×C×S×S {@code images} followed by their mirror images: the 2B-image batch to predict. */
    public static float[] withMirrors(float[] images, int batch) {
        int side = (int) Math.round(Math.sqrt((double) images.length / (batch * 3)));
        if ((long) side * side * batch * 3 != images.length) {
            throw new IllegalArgumentException("expected " + batch + " square 3-channel images, got "
                    + images.length + " floats");
        }
        float[] out = new float[2 * images.length];
        System.arraycopy(images, 0, out, 0, images.length);
        for (int row = 0; row < images.length / side; row++) {
            int from = row * side;
            int to = images.length + from;
            for (int x = 0; x < side; x++) {
                out[to + x] = images[from + side - 1 - x];
            }
        }
        return out;
    }

    /** The B averaged outputs of the 2B outputs of a {@link #withMirrors} batch. */
    public List<MetroOutput> combine(List<MetroOutput> outputs) {
        if (outputs.size() % 2 != 0) {
            throw new IllegalArgumentException("expected outputs for images and their mirrors, got " + outputs.size());
        }
        int batch = outputs.size() / 2;
        List<MetroOutput> out = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            out.add(combine(outputs.get(b), outputs.get(batch + b)));
        }
        return out;
    }

    private MetroOutput combine(MetroOutput plain, MetroOutput mirrored) {
        float[] c = plain.camera();
        float[] m = mirrored.camera();
        float[] camera = {(c[0] + m[0]) / 2, (c[1] - m[1]) / 2, (c[2] + m[2]) / 2};
        float[] joints = mean(plain.joints(), jointMirror.reflect(mirrored.joints()));
        float[] full = mean(plain.vertices(), mirror.reflect(mirrored.vertices()));
        List<float[]> levels = template.levelsOf(full);
        float[] mid = levels.size() > 1 ? levels.get(0) : new float[0];
        return new MetroOutput(camera, joints, levels.get(levels.size() - 1), mid, full, plain.attentionAllLayers(),
                plain.attentionLayers(), plain.attentionHeads());
    }

    private static float[] mean(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (a[i] + b[i]) / 2;
        }
        return out;
    }
}
