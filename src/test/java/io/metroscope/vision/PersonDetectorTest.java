package io.metroscope.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** HOG people detection on the parity photo (a fencer in a lunge) and on a blank frame. */
class PersonDetectorTest {

    static Path fencer() {
        Path p = Path.of(System.getProperty("user.dir")).resolve("../shared/fixtures/parity/body-tiny/img_b_480x360.jpg")
                .normalize();
        Assumptions.assumeTrue(Files.isRegularFile(p), "parity fixture image not found at " + p);
        return p;
    }

    @Test
    void findsTheFencer() throws Exception {
        RgbImage img = ImageDecoder.decode(fencer(), DecodeOptions.officialParity());
        PersonDetector detector = new PersonDetector();
        List<PersonDetector.Detection> found = detector.detect(img);
        System.out.println("detections: " + found);
        assertThat(found).isNotEmpty();
        PersonDetector.Detection best = found.get(0);
        // The fencer's body spans roughly x 110..385, y 15..315; the box centre lies on the torso/legs.
        double cx = best.x() + best.width() / 2;
        double cy = best.y() + best.height() / 2;
        assertThat(cx).isBetween(150.0, 330.0);
        assertThat(cy).isBetween(80.0, 260.0);
        assertThat(best.height()).isBetween(200.0, 360.0);
        assertThat(best.width()).isBetween(100.0, 330.0);
        CropBox box = detector.locate(img).orElseThrow();
        assertThat(box.side()).isGreaterThan(best.height());
        // The METRO crop (1.2x padded) holds the whole fencer, sabre hand to back foot.
        assertThat(box.centerX() - box.side() / 2).isLessThan(110);
        assertThat(box.centerX() + box.side() / 2).isGreaterThan(385);
        assertThat(box.centerY() - box.side() / 2).isLessThan(15);
        assertThat(box.centerY() + box.side() / 2).isGreaterThan(315);
    }

    @Test
    void blankFrameHasNobody() {
        PersonDetector detector = new PersonDetector();
        assertThat(detector.detect(RgbImage.black(480, 360))).isEmpty();
        assertThat(detector.locate(RgbImage.black(320, 240))).isEmpty();
        assertThat(detector.detect(TestVideos.frame(640, 480, 5))).as("a red square on grey").isEmpty();
    }
}
