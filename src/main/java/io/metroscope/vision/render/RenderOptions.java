package io.metroscope.vision.render;

import java.util.Objects;

/**
 * How to render a mesh.
 *
 * @param supersampling samples per pixel along each axis (1 = aliased, 2 = 2×2, ...), box-filtered down; 1..8
 * @param cullMode      which faces to skip
 * @param shading       where lighting is evaluated
 * @param lighting      lights and material
 * @param baseColor     albedo of meshes without vertex colours
 * @param background    what uncovered pixels show
 * @param wireframe     edges to draw over the mesh, or null for none
 */
public record RenderOptions(int supersampling, CullMode cullMode, Shading shading, Lighting lighting,
                            Rgb baseColor, Background background, Wireframe wireframe) {

    /** Light blue, as METRO's renderer's default body colour. */
    public static final Rgb DEFAULT_COLOR = new Rgb(0.65098039f, 0.74117647f, 0.85882353f);

    public RenderOptions {
        if (supersampling < 1 || supersampling > 8) {
            throw new IllegalArgumentException("supersampling must be 1..8, got " + supersampling);
        }
        Objects.requireNonNull(cullMode, "cullMode");
        Objects.requireNonNull(shading, "shading");
        Objects.requireNonNull(lighting, "lighting");
        Objects.requireNonNull(baseColor, "baseColor");
        Objects.requireNonNull(background, "background");
    }

    /**
     * 2×2 supersampling, both sides drawn, Gouraud shading, a white headlight-ish key light from the upper left front
     * and a dim fill, light blue albedo, black background, no wireframe.
     */
    public static RenderOptions defaults() {
        Lighting lighting = Lighting.lambert(Rgb.grey(0.15f),
                Light.directional(-0.4f, -0.5f, -1f, Rgb.grey(0.8f)),
                Light.directional(0.6f, 0.2f, -0.5f, Rgb.grey(0.3f)));
        return new RenderOptions(2, CullMode.NONE, Shading.GOURAUD, lighting, DEFAULT_COLOR,
                Background.solid(Rgb.BLACK), null);
    }

    public RenderOptions withSupersampling(int factor) {
        return new RenderOptions(factor, cullMode, shading, lighting, baseColor, background, wireframe);
    }

    public RenderOptions withCullMode(CullMode mode) {
        return new RenderOptions(supersampling, mode, shading, lighting, baseColor, background, wireframe);
    }

    public RenderOptions withShading(Shading mode) {
        return new RenderOptions(supersampling, cullMode, mode, lighting, baseColor, background, wireframe);
    }

    public RenderOptions withLighting(Lighting value) {
        return new RenderOptions(supersampling, cullMode, shading, value, baseColor, background, wireframe);
    }

    public RenderOptions withBaseColor(Rgb color) {
        return new RenderOptions(supersampling, cullMode, shading, lighting, color, background, wireframe);
    }

    public RenderOptions withBackground(Background value) {
        return new RenderOptions(supersampling, cullMode, shading, lighting, baseColor, value, wireframe);
    }

    /** The same options with this wireframe overlay, or none when null. */
    public RenderOptions withWireframe(Wireframe value) {
        return new RenderOptions(supersampling, cullMode, shading, lighting, baseColor, background, value);
    }
}
