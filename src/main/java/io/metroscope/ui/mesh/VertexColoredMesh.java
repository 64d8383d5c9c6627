package io.metroscope.ui.mesh;

import javafx.scene.image.Image;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.DrawMode;
import javafx.scene.shape.MeshView;
import javafx.scene.shape.TriangleMesh;
import javafx.scene.shape.VertexFormat;

/**
 * A triangle mesh whose vertices are coloured through a palette texture: JavaFX has no per-vertex colours, so
 * each vertex gets its own texture coordinate into a 256×1 colour-map image. Re-colouring only rewrites the
 * texture coordinates; re-posing only rewrites the points.
 */
public final class VertexColoredMesh extends MeshView {

    private final TriangleMesh mesh = new TriangleMesh(VertexFormat.POINT_TEXCOORD);
    private final PhongMaterial material = new PhongMaterial(Color.WHITE);
    private float[] texCoords = new float[0];
    /** The triangle list the faces were built from: the same topology again only moves the points. */
    private int[] topology;

    public VertexColoredMesh() {
        setMesh(mesh);
        setMaterial(material);
        setCullFace(CullFace.NONE);
        material.setSpecularColor(Color.gray(0.15));
        material.setDiffuseMap(palette(ColorMap.GREY));
    }

    /**
     * Replaces the geometry: {@code positions} xyz per vertex (metres), {@code triangles} 3 indices per face. The
     * same triangle array as last time (a new result of the same model) keeps faces and colours and only moves the
     * points, which is all that changed.
     */
    public void setGeometry(float[] positions, int[] triangles) {
        if (triangles == topology && positions.length == mesh.getPoints().size()) {
            setPositions(positions);
            return;
        }
        topology = triangles;
        int n = positions.length / 3;
        texCoords = new float[n * 2];
        int[] faces = new int[triangles.length * 2];
        for (int i = 0; i < triangles.length; i++) {
            // Point index and texture-coordinate index are the same: one texture coordinate per vertex.
            faces[2 * i] = triangles[i];
            faces[2 * i + 1] = triangles[i];
        }
        mesh.getPoints().setAll(positions);
        setUniformLevel(0.75f);
        mesh.getFaces().setAll(faces);
        mesh.getFaceSmoothingGroups().clear();
        int[] smoothing = new int[triangles.length / 3];
        java.util.Arrays.fill(smoothing, 1);
        mesh.getFaceSmoothingGroups().setAll(smoothing);
    }

    /** Moves the vertices (same count and order as the geometry): the cheap per-frame update. */
    public void setPositions(float[] positions) {
        if (positions.length != mesh.getPoints().size()) {
            throw new IllegalArgumentException("expected " + mesh.getPoints().size() / 3 + " vertices, got "
                    + positions.length / 3);
        }
        mesh.getPoints().set(0, positions, 0, positions.length);
    }

    /** Colours every vertex by a value in [0, 1] through the colour map. */
    public void setScalars(float[] values) {
        setTexCoords(texCoords(values));
    }

    /**
     * Colours the mesh with finished palette coordinates ({@link #texCoords(float[])}, u and v per vertex, made
     * off the FX thread): one array copy, the whole re-colour on the FX thread.
     */
    public void setTexCoords(float[] uv) {
        if (uv.length != texCoords.length) {
            throw new IllegalArgumentException("expected " + texCoords.length / 2 + " values, got " + uv.length / 2);
        }
        System.arraycopy(uv, 0, texCoords, 0, uv.length);
        mesh.getTexCoords().set(0, texCoords, 0, texCoords.length);
    }

    /** The palette coordinates (u, v per vertex) that colour values in [0, 1]; any thread. */
    public static float[] texCoords(float[] values) {
        float[] uv = new float[2 * values.length];
        for (int i = 0; i < values.length; i++) {
            uv[2 * i] = level(values[i]);
            uv[2 * i + 1] = 0.5f;
        }
        return uv;
    }

    /** Colours the whole mesh with one level of the colour map. */
    public void setUniformLevel(float value) {
        float u = level(value);
        for (int i = 0; i < texCoords.length; i += 2) {
            texCoords[i] = u;
            texCoords[i + 1] = 0.5f;
        }
        mesh.getTexCoords().setAll(texCoords);
    }

    /** Changes the colour map without touching the values. */
    public void setColorMap(ColorMap map) {
        material.setDiffuseMap(palette(map));
    }

    /** Shaded surface or wireframe. */
    public void setWireframe(boolean wireframe) {
        setDrawMode(wireframe ? DrawMode.LINE : DrawMode.FILL);
    }

    public int vertexCount() {
        return mesh.getPoints().size() / 3;
    }

    /** The vertex positions as they are now. */
    public float[] positions() {
        return mesh.getPoints().toArray(null);
    }

    private static float level(float v) {
        float t = Float.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
        // Sample the centre of a texel so that filtering never bleeds in a neighbour.
        return (Math.round(t * (ColorMap.LEVELS - 1)) + 0.5f) / ColorMap.LEVELS;
    }

    static Image palette(ColorMap map) {
        WritableImage img = new WritableImage(ColorMap.LEVELS, 1);
        PixelWriter w = img.getPixelWriter();
        for (int i = 0; i < ColorMap.LEVELS; i++) {
            w.setColor(i, 0, map.at(i / (double) (ColorMap.LEVELS - 1)));
        }
        return img;
    }
}
