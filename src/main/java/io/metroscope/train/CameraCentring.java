package io.metroscope.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.metroscope.model.MetroModel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Starts a run's camera head at the training labels' mean camera, as HMR and SPIN start their camera from the mean.
 * METRO's head starts near zero, so a network must first learn the weak-perspective scale (about 10 for a hand in
 * metres, 1 for a body); on a short run from random weights the 2D loss can meanwhile settle on a wrong, even
 * negative (mirrored) scale, and the bias of {@code cam_param_fc3} then needs tens of thousands of Adam steps to get
 * there. Shifting that bias by (label mean − the network's mean prediction) fixes the start without touching the
 * rest of the network.
 */
public final class CameraCentring {

    /** The official key of the camera head's last bias. */
    public static final String CAMERA_BIAS = "cam_param_fc3.bias";
    private static final int LABELS = 256;
    private static final int IMAGES = 64;

    /**
     * What a centring did.
     *
     * @param labelMean     the mean [s, tx, ty] of the training labels looked at
     * @param predictedMean the network's mean prediction on the images looked at, before the shift
     * @param labels        how many labels the mean was taken over
     */
    public record Shift(float[] labelMean, float[] predictedMean, int labels) {

        /** What was added to the bias. */
        public float[] delta() {
            float[] d = new float[3];
            for (int i = 0; i < 3; i++) {
                d[i] = labelMean[i] - predictedMean[i];
            }
            return d;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "camera head re-centred on the mean of %d training labels: mean"
                    + " prediction (s %.3f, tx %.3f, ty %.3f) -> (s %.3f, tx %.3f, ty %.3f)", labels,
                    predictedMean[0], predictedMean[1], predictedMean[2], labelMean[0], labelMean[1], labelMean[2]);
        }
    }

    private CameraCentring() {
    }

    /**
     * Shifts {@code model}'s camera bias (a trainable network, left in training mode) so that its mean prediction over
     * up to 64 items of {@code source} equals the mean camera of up to 256 of its labels, spread evenly over it.
     *
     * @throws IllegalArgumentException when no item carries a camera label (METRO TSV datasets have none)
     */
    public static Shift apply(MetroModel model, TrainingSource source, int batch) throws IOException {
        int n = Math.min(LABELS, source.size());
        double[] sum = new double[3];
        int labelled = 0;
        List<float[]> images = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            TrainingSample sample = source.get((int) ((long) k * source.size() / n));
            float[] camera = sample.labels().camera();
            if (camera != null && camera.length == 3 && Float.isFinite(camera[0]) && Float.isFinite(camera[1])
                    && Float.isFinite(camera[2])) {
                for (int i = 0; i < 3; i++) {
                    sum[i] += camera[i];
                }
                labelled++;
            }
            if (images.size() < IMAGES && k % Math.max(1, n / IMAGES) == 0) {
                images.add(sample.image());
            }
        }
        if (labelled == 0) {
            throw new IllegalArgumentException("centreCamera: none of the training items carries a camera label"
                    + " (training folders made by synth or Annotate have one; METRO TSV datasets do not):"
                    + " set \"centreCamera\": false in the recipe");
        }
        float[] labelMean = new float[3];
        for (int i = 0; i < 3; i++) {
            labelMean[i] = (float) (sum[i] / labelled);
        }
        float[] predicted = meanPrediction(model, images, Math.max(1, Math.min(batch, 32)));
        Shift shift = new Shift(labelMean, predicted, labelled);
        NDArray bias = model.trainableParameters().get(CAMERA_BIAS);
        if (bias == null) {
            throw new IllegalStateException("the network has no " + CAMERA_BIAS);
        }
        // autograd off (meanPrediction turned it off on this thread): the in-place shift must not be recorded
        try (NDArray d = bias.getManager().create(shift.delta())) {
            bias.addi(d);
        }
        return shift;
    }

    /**
     * The mean camera of {@code model} over {@code images} (each 3×H×W, normalised), {@code batch} at a time, in
     * inference mode: deterministic, BatchNorm's running statistics stay as they are, and autograd is off on this
     * thread afterwards. A trained network predicts alike in both modes; a random one's camera is mostly its bias in
     * either.
     */
    static float[] meanPrediction(MetroModel model, List<float[]> images, int batch) {
        boolean training = model.isTraining();
        model.setTraining(false);
        MetroModel.inferenceMode();
        double[] sum = new double[3];
        try {
            for (int start = 0; start < images.size(); start += batch) {
                int b = Math.min(batch, images.size() - start);
                int per = images.get(start).length;
                float[] flat = new float[b * per];
                for (int i = 0; i < b; i++) {
                    System.arraycopy(images.get(start + i), 0, flat, i * per, per);
                }
                try (NDScope scope = new NDScope(); NDManager m = model.newSubManager()) {
                    scope.suppressNotUsedWarning();
                    float[] cams = model.forward(m.create(flat, HostBatch.shape(b, per)), null).camera()
                            .toFloatArray();
                    for (int i = 0; i < cams.length; i++) {
                        sum[i % 3] += cams[i];
                    }
                }
            }
        } finally {
            model.setTraining(training);
        }
        return new float[] {(float) (sum[0] / images.size()), (float) (sum[1] / images.size()),
            (float) (sum[2] / images.size())};
    }
}
