package io.metroscope.format;

import java.nio.file.Path;

/** Reads and writes meshes, choosing OBJ, PLY or glTF binary by file extension. */
public final class MeshFiles {
    private MeshFiles() {
    }

    /** Reads a .obj or .ply mesh. */
    public static MeshData read(Path file) throws FormatException {
        return switch (MeshFormat.of(file)) {
            case OBJ -> ObjReader.read(file);
            case PLY -> PlyReader.read(file);
            case GLB -> throw new FormatException(file, "reading .glb meshes is not supported",
                    "open the mesh as .obj or .ply (export it again in one of those formats)");
        };
    }

    /** Writes with {@link MeshWriteOptions#defaults()}. */
    public static void write(Path file, MeshData mesh) throws FormatException {
        write(file, mesh, MeshWriteOptions.defaults());
    }

    /** Writes a .obj, .ply or .glb file atomically: the target is either replaced whole or left untouched. */
    public static void write(Path file, MeshData mesh, MeshWriteOptions options) throws FormatException {
        switch (MeshFormat.of(file)) {
            case OBJ -> ObjWriter.write(file, mesh, options);
            case PLY -> PlyWriter.write(file, mesh, options);
            case GLB -> GltfWriter.write(file, mesh, options);
        }
    }
}
