package io.metroscope.format;

import java.nio.file.Path;
import java.util.Locale;

/** Mesh file formats Metroscope reads or writes, chosen by file extension. */
public enum MeshFormat {
    OBJ(".obj", true),
    PLY(".ply", true),
    GLB(".glb", false);

    private final String extension;
    private final boolean readable;

    MeshFormat(String extension, boolean readable) {
        this.extension = extension;
        this.readable = readable;
    }

    /** Lower-case extension with the dot, e.g. ".ply". */
    public String extension() {
        return extension;
    }

    /** Whether {@link MeshFiles#read} supports it (glTF is export-only). */
    public boolean readable() {
        return readable;
    }

    /** The format named by the file's extension (any case). */
    public static MeshFormat of(Path file) throws FormatException {
        Path name = file.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        for (MeshFormat f : values()) {
            if (lower.endsWith(f.extension)) {
                return f;
            }
        }
        throw new FormatException(file, "unsupported mesh file extension (expected .obj, .ply or .glb)",
                "rename the file with one of those extensions, or convert it to OBJ or PLY");
    }
}
