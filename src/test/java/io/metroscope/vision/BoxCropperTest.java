package io.metroscope.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** GraphCMR-style box crops and the crop ↔ image mapping. */
class BoxCropperTest {

    @Test
    void defaultScaleIsTwentyPercentPaddedLongerSideOver200() {
        CropBox box = CropBox.fromBox(100, 50, 80, 160);
        assertThat(box.centerX()).isEqualTo(140.0);
        assertThat(box.centerY()).isEqualTo(130.0);
        assertThat(box.scale()).isCloseTo(1.2 * 160 / 200, within(1e-15));
        assertThat(box.side()).isCloseTo(192.0, within(1e-12));
        assertThat(CropBox.fromBox(0, 0, 100, 50, 1.0).scale()).isEqualTo(0.5);
        assertThatThrownBy(() -> CropBox.fromBox(0, 0, 0, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pointsRoundTripCropImageCrop() {
        RgbImage image = PillowExpectations.pattern(301, 257);
        Random rnd = new Random(7);
        for (int k = 0; k < 20; k++) {
            CropBox box = new CropBox(rnd.nextDouble() * 301, rnd.nextDouble() * 257, 0.2 + rnd.nextDouble() * 2);
            CropTransform t = BoxCropper.crop(image, box, 224).toImage();
            for (int i = 0; i < 50; i++) {
                double u = rnd.nextDouble() * 224;
                double v = rnd.nextDouble() * 224;
                double[] xy = t.toImage(u, v);
                double[] back = t.toCrop(xy[0], xy[1]);
                assertThat(back[0]).isCloseTo(u, within(1e-9));
                assertThat(back[1]).isCloseTo(v, within(1e-9));
            }
        }
        CropTransform official = OfficialPreprocessing.centerCrop(image).cropToImage();
        double[] xy = official.toImage(17.25, 200.5);
        double[] uv = official.toCrop(xy[0], xy[1]);
        assertThat(uv[0]).isCloseTo(17.25, within(1e-9));
        assertThat(uv[1]).isCloseTo(200.5, within(1e-9));
    }

    @Test
    void boxOfExactly224PixelsInsideTheImageIsACopyOfThatRegion() {
        RgbImage image = PillowExpectations.pattern(400, 300);
        // side 224 centred at (150.5, 140.5): region x [int(38.5), int(262.5)) = [38, 262), y [28, 252).
        // (Half-pixel centres keep the truncation away from the float error of 200 * (224 / 200.0).)
        CropBox box = new CropBox(150.5, 140.5, 224 / 200.0);
        Crop crop = BoxCropper.crop(image, box, 224);
        assertThat(crop.pixels().samePixels(image.crop(38, 28, 224, 224))).isTrue();
        assertThat(crop.toImage().toImage(0, 0)).containsExactly(38.0, 28.0);
        assertThat(crop.toImage().normalizedToImage(0, 0)).containsExactly(150.0, 140.0); // region centre
    }

    @Test
    void outsideTheImageIsBlackAndTheMappingFollowsThePadding() {
        RgbImage white = new RgbImage(100, 100, filled(100 * 100 * 3, (byte) 255));
        // Centred on the top-left corner: side 200 -> region [-100, 100) on both axes, 3/4 of it padding.
        Crop crop = BoxCropper.crop(white, new CropBox(0, 0, 1.0), 224);
        assertThat(crop.pixels().get(10, 10, 0)).isZero();
        assertThat(crop.pixels().get(200, 200, 1)).isEqualTo(255);
        assertThat(crop.toImage().toImage(112, 112)).containsExactly(0.0, 0.0);
        assertThat(crop.toImage().scaleX()).isEqualTo(200.0 / 224);
        PreprocessedImage p = OfficialPreprocessing.boxCrop(white, new CropBox(0, 0, 1.0));
        assertThat(p.input()).hasSize(3 * 224 * 224);
        assertThat(p.input()[0]).isEqualTo((0f - 0.485f) / 0.229f);
    }

    @Test
    void absurdBoxesAreRefused() {
        RgbImage image = PillowExpectations.pattern(10, 10);
        assertThatThrownBy(() -> BoxCropper.crop(image, new CropBox(5, 5, 1000), 224))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("covers");
    }

    private static byte[] filled(int n, byte v) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, v);
        return b;
    }
}
