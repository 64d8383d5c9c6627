package io.metroscope.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The SVG writer's output parses as XML and carries the shapes, text and embedded PNG it was given. */
class SvgDocumentTest {

    @TempDir
    Path dir;

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    @Test
    void writesShapesTextAndAnEmbeddedPngThatParse() throws Exception {
        BufferedImage raster = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        raster.setRGB(2, 1, 0x12ab34);
        SvgDocument svg = new SvgDocument(200, 100.5)
                .rect(1, 2, 3.25, 4, 0xff0000, 1)
                .circle(10, 20, 2.5, 0x00ff00, 0.4)
                .line(0, 0, 50, 60, 0xffff00, 1, 0.125)
                .text(5, 6, "R_Elbow → vertex_12 <&> \"q\"", 11, 0x202020, SvgDocument.Anchor.END)
                .text(5, 6, "turned", 11, 0x202020, SvgDocument.Anchor.START, 90)
                .gradientBar(0, 90, 100, 8, new int[] {0x000000, 0x808080, 0xffffff})
                .image(100, 0, 30, 20, raster, 0.45);
        Path file = dir.resolve("fig.svg");
        svg.write(file);

        Document doc = parse(file);
        Element root = doc.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(root.getAttribute("width")).isEqualTo("200");
        assertThat(root.getAttribute("height")).isEqualTo("100.5");
        assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 200 100.5");

        Element rect = (Element) doc.getElementsByTagName("rect").item(0);
        assertThat(rect.getAttribute("width")).isEqualTo("3.25");
        assertThat(rect.getAttribute("fill")).isEqualTo("#ff0000");
        assertThat(rect.hasAttribute("fill-opacity")).as("opaque: no opacity attribute").isFalse();
        Element circle = (Element) doc.getElementsByTagName("circle").item(0);
        assertThat(circle.getAttribute("fill-opacity")).isEqualTo("0.4");
        Element line = (Element) doc.getElementsByTagName("line").item(0);
        assertThat(line.getAttribute("stroke-opacity")).isEqualTo("0.125");
        assertThat(line.getAttribute("y2")).isEqualTo("60");

        Element text = (Element) doc.getElementsByTagName("text").item(0);
        assertThat(text.getTextContent()).isEqualTo("R_Elbow → vertex_12 <&> \"q\"");
        assertThat(text.getAttribute("text-anchor")).isEqualTo("end");
        Element turned = (Element) doc.getElementsByTagName("text").item(1);
        assertThat(turned.getAttribute("transform")).isEqualTo("rotate(90,5,6)");

        assertThat(doc.getElementsByTagName("stop").getLength()).isEqualTo(3);
        Element stop = (Element) doc.getElementsByTagName("stop").item(1);
        assertThat(stop.getAttribute("offset")).isEqualTo("0.5");
        assertThat(stop.getAttribute("stop-color")).isEqualTo("#808080");

        Element image = (Element) doc.getElementsByTagName("image").item(0);
        String href = image.getAttributeNS("http://www.w3.org/1999/xlink", "href");
        assertThat(href).startsWith("data:image/png;base64,");
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(href.substring("data:image/png;base64,".length()))));
        assertThat(back.getWidth()).isEqualTo(3);
        assertThat(back.getRGB(2, 1) & 0xffffff).isEqualTo(0x12ab34);
        assertThat(image.getAttribute("opacity")).isEqualTo("0.45");
    }

    @Test
    void refusesSizesAndCoordinatesSvgCannotHold() {
        assertThatThrownBy(() -> new SvgDocument(0, 10)).isInstanceOf(IllegalArgumentException.class);
        SvgDocument svg = new SvgDocument(10, 10);
        assertThatThrownBy(() -> svg.circle(Double.NaN, 0, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
        assertThat(SvgDocument.n(-0.0001)).isEqualTo("0");
        assertThat(SvgDocument.n(1e-7)).isEqualTo("0");
        assertThat(SvgDocument.n(12345678.5)).isEqualTo("12345678.5");
    }
}
