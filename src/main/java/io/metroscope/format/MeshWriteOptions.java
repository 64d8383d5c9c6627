package io.metroscope.format;

/**
 * How {@link MeshFiles#write} encodes a mesh.
 *
 * @param plyBinary       PLY as binary little-endian (true) or ASCII (false); other formats ignore it
 * @param includeNormals  write vertex normals: the mesh's own, or area-weighted ones computed on the fly
 * @param includeColors   write vertex colours when the mesh has them
 * @param gltfFloatColors glTF COLOR_0 as float VEC3 (true) or normalised unsigned byte VEC4 (false)
 */
public record MeshWriteOptions(boolean plyBinary, boolean includeNormals, boolean includeColors,
        boolean gltfFloatColors) {

    /** Binary PLY, no normals, colours when present, 8-bit glTF colours. */
    public static MeshWriteOptions defaults() {
        return new MeshWriteOptions(true, false, true, false);
    }

    public MeshWriteOptions withPlyBinary(boolean binary) {
        return new MeshWriteOptions(binary, includeNormals, includeColors, gltfFloatColors);
    }

    public MeshWriteOptions withNormals(boolean include) {
        return new MeshWriteOptions(plyBinary, include, includeColors, gltfFloatColors);
    }

    public MeshWriteOptions withColors(boolean include) {
        return new MeshWriteOptions(plyBinary, includeNormals, include, gltfFloatColors);
    }

    public MeshWriteOptions withGltfFloatColors(boolean floats) {
        return new MeshWriteOptions(plyBinary, includeNormals, includeColors, floats);
    }

    /** The normals to write for this mesh, or null. */
    float[] normalsFor(MeshData mesh) {
        return includeNormals ? mesh.normalsOrComputed() : null;
    }

    /** The colours to write for this mesh, or null. */
    float[] colorsFor(MeshData mesh) {
        return includeColors ? mesh.colors() : null;
    }
}
