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
import io.metroscope.vision.PreprocessedImage;
import io.metroscope.vision.RgbImage;
import io.metroscope.vision.render.OfficialDemoRenderer;
import io.metroscope.vision.render.RenderImage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a training network makes of a few fixed items: their 224 crops, and the predicted mesh rendered over each
 * crop as the official demo renders it. Built once per run (the items never change, so renders from different
 * epochs compare); {@link #render} runs the network in eval mode on the training thread, between steps.
 */
public final class TrainingPreview {

    /** One item's crop and the prediction drawn over it. */
    public record Panel(int item, RgbImage crop, RgbImage render) {
    }

    private final int[] items;
    private final List<PreprocessedImage> inputs;
    private final MeshTargets targets;
    private final int[] faces;
    private final OfficialDemoRenderer.BodyColor color;

    private TrainingPreview(int[] items, List<PreprocessedImage> inputs, MetroTemplate template) {
        this.items = items;
        this.inputs = inputs;
        this.targets = MeshTargets.of(template);
        this.faces = template.faces();
        this.color = template.kind() == TemplateKind.HAND ? OfficialDemoRenderer.BodyColor.HAND
                : OfficialDemoRenderer.BodyColor.PINK;
    }

    /** {@code count} items spread evenly over the folder (all of them when it holds fewer). */
    public static TrainingPreview of(TrainingFolder folder, int count, MetroTemplate template) throws IOException {
        int n = Math.min(count, folder.size());
        int[] items = new int[n];
        List<PreprocessedImage> inputs = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            items[k] = (int) ((long) k * folder.size() / n);
            inputs.add(OfficialPreprocessing.centerCrop(folder.image(items[k])));
        }
        return new TrainingPreview(items, inputs, template);
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
        float[] cameras;
        float[] meshes;
        boolean training = model.isTraining();
        model.setTraining(false);
        try (NDScope scope = new NDScope(); NDManager m = model.newSubManager()) {
            scope.suppressNotUsedWarning();
            MeshPrediction p = model.forward(m.create(batch, new Shape(n, 3, side, side)), null);
            cameras = p.camera().toFloatArray();
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
            float[] camera = java.util.Arrays.copyOfRange(cameras, 3 * i, 3 * i + 3);
            RgbImage crop = inputs.get(i).crop();
            RenderImage r = renderer.render(MeshData.of(positions, faces), camera, color, crop.rgb());
            out.add(new Panel(items[i], crop, new RgbImage(r.width(), r.height(), r.rgb())));
        }
        return out;
    }
}
