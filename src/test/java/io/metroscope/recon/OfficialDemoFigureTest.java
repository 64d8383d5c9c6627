package io.metroscope.recon;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.model.MeshKind;
import io.metroscope.vision.CropTransform;
import io.metroscope.vision.RgbImage;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The official demo figure's rays panel, raster and SVG, on a reconstruction whose geometry is known. */
class OfficialDemoFigureTest {

    private static final int S = 224;
    private static final int[] FACES = {0, 1, 2};
    /** Two joint tokens, then three coarse vertices with min–max scaled attention 0, ½ and 1. */
    private static final double[] ROW = {0.3, 0.3, 0.2, 0.5, 0.8};

    /**
     * Joint 0 at panel pixel (56, 112); the coarse vertices at (168, 56), (168, 168) and (168, 112); the mesh a
     * small triangle in the bottom-right corner, away from every ray.
     */
    private static Reconstruction known() {
        float[] joints2d = {-0.5f, 0f, 0.2f, 0.2f};
        float[] coarse2d = {0.5f, -0.5f, 0.5f, 0.5f, 0.5f, 0f};
        float[] triangle = {0.85f, 0.85f, 0f, 0.95f, 0.85f, 0f, 0.9f, 0.95f, 0f};
        return new Reconstruction("known", new CropTransform(0, 0, 1, 1, S, S), "test", MeshKind.HAND,
                new float[] {1, 0, 0}, new float[6], new float[9], new float[0], triangle, new float[3], triangle,
                new float[6], joints2d, coarse2d, new float[0], 0, 0, 0, new double[0],
                new Reconstruction.Timings(1, 1, 1));
    }

    private static RgbImage black() {
        return new RgbImage(S, S, new byte[S * S * 3]);
    }

    @Test
    void raysAreAsOpaqueAsTheirAttentionAndZeroAttentionDrawsNone() {
        BufferedImage figure = OfficialDemoFigure.compose(known(), black(), FACES, ROW, 0);

        assertThat(figure.getWidth()).isEqualTo(3 * S);
        assertThat(figure.getHeight()).isEqualTo(S);
        int strongest = figure.getRGB(S + 112, 112); // halfway to the vertex of attention 1
        int half = figure.getRGB(S + 112, 140); // halfway to the vertex of attention ½
        int none = figure.getRGB(S + 112, 84); // halfway to the vertex of attention 0
        assertThat(red(strongest)).isGreaterThan(200);
        assertThat(green(strongest)).isGreaterThan(200);
        assertThat(blue(strongest)).isLessThan(60);
        assertThat(red(half)).isBetween(70, 190);
        assertThat(blue(half)).isLessThan(60);
        assertThat(red(none)).isLessThan(30);
        int dot = figure.getRGB(S + 168, 56); // antialiased: grey-white where the 2-pixel dot covers a part
        assertThat(List.of(red(dot), green(dot), blue(dot))).as("every coarse vertex gets a white dot")
                .allSatisfy(c -> assertThat(c).isGreaterThan(150));
    }

    @Test
    void theSvgPanelHasOneVectorRayPerAttendedVertexAndADotPerVertex() {
        String svg = OfficialDemoFigure.composeSvg(known(), black(), FACES, ROW, 0, "wrist").toString();

        List<String> lines = Pattern.compile("<line [^>]*/>").matcher(svg).results().map(m -> m.group()).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("x1=\"56\" y1=\"112\" x2=\"168\" y2=\"168\"")
                .contains("stroke-opacity=\"0.5\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("x2=\"168\" y2=\"112\"")
                .doesNotContain("stroke-opacity"));
        assertThat(Pattern.compile("<circle ").matcher(svg).results().count()).isEqualTo(3);
        assertThat(svg).contains("attention of wrist");
    }

    @Test
    void theGridHasOnePanelPerJointEachWithItsOwnRow() {
        int tokens = 5;
        double[] combined = new double[tokens * tokens];
        System.arraycopy(ROW, 0, combined, 0, tokens);
        // Joint 1 attends only to the first vertex.
        System.arraycopy(new double[] {0, 0, 1, 0, 0}, 0, combined, tokens, tokens);

        BufferedImage grid = OfficialDemoFigure.grid(known(), black(), FACES, combined, new int[] {0, 1});

        assertThat(grid.getWidth()).isEqualTo(3 * S);
        assertThat(red(grid.getRGB(S + 112, 112))).as("joint 0's strongest ray").isGreaterThan(200);
        // Joint 1 sits at (134, 134); its one ray runs to (168, 56), so (151, 95) is on it, (151, 123) is not.
        assertThat(red(grid.getRGB(2 * S + 151, 95))).isGreaterThan(150);
        assertThat(red(grid.getRGB(2 * S + 151, 123))).isLessThan(30);
    }

    private static int red(int argb) {
        return (argb >> 16) & 255;
    }

    private static int green(int argb) {
        return (argb >> 8) & 255;
    }

    private static int blue(int argb) {
        return argb & 255;
    }
}
