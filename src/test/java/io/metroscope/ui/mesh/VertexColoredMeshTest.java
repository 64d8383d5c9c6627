package io.metroscope.ui.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javafx.scene.paint.Color;
import javafx.scene.shape.TriangleMesh;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

@ExtendWith(ApplicationExtension.class)
class VertexColoredMeshTest {

    private final float[] tri = {0, 0, 0, 1, 0, 0, 0, 1, 0};

    @Test
    void scalarsBecomeTexelCentresOfThePalette() {
        VertexColoredMesh m = new VertexColoredMesh();
        m.setGeometry(tri, new int[] {0, 1, 2});
        m.setScalars(new float[] {0f, 1f, Float.NaN});
        float[] uv = ((TriangleMesh) m.getMesh()).getTexCoords().toArray(null);
        assertThat(uv[0]).isEqualTo(0.5f / 256);
        assertThat(uv[2]).isEqualTo(255.5f / 256);
        assertThat(uv[4]).isEqualTo(0.5f / 256);
        assertThat(((TriangleMesh) m.getMesh()).getFaces().toArray(null)).containsExactly(0, 0, 1, 1, 2, 2);
    }

    @Test
    void positionsUpdateInPlaceAndMustKeepTheTopology() {
        VertexColoredMesh m = new VertexColoredMesh();
        m.setGeometry(tri, new int[] {0, 1, 2});
        m.setPositions(new float[] {1, 1, 1, 2, 2, 2, 3, 3, 3});
        assertThat(m.positions()).containsExactly(1, 1, 1, 2, 2, 2, 3, 3, 3);
        assertThatThrownBy(() -> m.setPositions(new float[6])).hasMessageContaining("expected 3 vertices, got 2");
        assertThatThrownBy(() -> m.setScalars(new float[2])).hasMessageContaining("expected 3 values");
    }

    @Test
    void colorMapsRunFromTheirFirstToTheirLastKey() {
        assertThat(ColorMap.VIRIDIS.at(0).getBlue()).isGreaterThan(ColorMap.VIRIDIS.at(0).getGreen());
        assertThat(ColorMap.VIRIDIS.at(1).getRed()).isGreaterThan(0.9);
        assertThat(ColorMap.OFFICIAL_YELLOW.at(0)).isEqualTo(Color.WHITE);
        assertThat(ColorMap.INFERNO.at(-3)).isEqualTo(ColorMap.INFERNO.at(0));
        assertThat(VertexColoredMesh.palette(ColorMap.VIRIDIS).getWidth()).isEqualTo(256);
    }
}
