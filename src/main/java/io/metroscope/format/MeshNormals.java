package io.metroscope.format;

/** Vertex normals from triangle geometry. */
public final class MeshNormals {
    private MeshNormals() {
    }

    /**
     * Area-weighted vertex normals: each face adds its unnormalised cross product (twice its area) to its three
     * corners, so large faces dominate and slivers barely count. Vertices touching no face with area get (0,0,0).
     */
    public static float[] areaWeighted(float[] positions, int[] triangles) {
        // Accumulate in double: thousands of faces meeting at a vertex would lose float precision.
        double[] acc = new double[positions.length];
        for (int t = 0; t < triangles.length; t += 3) {
            int a = 3 * triangles[t];
            int b = 3 * triangles[t + 1];
            int c = 3 * triangles[t + 2];
            double e1x = positions[b] - positions[a];
            double e1y = positions[b + 1] - positions[a + 1];
            double e1z = positions[b + 2] - positions[a + 2];
            double e2x = positions[c] - positions[a];
            double e2y = positions[c + 1] - positions[a + 1];
            double e2z = positions[c + 2] - positions[a + 2];
            double nx = e1y * e2z - e1z * e2y;
            double ny = e1z * e2x - e1x * e2z;
            double nz = e1x * e2y - e1y * e2x;
            add(acc, a, nx, ny, nz);
            add(acc, b, nx, ny, nz);
            add(acc, c, nx, ny, nz);
        }
        float[] normals = new float[positions.length];
        for (int i = 0; i < acc.length; i += 3) {
            double len = Math.sqrt(acc[i] * acc[i] + acc[i + 1] * acc[i + 1] + acc[i + 2] * acc[i + 2]);
            if (len > 0) {
                normals[i] = (float) (acc[i] / len);
                normals[i + 1] = (float) (acc[i + 1] / len);
                normals[i + 2] = (float) (acc[i + 2] / len);
            }
        }
        return normals;
    }

    private static void add(double[] acc, int i, double x, double y, double z) {
        acc[i] += x;
        acc[i + 1] += y;
        acc[i + 2] += z;
    }
}
