package io.metroscope.vision;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.format.NdArray;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decoding and the official transforms reproduce the fixtures' {@code rgb_<i>}, {@code crop_rgb} and {@code input}. */
class OfficialPreprocessingParityTest {

    private static final int PLANE = 3 * 224 * 224;

    @TempDir
    static Path tempDir;

    @ParameterizedTest
    @ValueSource(strings = {"body-tiny", "hand-tiny"})
    void cropAndInputMatchTheOfficialPipeline(String caseName) throws Exception {
        Path dir = ParityFixtures.caseDir(caseName);
        Map<String, NdArray> expected = ParityFixtures.expected(dir, tempDir);
        List<Path> images = ParityFixtures.images(dir);
        float[] expectedInput = expected.get("input").toFloatArray();
        OfficialPreprocessing pre = new OfficialPreprocessing(DecodeOptions.officialParity());
        List<PreprocessedImage> done = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            Path file = images.get(i);
            String name = file.getFileName().toString();
            boolean jpeg = name.endsWith(".jpg");
            RgbImage decoded = ImageDecoder.decode(file, DecodeOptions.officialParity());
            if (jpeg) {
                RgbImage pillow = rgbArray(expected.get("rgb_" + i));
                int diff = decoded.maxAbsDifference(pillow);
                System.out.printf("%s %s: decoded vs rgb_%d max |diff| = %d%n", caseName, name, i, diff);
                assertThat(diff).as("JPEG pixels of %s", name).isLessThanOrEqualTo(1);
            }
            PreprocessedImage result = pre.load(file);
            done.add(result);
            int cropDiff = result.crop().maxAbsDifference(ParityFixtures.image(expected.get("crop_rgb"), i));
            double inputDiff = maxAbs(result.input(), expectedInput, i * PLANE);
            System.out.printf("%s %s: crop_rgb max |diff| = %d, input max |diff| = %g%n",
                    caseName, name, cropDiff, inputDiff);
            assertThat(cropDiff).as("crop_rgb of %s", name).isLessThanOrEqualTo(jpeg ? 1 : 0);
            boolean unresampled = decoded.width() == 224 && decoded.height() == 224;
            assertThat(inputDiff).as("input of %s", name).isLessThanOrEqualTo(unresampled && !jpeg ? 1e-6 : 0.02);
            if (cropDiff == 0) { // identical pixels must give the identical float32 tensor
                assertThat(inputDiff).as("input of %s (pixels identical)", name).isLessThanOrEqualTo(1e-6);
            }
        }
        float[] batch = OfficialPreprocessing.batch(done);
        assertThat(batch).hasSize(expectedInput.length);
        assertThat(maxAbs(batch, expectedInput)).isLessThanOrEqualTo(0.02);
    }

    /** How close javax.imageio gets to Pillow's JPEG pixels (reported; OpenCV is the decoder used). */
    @ParameterizedTest
    @ValueSource(strings = {"body-tiny", "hand-tiny"})
    void reportImageIoJpegDifference(String caseName) throws Exception {
        Path dir = ParityFixtures.caseDir(caseName);
        Map<String, NdArray> expected = ParityFixtures.expected(dir, tempDir);
        List<Path> images = ParityFixtures.images(dir);
        for (int i = 0; i < images.size(); i++) {
            if (!images.get(i).toString().endsWith(".jpg")) {
                continue;
            }
            BufferedImage bi = ImageIO.read(images.get(i).toFile());
            byte[] rgb = new byte[bi.getWidth() * bi.getHeight() * 3];
            for (int y = 0; y < bi.getHeight(); y++) {
                for (int x = 0; x < bi.getWidth(); x++) {
                    int argb = bi.getRGB(x, y);
                    int p = (y * bi.getWidth() + x) * 3;
                    rgb[p] = (byte) (argb >> 16);
                    rgb[p + 1] = (byte) (argb >> 8);
                    rgb[p + 2] = (byte) argb;
                }
            }
            int diff = new RgbImage(bi.getWidth(), bi.getHeight(), rgb)
                    .maxAbsDifference(rgbArray(expected.get("rgb_" + i)));
            System.out.printf("%s %s: javax.imageio vs rgb_%d max |diff| = %d%n", caseName,
                    images.get(i).getFileName(), i, diff);
        }
    }

    private static RgbImage rgbArray(NdArray hw3) {
        return new RgbImage(hw3.dim(1), hw3.dim(0), ParityFixtures.bytes(hw3));
    }

    private static double maxAbs(float[] actual, float[] expected, int offset) {
        double max = 0;
        for (int k = 0; k < actual.length; k++) {
            max = Math.max(max, Math.abs(actual[k] - expected[offset + k]));
        }
        return max;
    }

    private static double maxAbs(float[] a, float[] b) {
        double max = 0;
        for (int k = 0; k < a.length; k++) {
            max = Math.max(max, Math.abs(a[k] - b[k]));
        }
        return max;
    }
}
