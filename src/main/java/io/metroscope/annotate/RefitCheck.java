package io.metroscope.annotate;

import io.metroscope.body.MeshOps;
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

    /**
     * One item's figures: the 2D error before and after, the mean distance of the mesh's vertices to the corrected
     * (turned) mesh before and after (mm, both root-centred), and the roughness of the refit mesh and of the
     * corrected one (mm, {@link #roughnessMm}): a refit that bends the surface into spikes to reach the joints shows
     * there.
     */
    public record Row(int index, String limb, double degrees, double beforePx, double afterPx, double millis,
            double meshBeforeMm, double meshAfterMm, double roughnessMm, double targetRoughnessMm) {
    }

    /** All rows and their means. */
    public record Report(List<Row> rows, String modelId, RefitOptions options) {

        public double meanBefore() {
            return mean(Row::beforePx);
        }

        public double meanAfter() {
            return mean(Row::afterPx);
        }

        private double mean(java.util.function.ToDoubleFunction<Row> f) {
            return rows.stream().mapToDouble(f).average().orElse(Double.NaN);
        }

        /** The fraction of the mean error the refits removed. */
        public double cut() {
            return 1 - meanAfter() / meanBefore();
        }

        public String toTable() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "refit of %s: %d steps, lr %.1e, "
                    + "upsampling %s%n", modelId, options.steps(), options.learningRate(),
                    options.freezeUpsampling() ? "frozen" : "trained"));
            sb.append("item  limb         angle  before px  after px   ms     mesh mm before/after  "
                    + "rough mm (corrected)\n");
            for (Row r : rows) {
                sb.append(String.format(Locale.ROOT,
                        "%4d  %-11s %+6.0f°  %9.2f  %8.2f  %5.0f  %8.1f / %-8.1f  %5.2f (%.2f)%n", r.index(),
                        r.limb(), r.degrees(), r.beforePx(), r.afterPx(), r.millis(), r.meshBeforeMm(),
                        r.meshAfterMm(), r.roughnessMm(), r.targetRoughnessMm()));
            }
            sb.append(String.format(Locale.ROOT, "mean 2D error %.2f px → %.2f px: %.1f %% cut; mean %.0f ms%n",
                    meanBefore(), meanAfter(), 100 * cut(), mean(Row::millis)));
            sb.append(String.format(Locale.ROOT, "mean vertex distance to the corrected mesh %.1f mm → %.1f mm; "
                    + "roughness %.2f mm (corrected mesh %.2f mm)%n", mean(Row::meshBeforeMm), mean(Row::meshAfterMm),
                    mean(Row::roughnessMm), mean(Row::targetRoughnessMm)));
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
        int[][] neighbours = MeshOps.neighbours(template.template().faces(),
                template.template().fullVertices().length / 3);
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
            Row row = new Row(i, limb, angle, r.errorBeforePx(), r.errorAfterPx(), r.millis(),
                    meanDistanceMm(r.initialVertices(), turned), meanDistanceMm(r.vertices(), turned),
                    roughnessMm(r.vertices(), neighbours), roughnessMm(turned, neighbours));
            rows.add(row);
            log.accept(String.format(Locale.ROOT, "item %d (%s %+.0f°): %.2f px → %.2f px in %.0f ms", i, limb, angle,
                    row.beforePx(), row.afterPx(), row.millis()));
        }
        return new Report(rows, refitter.source().id(), options);
    }

    /** Mean distance between corresponding vertices of two V×3 meshes in metres, in millimetres. */
    static double meanDistanceMm(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i += 3) {
            sum += Math.sqrt(sq(a[i] - b[i]) + sq(a[i + 1] - b[i + 1]) + sq(a[i + 2] - b[i + 2]));
        }
        return 1000 * sum / (a.length / 3);
    }

    /**
     * Mean distance of each vertex from the centroid of its neighbours (the umbrella Laplacian's length), in
     * millimetres: small on a smooth surface, large where spikes stand out.
     */
    static double roughnessMm(float[] v, int[][] neighbours) {
        double sum = 0;
        int counted = 0;
        for (int i = 0; i < neighbours.length; i++) {
            int[] ns = neighbours[i];
            if (ns.length == 0) {
                continue;
            }
            double cx = 0;
            double cy = 0;
            double cz = 0;
            for (int k : ns) {
                cx += v[3 * k];
                cy += v[3 * k + 1];
                cz += v[3 * k + 2];
            }
            sum += Math.sqrt(sq(v[3 * i] - cx / ns.length) + sq(v[3 * i + 1] - cy / ns.length)
                    + sq(v[3 * i + 2] - cz / ns.length));
            counted++;
        }
        return counted == 0 ? 0 : 1000 * sum / counted;
    }

    private static double sq(double x) {
        return x * x;
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
