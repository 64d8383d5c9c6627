package io.metroscope.train;

import io.metroscope.body.MetroTemplate;
import io.metroscope.body.MirrorMap;
import io.metroscope.body.TemplateKind;

/**
 * How a body's mesh labels follow a horizontal flip of the image (METRO flips body samples with probability 0.5 and
 * poses their mesh from {@code flip_pose}; here the stored mesh itself is mirrored): every full-mesh vertex takes its
 * template partner's mirrored position ({@link MirrorMap#reflect}), and the middle and coarse levels are the
 * mirrored mesh's down-sampling, as {@code synth} derives them. The vertex pairing is found on first use.
 */
public final class MeshFlip {

    private final MetroTemplate template;
    private MirrorMap mirror;

    private MeshFlip(MetroTemplate template) {
        this.template = template;
    }

    /** The flip of {@code template}'s meshes, or null for a hand template (hands are never flipped). */
    public static MeshFlip of(MetroTemplate template) {
        return template.kind() == TemplateKind.BODY ? new MeshFlip(template) : null;
    }

    /** The template whose meshes flip (its {@link MetroTemplate#levelsOf} derives the coarser levels). */
    MetroTemplate template() {
        return template;
    }

    /** Whether {@code item}'s meshes are this template's (same vertex count). */
    boolean fits(TrainingItem item) {
        return item.verticesFull().length == template.fullVertices().length;
    }

    /**
     * The full mesh after a flip, given it already mirrored point by point ({@code x → −x}): each vertex now takes
     * its partner's position, so vertex {@code i} is again the template's vertex {@code i}.
     */
    float[] full(float[] pointwiseMirrored) {
        return pairing().partnersOf(pointwiseMirrored);
    }

    private synchronized MirrorMap pairing() {
        if (mirror == null) {
            mirror = MirrorMap.of(template.fullVertices());
        }
        return mirror;
    }
}
