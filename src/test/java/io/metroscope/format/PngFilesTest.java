package io.metroscope.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PNG figures state their resolution in the pHYs chunk, and are rendered larger for higher DPI. */
class PngFilesTest {

    @TempDir
    Path dir;

    @Test
    void everyDpiChoiceIsWrittenIntoThePhysChunkInPixelsPerMetre() throws IOException {
        BufferedImage img = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 4, 0xff8800);
        long[] expectedPerMetre = {2835, 5906, 11811, 23622};
        for (int i = 0; i < PngFiles.DPI_CHOICES.size(); i++) {
            int dpi = PngFiles.DPI_CHOICES.get(i);
            Path file = dir.resolve("fig_" + dpi + ".png");
            PngFiles.write(img, file, dpi);
            long[] phys = physChunk(file);
            assertThat(phys).as("%d DPI: x, y pixels per unit, unit (1 = metre)", dpi)
                    .containsExactly(expectedPerMetre[i], expectedPerMetre[i], 1);
            assertThat(PngFiles.readDpi(file)).hasValue(dpi);
            BufferedImage back = ImageIO.read(file.toFile());
            assertThat(back.getWidth()).isEqualTo(40);
            assertThat(back.getRGB(3, 4) & 0xffffff).isEqualTo(0xff8800);
        }
    }

    @Test
    void higherDpiRendersProportionallyLarger() {
        BufferedImage img = new BufferedImage(72, 36, BufferedImage.TYPE_INT_RGB);
        assertThat(PngFiles.scaled(img, PngFiles.scaleFor(72))).isSameAs(img);
        BufferedImage big = PngFiles.scaled(img, PngFiles.scaleFor(300));
        assertThat(big.getWidth()).isEqualTo(300);
        assertThat(big.getHeight()).isEqualTo(150);
    }

    @Test
    void aFileWithoutPhysHasNoDpiAndANonPngIsNamed() throws IOException {
        Path plain = dir.resolve("plain.png");
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", plain.toFile());
        assertThat(PngFiles.readDpi(plain)).isEmpty();
        Path text = Files.writeString(dir.resolve("not.png"), "hello, not a png");
        assertThatThrownBy(() -> PngFiles.readDpi(text)).isInstanceOf(FormatException.class)
                .hasMessageContaining("not.png").hasMessageContaining("not a PNG");
        assertThatThrownBy(() -> PngFiles.write(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), plain, 0))
                .hasMessageContaining("DPI must be positive");
    }

    /** The pHYs chunk's three fields, read straight from the file's chunks. */
    private static long[] physChunk(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            in.skipNBytes(8);
            while (true) {
                int length = in.readInt();
                String type = new String(in.readNBytes(4), java.nio.charset.StandardCharsets.US_ASCII);
                if (type.equals("pHYs")) {
                    assertThat(length).isEqualTo(9);
                    return new long[] {in.readInt() & 0xffffffffL, in.readInt() & 0xffffffffL, in.readUnsignedByte()};
                }
                if (type.equals("IEND")) {
                    throw new AssertionError("no pHYs chunk in " + file);
                }
                in.skipNBytes(length + 4L);
            }
        }
    }
}
