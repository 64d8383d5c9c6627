package io.metroscope.annotate;

import io.metroscope.body.OpenTemplate;
import io.metroscope.jobs.JobContext;
import io.metroscope.train.TrainingFolder;
import io.metroscope.vision.CropTransform;
import io.metroscope.vision.OfficialTransforms;
import io.metroscope.vision.RgbImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Measures what a refit achieves on synthetic corrections: for each image of a training folder, the model's own
 * prediction has one limb turned in the image plane (a labeler's typical fix: an arm or leg the model got wrong),
 * the turned mesh's projected joints become the corrected 2D joints, and the refit's mean 2D error against them is
 * compared before and after.
 */
public final class RefitCheck {

    /** Body limbs turned in turn (rig joint names), and the angle. */
    private static final List<String> BODY_LIMBS = List.of("R_Shoulder", "L_Elbow", "R_Knee", "L_Hip", "R_Elbow",
            "L_Shoulder", "L_Knee", "R_Hip");
    private static final List<String> HAND_LIMBS = List.of("Index_1", "Middle_1", "Thumb_1", "Ring_1", "Pinky_1");

    /** One item's figures. */
    public record Row(int index, String limb, double degrees, double beforePx, double afterPx, double millis) {
    }

    /** All rows and their means. */
    public record Report(List<Row> rows, String modelId, RefitOptions options) {

        public double meanBefore() {
            return rows.stream().mapToDouble(Row::beforePx).average().orElse(Double.NaN);
        }

        public double meanAfter() {
            return rows.stream().mapToDouble(Row::afterPx).average().orElse(Double.NaN);
        }

        /** The fraction of the mean error the refits removed. */
        public double cut() {
            return 1 - meanAfter() / meanBefore();
        }

        public String toTable() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "refit of %s: %d steps, lr %.1e%n",
                    modelId, options.steps(), options.learningRate()));
            sb.append("item  limb         angle  before px  after px   ms\n");
            for (Row r : rows) {
                sb.append(String.format(Locale.ROOT, "%4d  %-11s %+6.0f°  %9.2f  %8.2f  %5.0f%n", r.index(), r.limb(),
                        r.degrees(), r.beforePx(), r.afterPx(), r.millis()));
            }
            sb.append(String.format(Locale.ROOT, "mean 2D error %.2f px → %.2f px: %.1f %% cut%n", meanBefore(),
                    meanAfter(), 100 * cut()));
            return sb.toString();
        }
    }

    private RefitCheck() {
    }

    /**
     * Refits the first {@code items} images of {@code data}, each with one limb turned by ±{@code degrees} about the
     * camera's viewing axis.
     */
    public static Report run(Refitter refitter, OpenTemplate template, TrainingFolder data, int items, double degrees,
            RefitOptions options, Consumer<String> log) throws IOException {
        MeshPoser poser = new MeshPoser(template.rig());
        List<String> limbs = template.template().kind() == io.metroscope.body.TemplateKind.BODY ? BODY_LIMBS
                : HAND_LIMBS;
        List<Row> rows = new ArrayList<>();
        int n = Math.min(items, data.size());
        for (int i = 0; i < n; i++) {
            RgbImage image = data.image(i);
            double scale = image.width() / (double) RefitRequest.SIZE;
            CropTransform crop = new CropTransform(0, 0, scale, image.height() / (double) RefitRequest.SIZE,
                    RefitRequest.SIZE, RefitRequest.SIZE);
            float[] input = OfficialTransforms.toNormalizedChw(CropSampler.sample(image, crop, RefitRequest.SIZE));
            Joints2d none = Joints2d.of(new float[3 * template.template().tokenJoints().size()]);
            RefitPrediction predicted = refitter.predict(new RefitRequest(input, crop, none, null));
            String limb = limbs.get(i % limbs.size());
            double angle = (i % 2 == 0 ? 1 : -1) * degrees;
            float[] turned = poser.rotateJoint(predicted.vertices(), template.rig().jointNames().indexOf(limb),
                    new double[] {0, 0, Math.toRadians(angle)});
            Joints2d corrected = projected(template, turned, predicted.camera(), crop);
            RefitResult r = refitter.refit(new RefitRequest(input, crop, corrected, null), options,
                    JobContext.cancelledWhen(() -> false));
            Row row = new Row(i, limb, angle, r.errorBeforePx(), r.errorAfterPx(), r.millis());
            rows.add(row);
            log.accept(String.format(Locale.ROOT, "item %d (%s %+.0f°): %.2f px → %.2f px in %.0f ms", i, limb, angle,
                    row.beforePx(), row.afterPx(), row.millis()));
        }
        return new Report(rows, refitter.source().id(), options);
    }

    /** The token joints of a root-centred mesh through camera and crop, all visible. */
    static Joints2d projected(OpenTemplate template, float[] vertices, float[] camera, CropTransform crop) {
        double[] joints = template.template().tokenJointsOf(MeshPoser.toDoubles(vertices));
        int j = joints.length / 3;
        float[] xy = new float[2 * j];
        boolean[] visible = new boolean[j];
        for (int i = 0; i < j; i++) {
            double[] p = crop.normalizedToImage(camera[0] * (joints[3 * i] + camera[1]),
                    camera[0] * (joints[3 * i + 1] + camera[2]));
            xy[2 * i] = (float) p[0];
            xy[2 * i + 1] = (float) p[1];
            visible[i] = true;
        }
        return Joints2d.of(xy, visible);
    }
}
