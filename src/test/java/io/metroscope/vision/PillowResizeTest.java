package io.metroscope.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link PillowResize} and the official transforms against numbers Pillow 9.4 computed. */
class PillowResizeTest {

    @Test
    void bilinearMatchesPillowBitForBit() throws Exception {
        RgbImage src = PillowExpectations.pattern(17, 13);
        int cases = 0;
        for (PillowExpectations.Entry e : PillowExpectations.load().values()) {
            if (!e.key().startsWith("resize.17x13.")) {
                continue;
            }
            RgbImage out = PillowResize.bilinear(src, e.width(), e.height());
            assertThat(out.maxAbsDifference(e.image())).as(e.key()).isZero();
            cases++;
        }
        assertThat(cases).isEqualTo(7);
    }

    @Test
    void sameSizeIsACopy() {
        RgbImage src = PillowExpectations.pattern(5, 4);
        RgbImage out = PillowResize.bilinear(src, 5, 4);
        assertThat(out.samePixels(src)).isTrue();
        assertThat(out.rgb()).isNotSameAs(src.rgb());
    }

    @Test
    void upscalingSmallPortraitImageMatchesResizeAndCenterCrop() throws Exception {
        PreprocessedImage p = OfficialPreprocessing.centerCrop(PillowExpectations.pattern(37, 50));
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(p.crop().rgb()));
        assertThat(digest).isEqualTo(PillowExpectations.load().get("sha256.official.37x50").hex());
        // 37x50 -> 224x302, crop top round(78/2) = 39: crop (0,0) is image (0, 39 * 50/302).
        double[] corner = p.cropToImage().toImage(0, 0);
        assertThat(corner[0]).isEqualTo(0.0);
        assertThat(corner[1]).isCloseTo(39 * 50.0 / 302, within(1e-12));
        assertThat(p.cropToImage().toImage(224, 224)[0]).isCloseTo(37.0, within(1e-12));
    }

    @Test
    void torchvisionSizesAndBankersRoundingOfTheCrop() {
        assertThat(OfficialTransforms.resizedSize(480, 360, 224)).containsExactly(298, 224);
        assertThat(OfficialTransforms.resizedSize(257, 301, 224)).containsExactly(224, 262);
        assertThat(OfficialTransforms.resizedSize(224, 224, 224)).containsExactly(224, 224);
        // (225 - 224) / 2 = 0.5 -> 0 and (227 - 224) / 2 = 1.5 -> 2 (round half to even), (226-224)/2 = 1.
        assertThat(OfficialTransforms.centerCropOffset(225, 224)).isZero();
        assertThat(OfficialTransforms.centerCropOffset(227, 224)).isEqualTo(2);
        assertThat(OfficialTransforms.centerCropOffset(226, 224)).isEqualTo(1);
        assertThat(OfficialTransforms.centerCropOffset(229, 224)).isEqualTo(2);
    }

    @Test
    void normalisationUsesTorchFloat32Arithmetic() {
        RgbImage px = new RgbImage(1, 1, new byte[] {0, (byte) 128, (byte) 255});
        float[] t = OfficialTransforms.toNormalizedChw(px);
        assertThat(t[0]).isEqualTo((0f / 255f - 0.485f) / 0.229f);
        assertThat(t[1]).isEqualTo((128f / 255f - 0.456f) / 0.224f);
        assertThat(t[2]).isEqualTo((255f / 255f - 0.406f) / 0.225f);
    }

    @Test
    void batchStacksInputsInOrder() {
        PreprocessedImage a = OfficialPreprocessing.centerCrop(PillowExpectations.pattern(224, 224));
        PreprocessedImage b = OfficialPreprocessing.centerCrop(PillowExpectations.pattern(300, 250));
        float[] batch = OfficialPreprocessing.batch(java.util.List.of(a, b));
        int per = 3 * 224 * 224;
        assertThat(batch).hasSize(2 * per);
        // Arrays.equals, not containsExactly: AssertJ's element-wise diffing takes seconds on 150k floats.
        assertThat(java.util.Arrays.equals(batch, 0, per, a.input(), 0, per)).isTrue();
        assertThat(java.util.Arrays.equals(batch, per, 2 * per, b.input(), 0, per)).isTrue();
    }

    @Test
    void expectationsFileHasTheCmykCase() throws Exception {
        Map<String, PillowExpectations.Entry> all = PillowExpectations.load();
        assertThat(all).containsKeys("file.cmyk.jpg", "decoded.cmyk.jpg");
    }
}
