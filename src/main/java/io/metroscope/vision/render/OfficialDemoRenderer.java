package io.metroscope.vision.render;

import io.metroscope.format.MeshData;

/**
 * The look of METRO's official demo render ({@code metro/utils/renderer.py}, OpenDR): a 224×224 perspective camera
 * with focal 1000 at (112, 112) placed by the weak-perspective camera, three Lambertian point lights, a uniform
 * body colour, the input crop as background.
 *
 * <p>Like OpenDR it lights the vertices and interpolates the colours (Gouraud), with no ambient term and colours
 * clipped at 1. OpenDR does not anti-alias; supersampling here defaults to 2×2 for a cleaner edge, pass 1 to match
 * the original pixel for pixel more closely. Not thread-safe (it owns a {@link MeshRenderer}).
 */
public final class OfficialDemoRenderer {

    /** Side of METRO's square input crop, in pixels. */
    public static final int SIZE = 224;
    /** The demo's focal length, in pixels: long enough that perspective barely departs from the weak camera. */
    public static final float FOCAL = 1000f;

    /** The vertex colours the demo's renderer offers. */
    public enum BodyColor {
        /** The body demo's colour. */
        PINK(new Rgb(0.9f, 0.7f, 0.7f)),
        /** The renderer's default. */
        LIGHT_BLUE(new Rgb(0.65098039f, 0.74117647f, 0.85882353f)),
        /** The hand demo's colour. */
        HAND(new Rgb(0.9f, 0.9f, 0.9f));

        private final Rgb rgb;

        BodyColor(Rgb rgb) {
            this.rgb = rgb;
        }

        public Rgb rgb() {
            return rgb;
        }
    }

    private final MeshRenderer renderer = new MeshRenderer();

    /**
     * The demo's camera for METRO's [s, tx, ty]: translation {@code [tx, ty, 2f/(224·s + 1e-9)]}, no rotation, so
     * that {@code f·(x + tx)/tz + 112 ≈ 112·(s·(x + tx) + 1)}; near plane 1 as the demo's frustum.
     */
    public static PinholeCamera camera(float s, float tx, float ty) {
        float tz = (float) (2.0 * FOCAL / (SIZE * (double) s + 1e-9));
        return PinholeCamera.of(SIZE, SIZE, FOCAL, FOCAL, SIZE / 2f, SIZE / 2f)
                .withPose(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new float[] {tx, ty, tz})
                .withNear(1f);
    }

    /** The demo's three point lights (two white, one 0.7 grey), rotated 120° about y, no ambient. */
    public static Lighting lighting() {
        return Lighting.lambert(Rgb.BLACK,
                new Light.Point(rotateY(-200, -100, -100), Rgb.WHITE),
                new Light.Point(rotateY(800, 10, 300), Rgb.WHITE),
                new Light.Point(rotateY(-500, 500, 1000), Rgb.grey(0.7f)))
                // OpenDR clips n·l at 0 without flipping; for a consistently wound closed mesh flipping never shows.
                .withTwoSided(true);
    }

    /** Render options for this colour over the 224×224 RGB crop (null: white, as OpenDR's bgcolor). */
    public static RenderOptions options(BodyColor color, byte[] background, int supersampling) {
        Background bg = background == null ? Background.solid(Rgb.WHITE) : Background.picture(SIZE, SIZE, background);
        return new RenderOptions(supersampling, CullMode.NONE, Shading.GOURAUD, lighting(), color.rgb(), bg, null);
    }

    /** Renders the mesh (METRO's y-down, z-forward frame) with camera [s, tx, ty] over the crop, 2×2 supersampled. */
    public RenderImage render(MeshData mesh, float[] cam, BodyColor color, byte[] background) {
        return render(mesh, cam, color, background, 2);
    }

    /** As {@link #render(MeshData, float[], BodyColor, byte[])} with a chosen supersampling factor. */
    public RenderImage render(MeshData mesh, float[] cam, BodyColor color, byte[] background, int supersampling) {
        if (cam.length != 3) {
            throw new IllegalArgumentException("METRO's camera has 3 values [s, tx, ty], got " + cam.length);
        }
        // The demo paints every vertex one colour, whatever the mesh carries.
        MeshData plain = mesh.hasColors() ? mesh.withColors(null) : mesh;
        return renderer.render(plain, camera(cam[0], cam[1], cam[2]), options(color, background, supersampling));
    }

    /** numpy's {@code np.dot(p, Ry(θ))} with θ = 120°: a row vector times the matrix, i.e. Ry(θ)ᵀ·p. */
    static Vec3 rotateY(double x, double y, double z) {
        double a = Math.toRadians(120);
        double c = Math.cos(a);
        double s = Math.sin(a);
        return new Vec3((float) (x * c - z * s), (float) y, (float) (x * s + z * c));
    }
}
