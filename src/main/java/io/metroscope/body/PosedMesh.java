package io.metroscope.body;

/**
 * Output of {@link LinearBlendSkinning}: V×3 posed vertices, K×3 posed skeleton joints (the translations of
 * the global joint transforms) and K×3 rest joints regressed from the shaped template.
 */
public record PosedMesh(double[] vertices, double[] joints, double[] restJoints) {
}
