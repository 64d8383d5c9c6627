package io.metroscope.ui.reconstruct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metroscope.vision.RgbImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The off-FX-thread live overlay: frame pixels, each mesh edge once, bones and joints, clipped to the frame. */
class WireframeRasterTest {

    private static RgbImage grey(int w, int h) {
        byte[] rgb = new byte[w * h * 3];
        Arrays.fill(rgb, (byte) 40);
        return new RgbImage(w, h, rgb);
    }

    @Test
    void twoTrianglesSharingAnEdgeHaveFiveEdges() {
        assertThat(new WireframeRaster(new int[] {0, 1, 2, 2, 1, 3}).edgeCount()).isEqualTo(5);
    }

    @Test
    void drawsTheFrameThenBlendedEdgesAndOpaqueJoints() {
        int w = 40;
        int h = 30;
        WireframeRaster raster = new WireframeRaster(new int[] {0, 1, 2});
        // A triangle whose bottom edge runs along y = 20.5 from x = 5 to 35; one vertex far outside the frame.
        float[] vertices = {5.5f, 20.5f, 35.5f, 20.5f, 20.5f, -500f};
        float[] joints = {10.5f, 5.5f, 30.5f, 5.5f};
        int[] out = new int[w * h];
        raster.compose(grey(w, h), vertices, joints, new int[] {-1, 0}, out);
        int background = 0xff282828;
        assertThat(out[0]).as("untouched frame pixel").isEqualTo(background);
        int edge = out[20 * w + 20];
        assertThat(edge).as("edge pixel blended towards light blue").isNotEqualTo(background);
        assertThat(edge & 255).isGreaterThan((edge >> 16) & 255);
        assertThat(edge >>> 24).isEqualTo(255);
        assertThat(out[5 * w + 10]).as("joint disc").isEqualTo(0xffffffff);
        assertThat(out[5 * w + 20]).as("bone between the joints").isEqualTo(0xffff7a45);
        assertThat(out[25 * w + 20]).as("below every line").isEqualTo(background);
    }

    @Test
    void refusesABufferSmallerThanTheFrame() {
        WireframeRaster raster = new WireframeRaster(new int[] {0, 1, 2});
        assertThatThrownBy(() -> raster.compose(grey(4, 4), null, null, new int[0], new int[15]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 pixels");
    }

    @Test
    void overATransparentLayerTheWireframeKeepsItsOwnColourAndCoverage() {
        int[] layer = new int[16];
        int once = WireframeRaster.blend(layer[0], 0x78c8ff, 90);
        assertThat(once >>> 24).as("alpha of one stroke").isEqualTo(90);
        assertThat(once & 0xffffff).as("colour of one stroke").isEqualTo(0x78c8ff);
        int twice = WireframeRaster.blend(once, 0x78c8ff, 90);
        assertThat(twice >>> 24).as("two strokes cover more").isGreaterThan(90).isLessThan(255);
        assertThat(twice & 0xffffff).isEqualTo(0x78c8ff);
        assertThat(WireframeRaster.blend(0xff000000, 0xffffff, 255)).isEqualTo(0xffffffff);
    }

    @Test
    void overAnOpaquePixelEveryChannelIsTheExactWeightedMeanRoundedDown() {
        // The fast path blends red and blue in one int; every channel value pair and several alphas are checked
        // against (under × (255 − alpha) + colour × alpha) / 255.
        for (int alpha : new int[] {0, 1, 90, 128, 254, 255}) {
            for (int u = 0; u < 256; u++) {
                for (int c = 0; c < 256; c++) {
                    int under = 0xff000000 | u << 16 | c << 8 | (255 - u);
                    int colour = c << 16 | u << 8 | (255 - c);
                    int expected = 0xff000000 | mix(u, c, alpha) << 16 | mix(c, u, alpha) << 8
                            | mix(255 - u, 255 - c, alpha);
                    if (WireframeRaster.blend(under, colour, alpha) != expected) {
                        assertThat(Integer.toHexString(WireframeRaster.blend(under, colour, alpha)))
                                .as("under %06x, colour %06x, alpha %d", under & 0xffffff, colour, alpha)
                                .isEqualTo(Integer.toHexString(expected));
                    }
                }
            }
        }
    }

    private static int mix(int under, int colour, int alpha) {
        return (under * (255 - alpha) + colour * alpha) / 255;
    }
}
