package io.metroscope.format;

import java.util.Arrays;
import java.util.Objects;

/**
 * An indexed triangle mesh: positions in metres, triangles, and optional per-vertex normals and RGB colours.
 *
 * <p>All arrays are interleaved per vertex ({@code x y z}, {@code nx ny nz}, {@code r g b}). Colours are
 * floats in 0..1 (sRGB, as OBJ and PLY viewers show them); writers quantise them to 8 bits. The record does
 * not copy its arrays, so that multi-million-vertex meshes are not duplicated: treat them as read-only.
 * {@code equals} compares array contents.
 *
 * @param positions xyz per vertex, length a multiple of 3, finite
 * @param triangles three vertex indices per face, each in {@code [0, vertexCount)}
 * @param normals   null, or xyz per vertex (same length as positions), finite
 * @param colors    null, or rgb per vertex (same length as positions), each in 0..1
 */
public record MeshData(float[] positions, int[] triangles, float[] normals, float[] colors) {

    /** Axis-aligned bounding box of the vertices. */
    public record Bounds(float minX, float minY, float minZ, float maxX, float maxY, float maxZ) {
        /** Largest extent over the three axes. */
        public float size() {
            return Math.max(maxX - minX, Math.max(maxY - minY, maxZ - minZ));
        }
    }

    public MeshData {
        Objects.requireNonNull(positions, "positions");
        Objects.requireNonNull(triangles, "triangles");
        if (positions.length % 3 != 0) {
            throw new IllegalArgumentException("positions length " + positions.length + " is not a multiple of 3");
        }
        if (triangles.length % 3 != 0) {
            throw new IllegalArgumentException("triangles length " + triangles.length + " is not a multiple of 3");
        }
        requireFinite("positions", positions);
        int vertexCount = positions.length / 3;
        for (int i = 0; i < triangles.length; i++) {
            if (triangles[i] < 0 || triangles[i] >= vertexCount) {
                throw new IllegalArgumentException("triangle " + (i / 3) + " uses vertex " + triangles[i]
                        + " but the mesh has " + vertexCount + " vertices");
            }
        }
        if (normals != null) {
            requirePerVertex("normals", normals, positions.length);
            requireFinite("normals", normals);
        }
        if (colors != null) {
            requirePerVertex("colors", colors, positions.length);
            for (int i = 0; i < colors.length; i++) {
                // The negated test also rejects NaN.
                if (!(colors[i] >= 0f && colors[i] <= 1f)) {
                    throw new IllegalArgumentException("colour component " + i + " is " + colors[i] + ", not in 0..1");
                }
            }
        }
    }

    /** A mesh without normals or colours. */
    public static MeshData of(float[] positions, int[] triangles) {
        return new MeshData(positions, triangles, null, null);
    }

    public int vertexCount() {
        return positions.length / 3;
    }

    public int faceCount() {
        return triangles.length / 3;
    }

    public boolean hasNormals() {
        return normals != null;
    }

    public boolean hasColors() {
        return colors != null;
    }

    /** The same mesh with these rgb colours (0..1), or none when null. */
    public MeshData withColors(float[] rgb) {
        return new MeshData(positions, triangles, normals, rgb);
    }

    /** The same mesh with every vertex coloured r, g, b (0..1). */
    public MeshData withUniformColor(float r, float g, float b) {
        float[] rgb = new float[positions.length];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = r;
            rgb[i + 1] = g;
            rgb[i + 2] = b;
        }
        return withColors(rgb);
    }

    /** The same mesh with these normals, or none when null. */
    public MeshData withNormals(float[] xyz) {
        return new MeshData(positions, triangles, xyz, colors);
    }

    /** The same mesh with area-weighted vertex normals computed from the faces (replacing any present). */
    public MeshData withComputedNormals() {
        return withNormals(MeshNormals.areaWeighted(positions, triangles));
    }

    /** Normals if present, otherwise freshly computed area-weighted ones. */
    public float[] normalsOrComputed() {
        return normals != null ? normals : MeshNormals.areaWeighted(positions, triangles);
    }

    /** Bounding box of all vertices; throws IllegalStateException for a mesh without vertices. */
    public Bounds bounds() {
        if (positions.length == 0) {
            throw new IllegalStateException("an empty mesh has no bounds");
        }
        float[] min = {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY};
        float[] max = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (int i = 0; i < positions.length; i++) {
            int axis = i % 3;
            min[axis] = Math.min(min[axis], positions[i]);
            max[axis] = Math.max(max[axis], positions[i]);
        }
        return new Bounds(min[0], min[1], min[2], max[0], max[1], max[2]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MeshData m
                && Arrays.equals(positions, m.positions)
                && Arrays.equals(triangles, m.triangles)
                && Arrays.equals(normals, m.normals)
                && Arrays.equals(colors, m.colors);
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(positions);
        h = 31 * h + Arrays.hashCode(triangles);
        h = 31 * h + Arrays.hashCode(normals);
        return 31 * h + Arrays.hashCode(colors);
    }

    @Override
    public String toString() {
        // The default would print array identities, which helps nobody.
        return "MeshData[" + vertexCount() + " vertices, " + faceCount() + " triangles"
                + (hasNormals() ? ", normals" : "") + (hasColors() ? ", colours" : "") + "]";
    }

    private static void requirePerVertex(String what, float[] values, int positionsLength) {
        if (values.length != positionsLength) {
            throw new IllegalArgumentException(what + " length " + values.length
                    + " differs from positions length " + positionsLength);
        }
    }

    private static void requireFinite(String what, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(what + " value " + i + " is " + values[i]);
            }
        }
    }
}
