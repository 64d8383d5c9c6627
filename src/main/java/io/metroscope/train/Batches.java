package io.metroscope.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.List;

/** Stacks training samples into the loss targets one step needs (images: {@link HostBatch}). */
public final class Batches {

    private Batches() {
    }

    /**
     * Loss targets: 3D joints with their confidence (1 unless the item says otherwise), 2D joints with their
     * visibility as confidence (0 for every joint of a sample without 2D labels), meshes per level, flags from
     * {@code hasJoints3d} / {@code hasMesh}.
     */
    public static LossTargets targets(NDManager m, List<TrainingSample> samples) {
        int b = samples.size();
        TrainingItem first = samples.get(0).labels();
        int j = first.jointCount();
        float[] j3 = new float[b * j * 3];
        float[] j2 = new float[b * j * 2];
        float[] c2 = new float[b * j];
        float[] c3 = new float[b * j];
        float[] has3d = new float[b];
        float[] hasMesh = new float[b];
        float[] coarse = new float[b * first.verticesCoarse().length];
        float[] mid = new float[b * first.verticesMid().length];
        float[] full = new float[b * first.verticesFull().length];
        for (int i = 0; i < b; i++) {
            TrainingItem t = samples.get(i).labels();
            System.arraycopy(t.joints3d(), 0, j3, i * j * 3, j * 3);
            for (int k = 0; k < j; k++) {
                j2[(i * j + k) * 2] = t.joints2d()[3 * k];
                j2[(i * j + k) * 2 + 1] = t.joints2d()[3 * k + 1];
                c2[i * j + k] = t.hasJoints2d() ? t.joints2d()[3 * k + 2] : 0f;
                c3[i * j + k] = t.confidence3d(k);
            }
            has3d[i] = t.hasJoints3d() ? 1 : 0;
            hasMesh[i] = t.hasMesh() ? 1 : 0;
            System.arraycopy(t.verticesCoarse(), 0, coarse, i * t.verticesCoarse().length, t.verticesCoarse().length);
            System.arraycopy(t.verticesMid(), 0, mid, i * t.verticesMid().length, t.verticesMid().length);
            System.arraycopy(t.verticesFull(), 0, full, i * t.verticesFull().length, t.verticesFull().length);
        }
        return new LossTargets(m.create(j3, new Shape(b, j, 3)), m.create(c3, new Shape(b, j, 1)),
                m.create(j2, new Shape(b, j, 2)), m.create(c2, new Shape(b, j, 1)),
                m.create(coarse, new Shape(b, coarse.length / b / 3, 3)),
                mid.length == 0 ? null : m.create(mid, new Shape(b, mid.length / b / 3, 3)),
                m.create(full, new Shape(b, full.length / b / 3, 3)), m.create(has3d), m.create(hasMesh));
    }
}
