package io.metroscope.annotate;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.metroscope.body.MetroTemplate;
import io.metroscope.format.FormatException;
import io.metroscope.format.StateDict;
import io.metroscope.format.TorchCheckpointReader;
import io.metroscope.format.TorchTensor;
import io.metroscope.jobs.JobContext;
import io.metroscope.model.GraphScalars;
import io.metroscope.model.MeshPrediction;
import io.metroscope.model.MetroArchitecture;
import io.metroscope.model.MetroLoadOptions;
import io.metroscope.model.MetroModel;
import io.metroscope.train.AdamOptimizer;
import io.metroscope.train.MeshTargets;
import io.metroscope.train.MetroLoss;
import io.metroscope.vision.CropTransform;
import java.util.Locale;
import java.util.Map;

/**
 * Model in the loop, after EFT (exemplar fine-tuning): a fresh copy of the model, built trainable from the loaded
 * checkpoint, takes a few Adam steps on one image toward the corrected 2D joints (visible ones, projected through
 * the predicted camera as METRO's 2D loss does) and, where given, 3D joints; its final prediction is the proposal.
 *
 * <p>BatchNorm runs in eval mode with its running statistics frozen (and dropout is off): with a batch of one image,
 * batch statistics would be those of a single sample, which shifts every activation and wrecks the prediction
 * before the first step. Joints are regressed from the predicted mesh with the project template's regressor and
 * the mesh is centred on its root, as imported items are, so the 2D error is measured exactly as the image view
 * draws it. Runs on the caller's (background) thread; the copy's memory is freed before returning.
 */
public final class Refitter {

    /** Official key prefix of the learned upsampling layers ({@code upsampling.*}, {@code upsampling2.*}). */
    private static final String UPSAMPLING = "upsampling";

    private final RefitModel source;
    private final MetroTemplate template;
    private final MeshTargets targets;
    private Map<String, TorchTensor> tensors;
    private MetroArchitecture architecture;

    /** A refitter of {@code source} for items of {@code template}'s topology. */
    public Refitter(RefitModel source, MetroTemplate template) {
        this.source = source;
        this.template = template;
        this.targets = MeshTargets.of(template);
        int tokens = source.refVertices().length / 3;
        if (tokens != template.tokenCount()) {
            throw new IllegalArgumentException("the model " + source.id() + " has " + tokens + " tokens but the "
                    + "project's " + template.kind().id() + " template " + template.tokenCount()
                    + ": load a " + template.kind().id() + " model to refit this project's items");
        }
    }

    public RefitModel source() {
        return source;
    }

    /** Reads the checkpoint once; later refits reuse its tensors. */
    private synchronized Map<String, TorchTensor> tensors() throws FormatException {
        if (tensors == null) {
            StateDict dict = TorchCheckpointReader.read(source.checkpoint());
            MetroArchitecture arch = MetroModel.inferArchitecture(dict.tensors(), source.heads());
            if (arch.tokens().fullVertices() != template.fullVertexCount()) {
                throw new FormatException(source.checkpoint(), "the model predicts " + arch.tokens().fullVertices()
                        + " vertices but the project's template has " + template.fullVertexCount(),
                        "load a model of the project's template to refit its items");
            }
            tensors = dict.tensors();
            architecture = arch;
        }
        return tensors;
    }

    /** Refits on {@code request}; throws {@link java.util.concurrent.CancellationException} when cancelled. */
    public RefitResult refit(RefitRequest request, RefitOptions options, JobContext context) throws FormatException {
        long t0 = System.nanoTime();
        Map<String, TorchTensor> weights = tensors();
        MetroLoadOptions load = new MetroLoadOptions(source.heads(), source.allowMissing(), source.device())
                .forTraining();
        try (MetroModel copy = MetroModel.forTraining(architecture, weights, source.refVertices(), load)) {
            copy.setTraining(false);
            Map<String, NDArray> parameters = trained(copy.trainableParameters(), options);
            AdamOptimizer adam = new AdamOptimizer();
            Joints2d joints = request.joints();
            int j = joints.count();
            if (j != targets.joints()) {
                throw new IllegalArgumentException("the item has " + j + " 2D joints but the template "
                        + targets.joints());
            }
            float[] target2d = new float[2 * j];
            float[] visible = new float[j];
            int visibleCount = 0;
            for (int i = 0; i < j; i++) {
                double[] n = toNormalized(request.crop(), joints.x(i), joints.y(i));
                target2d[2 * i] = (float) n[0];
                target2d[2 * i + 1] = (float) n[1];
                visible[i] = joints.visible(i) ? 1 : 0;
                visibleCount += joints.visible(i) ? 1 : 0;
            }
            if (visibleCount == 0) {
                throw new IllegalArgumentException("the item has no visible 2D joint to refit to: mark some joints "
                        + "visible first");
            }
            float[] input = request.input();
            float[] joints3d = request.joints3d();
            double[] losses = new double[options.steps()];
            RefitPrediction first = null;
            for (int step = 0; step < options.steps(); step++) {
                context.checkCancelled();
                context.message(String.format(Locale.ROOT, "step %d/%d", step + 1, options.steps()));
                try (NDScope scope = new NDScope(); NDManager m = copy.newSubManager();
                        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    scope.suppressNotUsedWarning();
                    MeshPrediction p = copy.forward(m.create(input, new Shape(1, 3, RefitRequest.SIZE,
                            RefitRequest.SIZE)), null);
                    NDArray centred = centredJoints(m, p.full());
                    NDArray projected = MetroLoss.project(centred, p.camera());
                    NDArray vis = m.create(visible, new Shape(1, j, 1));
                    NDArray loss = GraphScalars.div(projected.sub(m.create(target2d, new Shape(1, j, 2))).square()
                            .mul(vis).sum(), visibleCount);
                    if (joints3d != null && options.weight3d() > 0) {
                        NDArray gt = m.create(joints3d, new Shape(1, j, 3));
                        NDArray l3d = GraphScalars.div(recentre(centred).sub(recentre(gt)).square().sum(), j);
                        loss = loss.add(GraphScalars.mul(l3d, options.weight3d()));
                    }
                    if (first == null) {
                        first = prediction(p, projected, request.crop());
                    }
                    losses[step] = loss.getFloat();
                    if (!Double.isFinite(losses[step])) {
                        throw new ArithmeticException("the refit diverged (loss " + losses[step] + " at step "
                                + (step + 1) + "): lower the learning rate");
                    }
                    collector.backward(loss);
                    adam.step(parameters, options.learningRate(), options.clipNorm());
                }
                context.progress((step + 1) / (double) (options.steps() + 1));
            }
            RefitPrediction last;
            try (NDScope scope = new NDScope(); NDManager m = copy.newSubManager()) {
                scope.suppressNotUsedWarning();
                MeshPrediction p = copy.forward(m.create(input, new Shape(1, 3, RefitRequest.SIZE,
                        RefitRequest.SIZE)), null);
                last = prediction(p, MetroLoss.project(centredJoints(m, p.full()), p.camera()), request.crop());
            }
            context.progress(1);
            return new RefitResult(last.vertices(), last.camera(), last.joints2d(), first.vertices(), first.camera(),
                    first.joints2d(), meanError(first.joints2d(), joints), meanError(last.joints2d(), joints), losses,
                    (System.nanoTime() - t0) / 1e6, source.id());
        }
    }


    /**
     * The parameters a refit updates: all of {@code all}, or without the upsampling layers, whose arrays then stop
     * recording gradients (no gradient, no update: on the small networks they are most of the parameters).
     */
    static Map<String, NDArray> trained(Map<String, NDArray> all, RefitOptions options) {
        Map<String, NDArray> out = new java.util.LinkedHashMap<>();
        all.forEach((key, array) -> {
            if (options.freezeUpsampling() && key.startsWith(UPSAMPLING)) {
                array.setRequiresGradient(false);
            } else {
                out.put(key, array);
            }
        });
        return out;
    }

    /** What the (unchanged) model predicts for {@code request}'s image, measured as a refit measures it. */
    public RefitPrediction predict(RefitRequest request) throws FormatException {
        Map<String, TorchTensor> weights = tensors();
        MetroLoadOptions load = new MetroLoadOptions(source.heads(), source.allowMissing(), source.device())
                .forTraining();
        try (MetroModel copy = MetroModel.forTraining(architecture, weights, source.refVertices(), load);
                NDScope scope = new NDScope(); NDManager m = copy.newSubManager()) {
            scope.suppressNotUsedWarning();
            copy.setTraining(false);
            MeshPrediction p = copy.forward(m.create(request.input(), new Shape(1, 3, RefitRequest.SIZE,
                    RefitRequest.SIZE)), null);
            return prediction(p, MetroLoss.project(centredJoints(m, p.full()), p.camera()), request.crop());
        }
    }

    private RefitPrediction prediction(MeshPrediction p, NDArray projected, CropTransform crop) {
        float[] full = p.full().toFloatArray();
        float[] root = root(full);
        for (int i = 0; i < full.length; i++) {
            full[i] -= root[i % 3];
        }
        float[] n = projected.toFloatArray();
        float[] px = new float[n.length];
        for (int i = 0; i < n.length; i += 2) {
            double[] q = crop.normalizedToImage(n[i], n[i + 1]);
            px[i] = (float) q[0];
            px[i + 1] = (float) q[1];
        }
        return new RefitPrediction(full, p.camera().toFloatArray(), px);
    }

    /** (1,V,3) mesh → (1,J,3) token joints minus the mesh's root, as the post-processing computes them. */
    private NDArray centredJoints(NDManager m, NDArray full) {
        NDArray regressor = m.create(targets.tokenRegressor(), new Shape(targets.joints(), targets.vertices()));
        NDArray rootRow = m.create(targets.rootRegressor(), new Shape(1, targets.vertices()));
        return regressor.matMul(full).sub(rootRow.matMul(full));
    }

    /** Re-centred at the mean of the two joints the 3D losses use (hips / wrist), as METRO's 3D loss does. */
    private NDArray recentre(NDArray joints) {
        NDArray a = joints.get(new NDIndex(":, {}:{}", targets.rootA(), targets.rootA() + 1));
        NDArray b = joints.get(new NDIndex(":, {}:{}", targets.rootB(), targets.rootB() + 1));
        return joints.sub(GraphScalars.div(a.add(b), 2));
    }

    private float[] root(float[] full) {
        float[] rootRow = targets.rootRegressor();
        double[] r = new double[3];
        for (int i = 0; i < rootRow.length; i++) {
            if (rootRow[i] != 0) {
                for (int c = 0; c < 3; c++) {
                    r[c] += rootRow[i] * (double) full[3 * i + c];
                }
            }
        }
        return new float[] {(float) r[0], (float) r[1], (float) r[2]};
    }

    /** Image pixel → normalised crop coordinates in [−1, 1] (the inverse of {@link CropTransform#normalizedToImage}). */
    static double[] toNormalized(CropTransform crop, double x, double y) {
        double[] c = crop.toCrop(x, y);
        return new double[] {2 * c[0] / crop.cropWidth() - 1, 2 * c[1] / crop.cropHeight() - 1};
    }

    /** Mean distance in pixels between J×2 predicted joints and the visible corrected joints. */
    public static double meanError(float[] predicted, Joints2d corrected) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < corrected.count(); i++) {
            if (corrected.visible(i)) {
                sum += Math.hypot(predicted[2 * i] - corrected.x(i), predicted[2 * i + 1] - corrected.y(i));
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
