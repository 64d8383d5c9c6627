package io.metroscope.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.metroscope.body.MetroTemplate;
import io.metroscope.body.TemplateKind;
import io.metroscope.format.MeshData;
import io.metroscope.model.MeshPrediction;
import io.metroscope.model.MetroModel;
import io.metroscope.vision.OfficialPreprocessing;
import io.metroscope.vision.OfficialTransforms;
import io.metroscope.vision.PreprocessedImage;
import io.metroscope.vision.RgbImage;
import io.metroscope.vision.render.OfficialDemoRenderer;
import io.metroscope.vision.render.RenderImage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a training network makes of a few fixed items: their 224 crops with the predicted mesh rendered over them as
 * the official demo renders it, and the predicted joints as yellow dots. The mesh is placed by the item's labelled
 * camera, so its shape can be judged from the first step (an untrained camera puts it off the image); the dots use
 * the predicted camera, so they show how far that has come. Built once per run (the items never change, so renders
 * of different epochs compare); {@link #render} runs the network in eval mode on the training thread, between steps.
 */
public final class TrainingPreview {

    /** One item's crop and the prediction drawn over it. */
    public record Panel(int item, RgbImage crop, RgbImage render) {
    }

    private static final int DOT = 2;

    private final int[] items;
    private final List<PreprocessedImage> inputs;
    private final List<float[]> cameras;
    private final MeshTargets targets;
    private final int[] faces;
    private final OfficialDemoRenderer.BodyColor color;

    private TrainingPreview(int[] items, List<PreprocessedImage> inputs, List<float[]> cameras,
            MetroTemplate template) {
        this.items = items;
        this.inputs = inputs;
        this.cameras = cameras;
        this.targets = MeshTargets.of(template);
        this.faces = template.faces();
        this.color = template.kind() == TemplateKind.HAND ? OfficialDemoRenderer.BodyColor.HAND
                : OfficialDemoRenderer.BodyColor.PINK;
    }

    /**
     * {@code count} items spread evenly over {@code source} (all of them when it holds fewer), as the network sees
     * them without augmentation. Items without a labelled camera (METRO TSV) get the weak-perspective camera that
     * best maps their 3D joints onto their visible 2D joints.
     */
    public static TrainingPreview of(TrainingSource source, int count, MetroTemplate template) throws IOException {
        int n = Math.min(count, source.size());
        int[] items = new int[n];
        List<PreprocessedImage> inputs = new ArrayList<>();
        List<float[]> cameras = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            items[k] = (int) ((long) k * source.size() / n);
            TrainingSample s = source.get(items[k]);
            inputs.add(new PreprocessedImage(s.image(), crop(s.image()), null));
            // Crops are square, so the labels' normalised [-1, 1] camera holds at 224 px too.
            cameras.add(camera(s.labels()));
        }
        return new TrainingPreview(items, inputs, cameras, template);
    }

    /** The 224 px RGB crop a normalised network input ({@link TrainingSample#image()}) was made from. */
    public static RgbImage crop(float[] input) {
        int side = OfficialPreprocessing.SIZE;
        int plane = side * side;
        byte[] rgb = new byte[3 * plane];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                double u = input[c * plane + i] * OfficialTransforms.STD[c] + OfficialTransforms.MEAN[c];
                rgb[3 * i + c] = (byte) Math.round(Math.min(1, Math.max(0, u)) * 255);
            }
        }
        return new RgbImage(side, side, rgb);
    }

    /**
     * The item's camera [s, tx, ty]; without one, the least-squares fit of {@code x2d = s·x + bx},
     * {@code y2d = s·y + by} over the visible joints ({@code t = b / s}), or a unit camera when that is degenerate.
     */
    static float[] camera(TrainingItem item) {
        if (item.camera().length == 3) {
            return item.camera();
        }
        int n = 0;
        double mx = 0;
        double my = 0;
        double mu = 0;
        double mv = 0;
        for (int j = 0; j < item.jointCount(); j++) {
            if (item.visible(j)) {
                n++;
                mx += item.joints3d()[3 * j];
                my += item.joints3d()[3 * j + 1];
                mu += item.joints2d()[3 * j];
                mv += item.joints2d()[3 * j + 1];
            }
        }
        if (n < 2) {
            return new float[] {1, 0, 0};
        }
        mx /= n;
        my /= n;
        mu /= n;
        mv /= n;
        double num = 0;
        double den = 0;
        for (int j = 0; j < item.jointCount(); j++) {
            if (item.visible(j)) {
                double dx = item.joints3d()[3 * j] - mx;
                double dy = item.joints3d()[3 * j + 1] - my;
                num += dx * (item.joints2d()[3 * j] - mu) + dy * (item.joints2d()[3 * j + 1] - mv);
                den += dx * dx + dy * dy;
            }
        }
        double s = den > 0 ? num / den : 0;
        if (!(s > 1e-6) || !Double.isFinite(s)) {
            return new float[] {1, 0, 0};
        }
        return new float[] {(float) s, (float) ((mu - s * mx) / s), (float) ((mv - s * my) / s)};
    }

    /** The item numbers shown. */
    public int[] items() {
        return items.clone();
    }

    /** The network's current predictions (eval mode: no dropout, running BatchNorm statistics) over the crops. */
    public List<Panel> render(MetroModel model) {
        int n = items.length;
        if (n == 0) {
            return List.of();
        }
        int side = OfficialPreprocessing.SIZE;
        float[] batch = OfficialPreprocessing.batch(inputs);
        float[] predictedCameras;
        float[] joints;
        float[] meshes;
        boolean training = model.isTraining();
        model.setTraining(false);
        try (NDScope scope = new NDScope(); NDManager m = model.newSubManager()) {
            scope.suppressNotUsedWarning();
            MeshPrediction p = model.forward(m.create(batch, new Shape(n, 3, side, side)), null);
            predictedCameras = p.camera().toFloatArray();
            joints = p.joints().toFloatArray();
            meshes = p.full().toFloatArray();
        } finally {
            model.setTraining(training);
        }
        int per = meshes.length / n;
        OfficialDemoRenderer renderer = new OfficialDemoRenderer();
        List<Panel> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] mesh = java.util.Arrays.copyOfRange(meshes, i * per, (i + 1) * per);
            double[] centred = Evaluator.centred(mesh, targets.rootRegressor());
            float[] positions = new float[centred.length];
            for (int k = 0; k < centred.length; k++) {
                positions[k] = (float) centred[k];
            }
            RgbImage crop = inputs.get(i).crop();
            RenderImage r = renderer.render(MeshData.of(positions, faces), cameras.get(i), color, crop.rgb());
            byte[] rgb = r.rgb().clone();
            int perJoint = joints.length / n;
            float[] camera = java.util.Arrays.copyOfRange(predictedCameras, 3 * i, 3 * i + 3);
            for (int j = i * perJoint; j < (i + 1) * perJoint; j += 3) {
                dot(rgb, r.width(), r.height(), (camera[0] * (joints[j] + camera[1]) + 1) * 0.5 * side,
                        (camera[0] * (joints[j + 1] + camera[2]) + 1) * 0.5 * side);
            }
            out.add(new Panel(items[i], crop, new RgbImage(r.width(), r.height(), rgb)));
        }
        return out;
    }

    /** A yellow square with a dark rim at (x, y) pixels; points off the image (or not finite) are skipped. */
    private static void dot(byte[] rgb, int width, int height, double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            return;
        }
        int cx = (int) Math.floor(x);
        int cy = (int) Math.floor(y);
        for (int dy = -DOT - 1; dy <= DOT + 1; dy++) {
            for (int dx = -DOT - 1; dx <= DOT + 1; dx++) {
                int px = cx + dx;
                int py = cy + dy;
                if (px < 0 || py < 0 || px >= width || py >= height) {
                    continue;
                }
                boolean rim = Math.abs(dx) > DOT || Math.abs(dy) > DOT;
                int o = 3 * (py * width + px);
                rgb[o] = (byte) (rim ? 40 : 255);
                rgb[o + 1] = (byte) (rim ? 40 : 230);
                rgb[o + 2] = (byte) (rim ? 0 : 0);
            }
        }
    }
}
