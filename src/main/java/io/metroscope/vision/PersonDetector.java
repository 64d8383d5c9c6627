package io.metroscope.vision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.MatOfRect;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.HOGDescriptor;

/**
 * Finds people with OpenCV's HOG + linear SVM people detector ({@link HOGDescriptor#getDefaultPeopleDetector()},
 * 64×128 window, trained on upright pedestrians).
 *
 * <p>The detector's window holds the body with a margin (about 96 of its 128 rows), so a person filling the
 * frame's height only fits a window when the frame is padded: the frame gets a replicated border of
 * {@link #BORDER} of its height on every side, then is scaled so the padded image's longer side is
 * {@link #WORK_SIDE} pixels (people from about a third of the frame height up to the full height are found).
 * Detection uses a slightly negative SVM threshold ({@link #DEFAULT_THRESHOLD}) and groups overlapping windows.
 * Windows are tightened to the body (15% of the width off each side as in OpenCV's {@code peopledetect} sample,
 * 1/8 of the height off top and bottom), clipped to the frame, and {@link CropBox#fromBox} pads them METRO's way
 * (1.2×). Not thread-safe: use one per thread.
 */
public final class PersonDetector implements CropLocator {

    /** Longer side of the padded frame after scaling, before detection. */
    public static final int WORK_SIDE = 400;
    /** Border added on every side, as a fraction of the frame height. */
    public static final double BORDER = 0.25;
    /** SVM decision threshold: detections scoring below are dropped. */
    public static final double DEFAULT_THRESHOLD = -0.3;

    /** A person's box in image pixels (top-left x, y, width, height) and the SVM score (higher is surer). */
    public record Detection(double x, double y, double width, double height, double score) {

        /** The METRO crop around this box ({@link CropBox#fromBox}, 1.2× padding). */
        public CropBox cropBox() {
            return CropBox.fromBox(x, y, width, height);
        }
    }

    private final HOGDescriptor hog;
    private final double minScore;

    /** A detector with {@link #DEFAULT_THRESHOLD}. */
    public PersonDetector() {
        this(DEFAULT_THRESHOLD);
    }

    /** @param minScore SVM decision threshold (0 is the SVM's own boundary; lower finds more, with more errors) */
    public PersonDetector(double minScore) {
        OpenCvRuntime.load();
        this.hog = new HOGDescriptor();
        this.hog.setSVMDetector(HOGDescriptor.getDefaultPeopleDetector());
        this.minScore = minScore;
    }

    /** People in {@code image}, best score first. */
    public List<Detection> detect(RgbImage image) {
        int pad = (int) Math.round(BORDER * image.height());
        int paddedW = image.width() + 2 * pad;
        int paddedH = image.height() + 2 * pad;
        double scale = (double) WORK_SIDE / Math.max(paddedW, paddedH);
        Mat bgr = OpenCvFrames.toBgr(image);
        Mat padded = new Mat();
        Mat work = new Mat();
        MatOfRect rects = new MatOfRect();
        MatOfDouble weights = new MatOfDouble();
        try {
            Core.copyMakeBorder(bgr, padded, pad, pad, pad, pad, Core.BORDER_REPLICATE);
            Imgproc.resize(padded, work, new Size(Math.max(64, Math.round(paddedW * scale)),
                    Math.max(128, Math.round(paddedH * scale))), 0, 0,
                    scale > 1 ? Imgproc.INTER_LINEAR : Imgproc.INTER_AREA);
            hog.detectMultiScale(work, rects, weights, minScore, new Size(8, 8), new Size(16, 16), 1.05, 1, false);
            Rect[] r = rects.toArray();
            double[] w = weights.empty() ? new double[r.length] : weights.toArray();
            List<Detection> out = new ArrayList<>(r.length);
            for (int i = 0; i < r.length; i++) {
                if (w[i] < minScore) {
                    continue;
                }
                double sx = (double) work.cols() / paddedW;
                double sy = (double) work.rows() / paddedH;
                double trimW = 0.15 * r[i].width;
                double trimH = 0.125 * r[i].height;
                double x = Math.max(0, (r[i].x + trimW) / sx - pad);
                double y = Math.max(0, (r[i].y + trimH) / sy - pad);
                double x2 = Math.min(image.width(), (r[i].x + r[i].width - trimW) / sx - pad);
                double y2 = Math.min(image.height(), (r[i].y + r[i].height - trimH) / sy - pad);
                if (x2 > x && y2 > y) {
                    out.add(new Detection(x, y, x2 - x, y2 - y, w[i]));
                }
            }
            out.sort(Comparator.comparingDouble(Detection::score).reversed());
            return out;
        } finally {
            bgr.release();
            padded.release();
            work.release();
            rects.release();
            weights.release();
        }
    }

    /** The best-scoring person's crop, or empty when nobody is found (callers then crop the whole frame). */
    @Override
    public Optional<CropBox> locate(RgbImage image) {
        List<Detection> found = detect(image);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0).cropBox());
    }
}
