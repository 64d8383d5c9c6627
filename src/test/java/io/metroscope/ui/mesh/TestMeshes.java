package io.metroscope.ui.mesh;

/** Procedural meshes for the viewer tests. */
final class TestMeshes {

    private TestMeshes() {
    }

    /** A UV sphere of radius r centred at the origin: positions then triangles. */
    static Object[] sphere(double r, int rings, int segments) {
        float[] p = new float[(rings + 1) * (segments + 1) * 3];
        int k = 0;
        for (int i = 0; i <= rings; i++) {
            double theta = Math.PI * i / rings;
            for (int j = 0; j <= segments; j++) {
                double phi = 2 * Math.PI * j / segments;
                p[k++] = (float) (r * Math.sin(theta) * Math.cos(phi));
                p[k++] = (float) (-r * Math.cos(theta));
                p[k++] = (float) (r * Math.sin(theta) * Math.sin(phi));
            }
        }
        int[] t = new int[rings * segments * 6];
        k = 0;
        for (int i = 0; i < rings; i++) {
            for (int j = 0; j < segments; j++) {
                int a = i * (segments + 1) + j;
                int b = a + segments + 1;
                t[k++] = a;
                t[k++] = b;
                t[k++] = a + 1;
                t[k++] = a + 1;
                t[k++] = b;
                t[k++] = b + 1;
            }
        }
        return new Object[] {p, t};
    }
}
