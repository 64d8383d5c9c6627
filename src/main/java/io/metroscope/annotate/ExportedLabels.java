package io.metroscope.annotate;

import io.metroscope.body.MetroTemplate;
import io.metroscope.format.SparseMatrix;
import io.metroscope.train.TrainingItem;
import io.metroscope.vision.CropTransform;
import java.util.ArrayList;
import java.util.List;

/**
 * An item's corrected annotation as training labels (README, "Training folder format"): the current mesh minus its
 * regressed root, its coarser levels and token joints, the camera with the root folded into its translation, and
 * the 2D joints in the crop's [-1, 1] coordinates, visible only when marked so and inside the crop.
 */
final class ExportedLabels {

    private ExportedLabels() {
    }

    static TrainingItem of(int index, MetroTemplate template, AnnotatedItem item, MeshState mesh, Joints2d joints,
            int size) {
        double[] full = MeshPoser.toDoubles(mesh.currentVertices());
        double[] regressed = template.jointRegressor().multiply(full, 3);
        int r = template.regressorJoints().root();
        double[] root = {regressed[3 * r], regressed[3 * r + 1], regressed[3 * r + 2]};
        for (int i = 0; i < full.length; i++) {
            full[i] -= root[i % 3];
        }
        double[] joints3d = template.tokenJointsOf(full);
        List<double[]> levels = new ArrayList<>();
        double[] level = full;
        for (SparseMatrix d : template.downsampling()) {
            level = d.multiply(level, 3);
            levels.add(level);
        }
        double[] mid = levels.size() > 1 ? levels.get(0) : new double[0];
        double[] coarse = levels.get(levels.size() - 1);
        float[] cam = mesh.camera();
        // x2d = s·(X + tx) with X = x + root, so the centred mesh needs tx + root_x.
        float[] camera = {cam[0], (float) (cam[1] + root[0]), (float) (cam[2] + root[1])};

        CropTransform crop = item.crop();
        int j = joints.count();
        float[] j2d = new float[3 * j];
        float[] px = new float[2 * j];
        for (int i = 0; i < j; i++) {
            double[] uv = crop.toCrop(joints.x(i), joints.y(i));
            double nx = 2 * uv[0] / crop.cropWidth() - 1;
            double ny = 2 * uv[1] / crop.cropHeight() - 1;
            boolean inside = nx >= -1 && nx <= 1 && ny >= -1 && ny <= 1;
            j2d[3 * i] = (float) nx;
            j2d[3 * i + 1] = (float) ny;
            j2d[3 * i + 2] = joints.visible(i) && inside ? 1 : 0;
            px[2 * i] = (float) ((nx + 1) * size / 2);
            px[2 * i + 1] = (float) ((ny + 1) * size / 2);
        }
        return new TrainingItem(index, null, size, MeshPoser.toFloats(joints3d), j2d, px, MeshPoser.toFloats(full),
                MeshPoser.toFloats(mid), MeshPoser.toFloats(coarse), MeshPoser.toFloats(root), camera, new float[0],
                new float[0], new byte[size * size], true, true, true);
    }
}
