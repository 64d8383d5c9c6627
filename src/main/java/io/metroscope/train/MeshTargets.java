package io.metroscope.train;

import io.metroscope.body.JointSet;
import io.metroscope.body.MetroTemplate;
import io.metroscope.body.TemplateKind;
import io.metroscope.format.SparseMatrix;

/**
 * Template constants the losses and metrics need: the (J, V) regressor from the full mesh to the token joints,
 * the regressor row of the root the labels are centred on (H36M pelvis / wrist), and the two joints the 3D losses
 * and MPJPE re-centre on (body: R_Hip, L_Hip; hand: the wrist twice).
 */
public record MeshTargets(int joints, int vertices, float[] tokenRegressor, float[] rootRegressor, int rootA,
        int rootB) {

    public static MeshTargets of(MetroTemplate t) {
        SparseMatrix tokens = t.regressorToTokens().applyToRows(t.jointRegressor());
        double[] dense = tokens.toDense();
        float[] reg = new float[dense.length];
        for (int i = 0; i < dense.length; i++) {
            reg[i] = (float) dense[i];
        }
        int v = t.fullVertexCount();
        double[] all = t.jointRegressor().toDense();
        int root = t.regressorJoints().root();
        float[] rootRow = new float[v];
        for (int i = 0; i < v; i++) {
            rootRow[i] = (float) all[root * v + i];
        }
        JointSet tj = t.tokenJoints();
        int a = 0;
        int b = 0;
        if (t.kind() == TemplateKind.BODY && tj.indexOf("R_Hip") >= 0 && tj.indexOf("L_Hip") >= 0) {
            a = tj.indexOf("R_Hip");
            b = tj.indexOf("L_Hip");
        } else if (tj.indexOf("Wrist") >= 0) {
            a = tj.indexOf("Wrist");
            b = a;
        }
        return new MeshTargets(tokens.rows(), v, reg, rootRow, a, b);
    }
}
