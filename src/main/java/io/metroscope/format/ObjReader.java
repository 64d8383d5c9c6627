package io.metroscope.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Wavefront OBJ geometry: {@code v} (optionally with {@code r g b} colours), {@code vn} and {@code f}.
 *
 * <p>Faces may use {@code a}, {@code a/b}, {@code a/b/c} or {@code a//c}, with negative (relative) indices;
 * polygons are fan-triangulated. Texture coordinates, groups, materials and other statements are ignored.
 * Colours above 1 are taken as 0..255. Normals are kept only when every vertex ends up with a single one
 * (OBJ normals are per face corner, {@link MeshData} normals per vertex).
 */
public final class ObjReader {
    private final Path file;
    private final MeshBuffers.Floats positions = new MeshBuffers.Floats();
    private final MeshBuffers.Floats colors = new MeshBuffers.Floats();
    private final MeshBuffers.Floats vn = new MeshBuffers.Floats();
    private final MeshBuffers.Ints triangles = new MeshBuffers.Ints();
    // Per vertex: index of the vn its face corners name, -1 while none, or CONFLICT.
    private final MeshBuffers.Ints vertexNormal = new MeshBuffers.Ints();
    private static final int CONFLICT = -2;
    private final MeshBuffers.Ints corners = new MeshBuffers.Ints();
    private final MeshBuffers.Ints cornerNormals = new MeshBuffers.Ints();
    private final List<String> tokens = new ArrayList<>();
    private boolean anyColor;
    private float maxColor;
    private boolean anyCornerNormal;
    private int lineNo;

    private ObjReader(Path file) {
        this.file = file;
    }

    public static MeshData read(Path file) throws FormatException {
        ObjReader r = new ObjReader(file);
        // ISO-8859-1 maps every byte, so stray non-ASCII in comments or names cannot break decoding.
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(MeshInput.open(file), StandardCharsets.ISO_8859_1), 1 << 16)) {
            String line;
            while ((line = in.readLine()) != null) {
                r.lineNo++;
                r.parseLine(line);
            }
        } catch (IOException e) {
            throw MeshInput.failure(file, e);
        }
        return r.build();
    }

    private void parseLine(String line) throws FormatException {
        tokenize(line);
        if (tokens.isEmpty()) {
            return;
        }
        switch (tokens.get(0)) {
            case "v" -> parseVertex();
            case "vn" -> parseNormal();
            case "f" -> parseFace();
            default -> {
                // vt, g, o, s, usemtl, mtllib, l, p, curves: not geometry we keep.
            }
        }
    }

    private void parseVertex() throws FormatException {
        int n = tokens.size() - 1;
        if (n != 3 && n != 4 && n != 6 && n != 7) {
            throw error("'v' has " + n + " numbers; expected x y z, x y z w, x y z r g b or x y z r g b a",
                    "fix or remove the line");
        }
        for (int k = 1; k <= 3; k++) {
            positions.add(number(k));
        }
        int vertex = vertexNormal.size();
        vertexNormal.add(-1);
        if (n >= 6) {
            if (!anyColor) {
                // Earlier vertices had no colour: give them white rather than dropping everyone's colour.
                for (int i = 0; i < vertex * 3; i++) {
                    colors.add(1f);
                }
                anyColor = true;
            }
            for (int k = 4; k <= 6; k++) {
                float c = number(k);
                if (c < 0) {
                    throw error("colour component '" + tokens.get(k) + "' is negative", "use 0..1 or 0..255");
                }
                maxColor = Math.max(maxColor, c);
                colors.add(c);
            }
        } else if (anyColor) {
            colors.add(1f);
            colors.add(1f);
            colors.add(1f);
        }
    }

    private void parseNormal() throws FormatException {
        if (tokens.size() != 4) {
            throw error("'vn' has " + (tokens.size() - 1) + " numbers; expected 3", "fix or remove the line");
        }
        for (int k = 1; k <= 3; k++) {
            vn.add(number(k));
        }
    }

    private void parseFace() throws FormatException {
        int n = tokens.size() - 1;
        if (n < 3) {
            throw error("face has " + n + " corner(s); at least 3 are needed", "remove the degenerate face");
        }
        corners.clear();
        cornerNormals.clear();
        for (int k = 1; k <= n; k++) {
            String corner = tokens.get(k);
            int slash = corner.indexOf('/');
            String vPart = slash < 0 ? corner : corner.substring(0, slash);
            int v = resolve(vPart, corner, vertexNormal.size(), "vertex");
            int normal = -1;
            int second = slash < 0 ? -1 : corner.indexOf('/', slash + 1);
            if (second >= 0 && second + 1 < corner.length()) {
                normal = resolve(corner.substring(second + 1), corner, vn.size() / 3, "normal");
                anyCornerNormal = true;
            }
            corners.add(v);
            cornerNormals.add(normal);
        }
        for (int k = 0; k < n; k++) {
            noteNormal(corners.get(k), cornerNormals.get(k));
        }
        // Fan from the first corner: exact for convex polygons, which is what exporters write.
        for (int k = 1; k + 1 < n; k++) {
            triangles.add(corners.get(0));
            triangles.add(corners.get(k));
            triangles.add(corners.get(k + 1));
        }
    }

    private void noteNormal(int vertex, int normal) {
        int seen = vertexNormal.get(vertex);
        if (seen == CONFLICT) {
            return;
        }
        if (normal < 0) {
            vertexNormal.set(vertex, CONFLICT);
        } else if (seen == -1) {
            vertexNormal.set(vertex, normal);
        } else if (seen != normal && !sameNormal(seen, normal)) {
            vertexNormal.set(vertex, CONFLICT);
        }
    }

    private boolean sameNormal(int a, int b) {
        return vn.get(3 * a) == vn.get(3 * b) && vn.get(3 * a + 1) == vn.get(3 * b + 1)
                && vn.get(3 * a + 2) == vn.get(3 * b + 2);
    }

    /** A 1-based or negative OBJ index to a 0-based one, checked against what is defined so far. */
    private int resolve(String text, String corner, int defined, String what) throws FormatException {
        long index;
        try {
            index = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw error("face corner '" + corner + "' has a non-numeric " + what + " index '" + text + "'",
                    "corners must be a, a/b, a/b/c or a//c with integer indices");
        }
        long resolved = index > 0 ? index - 1 : defined + index;
        if (index == 0 || resolved < 0 || resolved >= defined) {
            throw error("face corner '" + corner + "' refers to " + what + " " + index + ", which does not exist ("
                    + defined + " " + what + " entries are defined above this line)",
                    "OBJ indices start at 1 (negative ones count back from the last); re-export the mesh");
        }
        return (int) resolved;
    }

    private float number(int k) throws FormatException {
        String t = tokens.get(k);
        float f;
        try {
            f = Float.parseFloat(t);
        } catch (NumberFormatException e) {
            throw error("'" + t + "' is not a number", "fix or remove the line");
        }
        if (!Float.isFinite(f)) {
            throw error("'" + t + "' is not a finite number", "fix or remove the line");
        }
        return f;
    }

    private void tokenize(String line) {
        tokens.clear();
        int end = line.indexOf('#');
        if (end < 0) {
            end = line.length();
        }
        int i = 0;
        while (i < end) {
            while (i < end && line.charAt(i) <= ' ') {
                i++;
            }
            int start = i;
            while (i < end && line.charAt(i) > ' ') {
                i++;
            }
            if (i > start) {
                tokens.add(line.substring(start, i));
            }
        }
    }

    private FormatException error(String problem, String fix) {
        return new FormatException(file, "line " + lineNo + ": " + problem, fix);
    }

    private MeshData build() {
        float[] pos = positions.toArray();
        int vertexCount = pos.length / 3;
        float[] rgb = null;
        if (anyColor) {
            rgb = colors.toArray();
            // Some tools write 0..255; a value above 1 cannot be a 0..1 colour.
            float scale = maxColor > 1f ? 1f / 255f : 1f;
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = MeshColors.clamp01(rgb[i] * scale);
            }
        }
        return new MeshData(pos, triangles.toArray(), perVertexNormals(vertexCount), rgb);
    }

    private float[] perVertexNormals(int vertexCount) {
        int normalCount = vn.size() / 3;
        if (normalCount == 0) {
            return null;
        }
        if (!anyCornerNormal) {
            // A point cloud (or faces without normal references) with one vn per v: pair them by order.
            return normalCount == vertexCount ? vn.toArray() : null;
        }
        float[] out = new float[vertexCount * 3];
        for (int v = 0; v < vertexCount; v++) {
            int n = vertexNormal.get(v);
            if (n == CONFLICT) {
                return null;
            }
            if (n >= 0) {
                out[3 * v] = vn.get(3 * n);
                out[3 * v + 1] = vn.get(3 * n + 1);
                out[3 * v + 2] = vn.get(3 * n + 2);
            }
        }
        return out;
    }
}
