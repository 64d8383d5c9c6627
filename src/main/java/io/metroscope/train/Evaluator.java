package io.metroscope.train;

import io.metroscope.model.MeshKind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Evaluates full-mesh predictions against a data set as METRO's {@code run_validate} (body) and FreiHAND's
 * {@code eval.py} (hand) do: the predicted mesh is centred on its regressed root (H36M pelvis / wrist), token joints
 * are regressed from it; MPJPE re-centres both at {@link MeshTargets#rootA()}/{@code rootB}; PA-MPJPE aligns with
 * HMR's similarity Procrustes (body) or FreiHAND's {@code align_w_scale} (hand); MPVE is unaligned; PA-MPVPE and
 * F@5/F@15 mm use FreiHAND's alignment of the mesh (hand; the body PA-MPVPE, absent from METRO's code, uses the
 * HMR alignment). Averages are over samples.
 */
public final class Evaluator {

    /** Full meshes (V×3 each, metres) for a batch of normalised images (B×3×224×224). */
    @FunctionalInterface
    public interface MeshPredictor {
        float[][] predict(float[] images, int batch) throws IOException;
    }

    private Evaluator() {
    }

    public static EvalSummary evaluate(MeshPredictor predictor, TrainingSource data, int limit, int batchSize,
            MeshTargets targets, MeshKind kind) throws IOException {
        int n = limit > 0 ? Math.min(limit, data.size()) : data.size();
        double[] sums = new double[6];
        int joints = 0;
        int meshes = 0;
        for (int start = 0; start < n; start += batchSize) {
            List<TrainingSample> samples = new ArrayList<>();
            for (int i = start; i < Math.min(n, start + batchSize); i++) {
                samples.add(data.get(i));
            }
            int per = samples.get(0).image().length;
            float[] images = new float[per * samples.size()];
            for (int i = 0; i < samples.size(); i++) {
                System.arraycopy(samples.get(i).image(), 0, images, i * per, per);
            }
            float[][] meshesOut = predictor.predict(images, samples.size());
            // Per-sample metrics in parallel (the F-scores dominate), summed in item order: same result every run.
            List<ItemErrors> perSample = IntStream.range(0, samples.size()).parallel()
                    .mapToObj(i -> itemErrors(samples.get(i).labels(), meshesOut[i], targets, kind)).toList();
            for (ItemErrors e : perSample) {
                if (e.hasJoints()) {
                    sums[0] += e.errors()[0];
                    sums[1] += e.errors()[1];
                    joints++;
                }
                if (e.hasMesh()) {
                    for (int k = 2; k < 6; k++) {
                        sums[k] += e.errors()[k];
                    }
                    meshes++;
                }
            }
        }
        return new EvalSummary(n, joints, meshes, mean(sums[0], joints) * 1000, mean(sums[1], joints) * 1000,
                mean(sums[2], meshes) * 1000, mean(sums[3], meshes) * 1000, mean(sums[4], meshes),
                mean(sums[5], meshes));
    }

    /**
     * MPJPE, PA-MPJPE, MPVE, PA-MPVPE, F@5, F@15 of one item (metres), and whether its labels have joints and a mesh
     * (only those errors count; a NaN error of a diverged model still counts, as it did when summed in place).
     */
    private record ItemErrors(boolean hasJoints, boolean hasMesh, double[] errors) {
    }

    private static ItemErrors itemErrors(TrainingItem item, float[] predicted, MeshTargets targets, MeshKind kind) {
        double[] e = new double[6];
        double[] v = centred(predicted, targets.rootRegressor());
        if (item.hasJoints3d()) {
            double[] j = regress(targets.tokenRegressor(), v, targets.joints());
            double[] gt = toDouble(item.joints3d());
            e[0] = MeshMetrics.mpjpe(j, gt, targets.rootA(), targets.rootB());
            e[1] = kind == MeshKind.HAND ? MeshMetrics.freihandAligned(j, gt) : MeshMetrics.paMpjpe(j, gt);
        }
        if (item.hasMesh()) {
            double[] gt = toDouble(item.verticesFull());
            double[] aligned = Procrustes.freihand(gt, v);
            e[2] = MeshMetrics.mpve(v, gt);
            e[3] = kind == MeshKind.HAND ? MeshMetrics.meanDistance(aligned, gt) : MeshMetrics.paMpjpe(v, gt);
            e[4] = MeshMetrics.fScore(gt, aligned, 0.005);
            e[5] = MeshMetrics.fScore(gt, aligned, 0.015);
        }
        return new ItemErrors(item.hasJoints3d(), item.hasMesh(), e);
    }

    private static double mean(double sum, int n) {
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The mesh minus its regressed root. */
    static double[] centred(float[] mesh, float[] rootRow) {
        double[] root = new double[3];
        int v = mesh.length / 3;
        for (int i = 0; i < v; i++) {
            if (rootRow[i] != 0) {
                for (int c = 0; c < 3; c++) {
                    root[c] += rootRow[i] * (double) mesh[3 * i + c];
                }
            }
        }
        double[] out = new double[mesh.length];
        for (int i = 0; i < mesh.length; i++) {
            out[i] = mesh[i] - root[i % 3];
        }
        return out;
    }

    static double[] regress(float[] regressor, double[] mesh, int joints) {
        int v = mesh.length / 3;
        double[] out = new double[joints * 3];
        for (int j = 0; j < joints; j++) {
            for (int i = 0; i < v; i++) {
                float w = regressor[j * v + i];
                if (w != 0) {
                    for (int c = 0; c < 3; c++) {
                        out[3 * j + c] += w * mesh[3 * i + c];
                    }
                }
            }
        }
        return out;
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
