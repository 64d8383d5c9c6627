package io.metroscope.vision;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/** Conversions between OpenCV {@link Mat}s (BGR) and {@link RgbImage}s. */
final class OpenCvFrames {

    private OpenCvFrames() {
    }

    /** An 8-bit BGR (or grey) Mat as an RGB image; {@code scratch} receives the RGB conversion. */
    static RgbImage toRgb(Mat bgr, Mat scratch) {
        if (bgr.depth() != CvType.CV_8U) {
            throw new IllegalStateException("expected 8-bit frames, got depth " + bgr.depth());
        }
        int code = switch (bgr.channels()) {
            case 1 -> Imgproc.COLOR_GRAY2RGB;
            case 3 -> Imgproc.COLOR_BGR2RGB;
            case 4 -> Imgproc.COLOR_BGRA2RGB;
            default -> throw new IllegalStateException("unsupported channel count " + bgr.channels());
        };
        Imgproc.cvtColor(bgr, scratch, code);
        byte[] rgb = new byte[scratch.cols() * scratch.rows() * 3];
        Mat packed = scratch.isContinuous() ? scratch : scratch.clone();
        packed.get(0, 0, rgb);
        return new RgbImage(scratch.cols(), scratch.rows(), rgb);
    }

    /** An RGB image as a new 8-bit BGR Mat. */
    static Mat toBgr(RgbImage image) {
        Mat rgb = new Mat(image.height(), image.width(), CvType.CV_8UC3);
        rgb.put(0, 0, image.rgb());
        Mat bgr = new Mat();
        Imgproc.cvtColor(rgb, bgr, Imgproc.COLOR_RGB2BGR);
        rgb.release();
        return bgr;
    }
}
