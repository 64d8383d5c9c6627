package io.metroscope.vision;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

/** OpenCV's bundled natives load and its codecs round-trip an image. */
class OpenCvLoadTest {

    @Test
    void nativesLoadAndPngRoundTrips() {
        assertThat(OpenCvRuntime.load()).startsWith("4.9");
        Mat img = new Mat(16, 24, CvType.CV_8UC3, new Scalar(10, 20, 30));
        MatOfByte png = new MatOfByte();
        assertThat(Imgcodecs.imencode(".png", img, png)).isTrue();
        Mat back = Imgcodecs.imdecode(png, Imgcodecs.IMREAD_COLOR);
        assertThat(back.rows()).isEqualTo(16);
        assertThat(back.cols()).isEqualTo(24);
        assertThat(back.get(5, 7)).containsExactly(10, 20, 30);
    }
}
