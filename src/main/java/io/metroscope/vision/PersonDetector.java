package io.metroscope.vision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.MatOfRect;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.HOGDescriptor;

/**
 * Finds upright people with OpenCV's HOG + linear SVM people detector
 * ({@link HOGDescriptor#getDefaultPeopleDetector()}, 64×128 window). Frames are scaled so their longer side is
 * {@link #WORK_SIDE} pixels first (small images are enlarged, so people down to about a third of the frame height
 * are found). HOG windows include a margin around the body; boxes are tightened as OpenCV's {@code peopledetect}
 * sample does (15% of the width off each side, 5% of the height off top and bottom) before
 * {@link CropBox#fromBox} pads them METRO's way (1.2×). Not thread-safe: use one per thread.
 */
public final class PersonDetector implements CropLocator {

    /** Longer side the frame is scaled to before detection. */
    public static final int WORK_SIDE = 640;

    /** A person's box in image pixels (top-left x, y, width, height) and the SVM score (higher is surer). */
    public record Detection(double x, double y, double width, double height, double score) {

        /** The METRO crop around this box ({@link CropBox#fromBox}, 1.2× padding). */
        public CropBox cropBox() {
            return CropBox.fromBox(x, y, width, height);
        }
    }

    private final HOGDescriptor hog;
    private final double minScore;

    /** A detector keeping detections scoring at least 0.5. */
    public PersonDetector() {
        this(0.5);
    }

    public PersonDetector(double minScore) {
        OpenCvRuntime.load();
        this.hog = new HOGDescriptor();
        this.hog.setSVMDetector(HOGDescriptor.getDefaultPeopleDetector());
        this.minScore = minScore;
    }

    /** People in {@code image}, best score first. */
    public List<Detection> detect(RgbImage image) {
        double scale = (double) WORK_SIDE / Math.max(image.width(), image.height());
        Mat bgr = OpenCvFrames.toBgr(image);
        Mat work = new Mat();
        Mat grey = new Mat();
        MatOfRect rects = new MatOfRect();
        MatOfDouble weights = new MatOfDouble();
        try {
            Imgproc.resize(bgr, work, new Size(Math.round(image.width() * scale), Math.round(image.height() * scale)),
                    0, 0, scale > 1 ? Imgproc.INTER_LINEAR : Imgproc.INTER_AREA);
            Imgproc.cvtColor(work, grey, Imgproc.COLOR_BGR2GRAY);
            hog.detectMultiScale(grey, rects, weights, 0, new Size(8, 8), new Size(16, 16), 1.05, 2, false);
            Rect[] r = rects.toArray();
            double[] w = weights.empty() ? new double[r.length] : weights.toArray();
            List<Detection> out = new ArrayList<>(r.length);
            for (int i = 0; i < r.length; i++) {
                if (w[i] < minScore) {
                    continue;
                }
                double padW = 0.15 * r[i].width;
                double padH = 0.05 * r[i].height;
                double x = Math.max(0, (r[i].x + padW) / scale);
                double y = Math.max(0, (r[i].y + padH) / scale);
                double x2 = Math.min(image.width(), (r[i].x + r[i].width - padW) / scale);
                double y2 = Math.min(image.height(), (r[i].y + r[i].height - padH) / scale);
                if (x2 > x && y2 > y) {
                    out.add(new Detection(x, y, x2 - x, y2 - y, w[i]));
                }
            }
            out.sort(Comparator.comparingDouble(Detection::score).reversed());
            return out;
        } finally {
            bgr.release();
            work.release();
            grey.release();
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
