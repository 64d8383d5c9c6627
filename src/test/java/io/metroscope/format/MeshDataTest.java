package io.metroscope.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MeshDataTest {

    @Test
    void countsAndBounds() {
        MeshData cube = MeshFixtures.cube();
        assertThat(cube.vertexCount()).isEqualTo(8);
        assertThat(cube.faceCount()).isEqualTo(12);
        assertThat(cube.hasColors()).isFalse();
        assertThat(cube.hasNormals()).isFalse();
        assertThat(cube.bounds()).isEqualTo(new MeshData.Bounds(0, 0, 0, 1, 1, 1));
        assertThat(cube.bounds().size()).isEqualTo(1f);
    }

    @Test
    void rejectsInvalidArrays() {
        assertThatThrownBy(() -> MeshData.of(new float[4], new int[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of 3");
        assertThatThrownBy(() -> MeshData.of(new float[9], new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of 3");
        assertThatThrownBy(() -> MeshData.of(new float[9], new int[] {0, 1, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vertex 3");
        assertThatThrownBy(() -> MeshData.of(new float[9], new int[] {0, -1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MeshData.of(new float[] {0, Float.NaN, 0}, new int[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> MeshFixtures.cube().withColors(new float[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colors length");
        assertThatThrownBy(() -> MeshFixtures.cube().withUniformColor(0.5f, 1.5f, 0f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..1");
        assertThatThrownBy(() -> MeshFixtures.cube().withNormals(new float[6]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("normals length");
    }

    @Test
    void emptyMeshHasNoBounds() {
        MeshData empty = MeshData.of(new float[0], new int[0]);
        assertThat(empty.vertexCount()).isZero();
        assertThatThrownBy(empty::bounds).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withersKeepOtherParts() {
        MeshData cube = MeshFixtures.cube().withUniformColor(1f, 0.5f, 0f);
        assertThat(cube.hasColors()).isTrue();
        assertThat(cube.colors()).startsWith(1f, 0.5f, 0f, 1f, 0.5f, 0f);
        MeshData lit = cube.withComputedNormals();
        assertThat(lit.colors()).isSameAs(cube.colors());
        assertThat(lit.hasNormals()).isTrue();
        assertThat(lit.withColors(null).hasColors()).isFalse();
        assertThat(lit).isEqualTo(cube.withComputedNormals()).hasSameHashCodeAs(cube.withComputedNormals());
        assertThat(lit.toString()).contains("8 vertices", "12 triangles", "normals", "colours");
    }

    @Test
    void cubeCornerNormalsPointOutwardDiagonally() {
        float[] n = MeshFixtures.cube().withComputedNormals().normals();
        // Vertex 6 = (1,1,1): each of its three faces contributes equal area, so the normal is the diagonal.
        float d = (float) (1 / Math.sqrt(3));
        assertThat(n[18]).isCloseTo(d, within(1e-6f));
        assertThat(n[19]).isCloseTo(d, within(1e-6f));
        assertThat(n[20]).isCloseTo(d, within(1e-6f));
        // Vertex 0 = origin: the opposite diagonal.
        assertThat(n[0]).isCloseTo(-d, within(1e-6f));
    }

    @Test
    void normalsAreAreaWeighted() {
        // Two triangles share vertex 0: a big one in the xy-plane (normal +z), a small one in xz (normal -y).
        float[] p = {0, 0, 0, 10, 0, 0, 0, 10, 0, 1, 0, 0, 0, 0, 1};
        int[] t = {0, 1, 2, 0, 3, 4};
        float[] n = MeshNormals.areaWeighted(p, t);
        // Cross products: (0,0,100) and (0,-1,0); weighted sum normalised.
        double len = Math.sqrt(100 * 100 + 1);
        assertThat(n[0]).isZero();
        assertThat(n[1]).isCloseTo((float) (-1 / len), within(1e-6f));
        assertThat(n[2]).isCloseTo((float) (100 / len), within(1e-6f));
        // Vertex 1 only touches the big face.
        assertThat(new float[] {n[3], n[4], n[5]}).containsExactly(0f, 0f, 1f);
    }

    @Test
    void isolatedVertexGetsZeroNormal() {
        float[] n = MeshNormals.areaWeighted(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0, 5, 5, 5}, new int[] {0, 1, 2});
        assertThat(new float[] {n[9], n[10], n[11]}).containsExactly(0f, 0f, 0f);
    }
}
