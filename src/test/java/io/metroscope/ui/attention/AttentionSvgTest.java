package io.metroscope.ui.attention;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.ui.mesh.ColorMap;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The matrix and splat figures as SVG: one vector cell per matrix entry, labels, a legend; parsed back. */
class AttentionSvgTest {

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void matrixCellsCarryTheColourOfTheirRowScaledValue() throws Exception {
        // 2 joints × 3 tokens; row 0's maximum is 0.4, row 1's is 2.
        double[] m = {0.1, 0.4, 0.2, 2, 0, 1};
        String svg = AttentionSvg.matrix(m, 2, 3, List.of("A", "B"), List.of("A", "B", "vertex_0"),
                ColorMap.INFERNO, "Joints × joints · layer 2/4").toString();
        Document doc = parse(svg);
        NodeList rects = doc.getElementsByTagName("rect");
        // background + 6 cells + legend bar
        assertThat(rects.getLength()).isEqualTo(1 + 6 + 1);
        Element cell01 = (Element) rects.item(1 + 1);
        assertThat(cell01.getAttribute("fill")).isEqualTo(hex(ColorMap.INFERNO.at(1.0)));
        Element cell00 = (Element) rects.item(1);
        assertThat(cell00.getAttribute("fill")).isEqualTo(hex(ColorMap.INFERNO.at(0.25)));
        Element cell12 = (Element) rects.item(1 + 5);
        assertThat(cell12.getAttribute("fill")).isEqualTo(hex(ColorMap.INFERNO.at(0.5)));
        NodeList texts = doc.getElementsByTagName("text");
        List<String> words = new java.util.ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            words.add(texts.item(i).getTextContent());
        }
        assertThat(words).contains("Joints × joints · layer 2/4", "A", "B", "vertex_0", "0", "row max");
    }

    @Test
    void splatsAreOneCircleEachOverTheEmbeddedImage() throws Exception {
        var image = new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
        float[] coarse = {10, 10, 20, 30, 40, 5};
        float[] values = {0, 1, 0.5f};
        float[] joints = {32, 24};
        Document doc = parse(AttentionSvg.splats(image, coarse, values, joints, 0, ColorMap.VIRIDIS, "t", "0.001",
                "0.02").toString());
        NodeList circles = doc.getElementsByTagName("circle");
        assertThat(circles.getLength()).isEqualTo(3 + 1);
        // Drawn weakest first: the strongest (vertex 1 at 20,30) is the last splat.
        Element strongest = (Element) circles.item(2);
        assertThat(strongest.getAttribute("cx")).isEqualTo("20");
        assertThat(strongest.getAttribute("fill")).isEqualTo(hex(ColorMap.VIRIDIS.at(1)));
        assertThat(strongest.hasAttribute("fill-opacity")).isFalse();
        assertThat(doc.getElementsByTagName("image").getLength()).isEqualTo(1);
    }

    private static String hex(javafx.scene.paint.Color c) {
        return String.format("#%06x", AttentionSvg.rgb(c));
    }
}
