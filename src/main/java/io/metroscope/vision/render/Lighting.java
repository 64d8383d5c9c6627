package io.metroscope.vision.render;

import java.util.List;

/**
 * Lights and the material response: {@code colour = ambient·albedo + Σ light·(albedo·max(0, n·l) + specular·max(0, n·h)^shininess)}.
 *
 * @param ambient   added as ambient × albedo
 * @param lights    point and directional lights in the mesh frame
 * @param specular  Blinn-Phong specular colour; black means pure Lambert
 * @param shininess Blinn-Phong exponent, positive
 * @param twoSided  light faces seen from behind as if their normals pointed at the viewer, so inside-out meshes
 *                  and open surfaces still look lit
 */
public record Lighting(Rgb ambient, List<Light> lights, Rgb specular, float shininess, boolean twoSided) {

    public Lighting {
        lights = List.copyOf(lights);
        if (!(shininess > 0) || !Float.isFinite(shininess)) {
            throw new IllegalArgumentException("shininess must be positive: " + shininess);
        }
    }

    /** Every surface shows its albedo unchanged. */
    public static Lighting unlit() {
        return new Lighting(Rgb.WHITE, List.of(), Rgb.BLACK, 1, true);
    }

    /** Lambert lighting with these lights and ambient, two-sided. */
    public static Lighting lambert(Rgb ambient, Light... lights) {
        return new Lighting(ambient, List.of(lights), Rgb.BLACK, 1, true);
    }

    /** The same lights with a Blinn-Phong highlight. */
    public Lighting withSpecular(Rgb color, float exponent) {
        return new Lighting(ambient, lights, color, exponent, twoSided);
    }

    public Lighting withTwoSided(boolean on) {
        return new Lighting(ambient, lights, specular, shininess, on);
    }
}
