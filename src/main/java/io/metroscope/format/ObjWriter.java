package io.metroscope.format;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Writes Wavefront OBJ, with vertex colours as the common {@code v x y z r g b} extension. */
public final class ObjWriter {
    private ObjWriter() {
    }

    public static void write(Path file, MeshData mesh, MeshWriteOptions options) throws FormatException {
        float[] normals = options.normalsFor(mesh);
        float[] colors = options.colorsFor(mesh);
        AtomicFiles.write(file, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), 1 << 16);
            writeTo(w, mesh, normals, colors);
            w.flush();
        });
    }

    private static void writeTo(Writer w, MeshData mesh, float[] normals, float[] colors) throws IOException {
        float[] p = mesh.positions();
        StringBuilder line = new StringBuilder(96);
        w.write("# Metroscope mesh: " + mesh.vertexCount() + " vertices, " + mesh.faceCount() + " triangles\n");
        for (int i = 0; i < p.length; i += 3) {
            line.setLength(0);
            line.append("v ").append(p[i]).append(' ').append(p[i + 1]).append(' ').append(p[i + 2]);
            if (colors != null) {
                for (int k = 0; k < 3; k++) {
                    // Export is 8-bit everywhere, so OBJ holds the same quantised value PLY and glTF get.
                    line.append(' ').append(MeshColors.toByte(colors[i + k]) / 255f);
                }
            }
            w.append(line).append('\n');
        }
        if (normals != null) {
            for (int i = 0; i < normals.length; i += 3) {
                line.setLength(0);
                line.append("vn ").append(normals[i]).append(' ').append(normals[i + 1]).append(' ')
                        .append(normals[i + 2]);
                w.append(line).append('\n');
            }
        }
        int[] t = mesh.triangles();
        for (int i = 0; i < t.length; i += 3) {
            line.setLength(0);
            line.append('f');
            for (int k = 0; k < 3; k++) {
                int index = t[i + k] + 1;
                line.append(' ').append(index);
                if (normals != null) {
                    line.append("//").append(index);
                }
            }
            w.append(line).append('\n');
        }
    }
}
