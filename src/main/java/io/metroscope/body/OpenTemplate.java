package io.metroscope.body;

/** An open (procedurally generated, CC0) template: the METRO template plus its rig. */
public record OpenTemplate(MetroTemplate template, TemplateRig rig) {

    /** The skinned model (LBS-ready; see {@link TemplateRig#toSmplModel}). */
    public SmplModel model() {
        return rig.toSmplModel(template.fullVertices(), template.faces());
    }

    /** Poses the full mesh: {@code pose} K×3 axis-angle, {@code betas} up to the rig's shape count. */
    public PosedMesh pose(double[] pose, double[] betas) {
        return LinearBlendSkinning.pose(model(), pose, betas);
    }
}
