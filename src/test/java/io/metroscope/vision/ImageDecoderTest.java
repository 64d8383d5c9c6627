package io.metroscope.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metroscope.format.FormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/** {@link ImageDecoder} on generated images: Pillow's {@code convert('RGB')} semantics and clear errors. */
class ImageDecoderTest {

    private static final DecodeOptions PARITY = DecodeOptions.officialParity();
    private static final DecodeOptions USERS = DecodeOptions.forUsers();

    @TempDir
    Path dir;

    @Test
    void greyIsReplicated() throws Exception {
        int[] grey = {0, 17, 128, 255, 3, 99};
        RgbImage img = decode(TestPngs.png(3, 2, 0, 8, grey, null, null), PARITY);
        assertThat(img.width()).isEqualTo(3);
        assertThat(img.height()).isEqualTo(2);
        for (int p = 0; p < grey.length; p++) {
            assertThat(img.get(p % 3, p / 3, 0)).isEqualTo(grey[p]);
            assertThat(img.get(p % 3, p / 3, 1)).isEqualTo(grey[p]);
            assertThat(img.get(p % 3, p / 3, 2)).isEqualTo(grey[p]);
        }
    }

    @Test
    void rgbaDropsAlphaWithoutCompositing() throws Exception {
        int[] rgba = {10, 20, 30, 0, 200, 100, 50, 128, 1, 2, 3, 255, 250, 251, 252, 7};
        RgbImage img = decode(TestPngs.png(2, 2, 6, 8, rgba, null, null), PARITY);
        assertThat(img.rgb()).containsExactly(bytes(10, 20, 30, 200, 100, 50, 1, 2, 3, 250, 251, 252));
    }

    @Test
    void greyAlphaDropsAlpha() throws Exception {
        RgbImage img = decode(TestPngs.png(2, 1, 4, 8, new int[] {40, 0, 220, 255}, null, null), PARITY);
        assertThat(img.rgb()).containsExactly(bytes(40, 40, 40, 220, 220, 220));
    }

    @Test
    void paletteIsExpandedAndItsTransparencyIgnored() throws Exception {
        byte[] plte = bytes(255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 8, 7);
        byte[] trns = bytes(0, 128); // entries 0 and 1 transparent-ish: convert('RGB') ignores it
        RgbImage img = decode(TestPngs.png(4, 1, 3, 8, new int[] {3, 0, 1, 2}, plte, trns), PARITY);
        assertThat(img.rgb()).containsExactly(bytes(9, 8, 7, 255, 0, 0, 0, 255, 0, 0, 0, 255));
    }

    @Test
    void sixteenBitGreyClipsLikePillowForParityAndKeepsTheHighByteForUsers() throws Exception {
        int[] v = {0, 100, 255, 256, 1000, 65535};
        byte[] png = TestPngs.png(6, 1, 0, 16, v, null, null);
        RgbImage pillow = decode(png, PARITY);
        RgbImage users = decode(png, USERS);
        for (int i = 0; i < v.length; i++) {
            // Pillow 9.4: mode I, convert('RGB') clips (checked: [0 100 255 255 255 255]).
            assertThat(pillow.get(i, 0, 0)).isEqualTo(Math.min(v[i], 255));
            assertThat(pillow.get(i, 0, 2)).isEqualTo(Math.min(v[i], 255));
            assertThat(users.get(i, 0, 1)).isEqualTo(v[i] >> 8);
        }
    }

    @Test
    void sixteenBitColourKeepsTheHighByteLikePillow() throws Exception {
        // Pillow 9.4 gives [[18 255 0] [0 0 0]] for RGB;16B and [[18 18 18] [254 254 254]] for LA;16B.
        RgbImage rgb = decode(TestPngs.png(2, 1, 2, 16, new int[] {0x1234, 0xFF00, 0x00FF, 0, 0, 0}, null, null),
                PARITY);
        assertThat(rgb.rgb()).containsExactly(bytes(18, 255, 0, 0, 0, 0));
        RgbImage la = decode(TestPngs.png(2, 1, 4, 16, new int[] {0x1280, 0x8000, 0xFE7F, 0x0001}, null, null),
                PARITY);
        assertThat(la.rgb()).containsExactly(bytes(18, 18, 18, 254, 254, 254));
    }

    @Test
    void cmykJpegMatchesPillowExactly() throws Exception {
        var expectations = PillowExpectations.load();
        byte[] jpeg = expectations.get("file.cmyk.jpg").bytes();
        RgbImage img = ImageDecoder.decode(jpeg, Path.of("cmyk.jpg"), PARITY);
        int diff = img.maxAbsDifference(expectations.get("decoded.cmyk.jpg").image());
        System.out.println("CMYK JPEG vs Pillow convert('RGB'): max |diff| = " + diff);
        assertThat(diff).isZero();
    }

    @Test
    void rgbAndGreyJpegsMatchPillowExactly() throws Exception {
        var expectations = PillowExpectations.load();
        for (String key : new String[] {"rgb420p", "rgb422", "rgb444", "grey"}) {
            byte[] jpeg = expectations.get("file." + key + ".jpg").bytes();
            RgbImage pillow = expectations.get("decoded." + key + ".jpg").image();
            RgbImage img = ImageDecoder.decode(jpeg, Path.of(key + ".jpg"), PARITY);
            int diff = img.maxAbsDifference(pillow);
            java.awt.image.BufferedImage bi = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
            int imageIo = -1;
            if (bi != null) {
                byte[] rgb = new byte[bi.getWidth() * bi.getHeight() * 3];
                for (int p = 0; p < rgb.length / 3; p++) {
                    int argb = bi.getRGB(p % bi.getWidth(), p / bi.getWidth());
                    rgb[p * 3] = (byte) (argb >> 16);
                    rgb[p * 3 + 1] = (byte) (argb >> 8);
                    rgb[p * 3 + 2] = (byte) argb;
                }
                imageIo = new RgbImage(bi.getWidth(), bi.getHeight(), rgb).maxAbsDifference(pillow);
            }
            System.out.printf("%s JPEG vs Pillow: OpenCV max |diff| = %d, javax.imageio = %d%n", key, diff, imageIo);
            assertThat(diff).as(key).isZero();
        }
    }

    @Test
    void exifOrientationIsAppliedForUsersOnlyAndMatchesOpenCv() throws Exception {
        OpenCvRuntime.load();
        // 32x16, left half red, right half blue, top-left 8x8 block green: asymmetric under every flip.
        Mat bgr = new Mat(16, 32, CvType.CV_8UC3);
        byte[] px = new byte[16 * 32 * 3];
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) {
                int p = (y * 32 + x) * 3;
                boolean green = x < 8 && y < 8;
                px[p] = (byte) (green ? 0 : x < 16 ? 0 : 255);
                px[p + 1] = (byte) (green ? 255 : 0);
                px[p + 2] = (byte) (green ? 0 : x < 16 ? 255 : 0);
            }
        }
        bgr.put(0, 0, px);
        MatOfByte enc = new MatOfByte();
        Imgcodecs.imencode(".jpg", bgr, enc, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 100));
        byte[] plain = enc.toArray();
        RgbImage upright = ImageDecoder.decode(plain, null, PARITY);
        for (int orientation = 1; orientation <= 8; orientation++) {
            byte[] withExif = insertExifOrientation(plain, orientation);
            RgbImage parity = ImageDecoder.decode(withExif, null, PARITY);
            RgbImage users = ImageDecoder.decode(withExif, null, USERS);
            assertThat(parity.samePixels(upright)).as("parity ignores orientation %d", orientation).isTrue();
            Mat cv = Imgcodecs.imdecode(new MatOfByte(withExif), Imgcodecs.IMREAD_COLOR); // applies EXIF
            assertThat(users.samePixels(bgrToRgb(cv))).as("orientation %d like OpenCV", orientation).isTrue();
        }
        // Orientation 6 = rotate 90° clockwise: 16 wide, 32 high, green block now at the top right.
        RgbImage rotated = ImageDecoder.decode(insertExifOrientation(plain, 6), null, USERS);
        assertThat(rotated.width()).isEqualTo(16);
        assertThat(rotated.height()).isEqualTo(32);
        assertThat(rotated.get(12, 3, 1)).isGreaterThan(200);
        assertThat(rotated.get(3, 3, 1)).isLessThan(50);
    }

    @Test
    void notAnImageNamesTheFileAndTheFix() throws Exception {
        Path txt = dir.resolve("notes.png");
        Files.writeString(txt, "this is not an image\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ImageDecoder.decode(txt))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("notes.png")
                .hasMessageContaining("not an image")
                .hasMessageContaining("Fix:");
        Path empty = Files.write(dir.resolve("empty.jpg"), new byte[0]);
        assertThatThrownBy(() -> ImageDecoder.decode(empty)).hasMessageContaining("empty.jpg")
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> ImageDecoder.decode(dir.resolve("missing.png")))
                .isInstanceOf(FormatException.class).hasMessageContaining("missing.png")
                .hasMessageContaining("no such file");
    }

    @Test
    void truncatedFilesAreReportedNotDecodedAsGrey() throws Exception {
        OpenCvRuntime.load();
        Mat bgr = new Mat(64, 64, CvType.CV_8UC3, new org.opencv.core.Scalar(10, 200, 30));
        MatOfByte enc = new MatOfByte();
        Imgcodecs.imencode(".jpg", bgr, enc);
        byte[] jpeg = enc.toArray();
        Path cut = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length * 2 / 3));
        assertThatThrownBy(() -> ImageDecoder.decode(cut))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("cut.jpg")
                .hasMessageContaining("truncated")
                .hasMessageContaining("Fix:");
        byte[] png = TestPngs.png(2, 2, 0, 8, new int[] {1, 2, 3, 4}, null, null);
        Path cutPng = Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, png.length - 20));
        assertThatThrownBy(() -> ImageDecoder.decode(cutPng)).isInstanceOf(FormatException.class)
                .hasMessageContaining("cut.png").hasMessageContaining("truncated");
        // Complete structure, garbage inside: the codec's failure is reported as damage.
        byte[] broken = png.clone();
        for (int i = 45; i < broken.length - 20; i++) {
            broken[i] = (byte) 0x5A;
        }
        Path bad = Files.write(dir.resolve("bad.png"), broken);
        assertThatThrownBy(() -> ImageDecoder.decode(bad)).isInstanceOf(FormatException.class)
                .hasMessageContaining("bad.png").hasMessageContaining("Fix:");
    }

    private RgbImage decode(byte[] file, DecodeOptions options) throws Exception {
        return ImageDecoder.decode(Files.write(dir.resolve("img.png"), file), options);
    }

    private static RgbImage bgrToRgb(Mat m) {
        byte[] b = new byte[m.rows() * m.cols() * 3];
        m.get(0, 0, b);
        for (int i = 0; i < b.length; i += 3) {
            byte t = b[i];
            b[i] = b[i + 2];
            b[i + 2] = t;
        }
        return new RgbImage(m.cols(), m.rows(), b);
    }

    /** Inserts an APP1 Exif segment (big-endian TIFF, one IFD entry: Orientation) right after SOI. */
    static byte[] insertExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {
            'M', 'M', 0, 42, 0, 0, 0, 8, // header, IFD0 at offset 8
            0, 1, // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // Orientation, SHORT, count 1
            0, 0, 0, 0 // no next IFD
        };
        byte[] exifHeader = {'E', 'x', 'i', 'f', 0, 0};
        int len = 2 + exifHeader.length + tiff.length;
        byte[] out = new byte[jpeg.length + 2 + len];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xD8;
        out[2] = (byte) 0xFF;
        out[3] = (byte) 0xE1;
        out[4] = (byte) (len >> 8);
        out[5] = (byte) len;
        System.arraycopy(exifHeader, 0, out, 6, exifHeader.length);
        System.arraycopy(tiff, 0, out, 6 + exifHeader.length, tiff.length);
        System.arraycopy(jpeg, 2, out, 4 + len, jpeg.length - 2);
        return out;
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }
}
