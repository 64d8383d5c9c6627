package io.metroscope.vision.render;

/** A light source, placed in the mesh's own frame (like OpenDR's lights, which move with neither camera nor mesh). */
public sealed interface Light {

    Rgb color();

    /** A point light without distance falloff (OpenDR's LambertianPointLight has none either). */
    record Point(Vec3 position, Rgb color) implements Light {
    }

    /** A light infinitely far away; {@code towardLight} points from the scene to the light and need not be unit length. */
    record Directional(Vec3 towardLight, Rgb color) implements Light {
        public Directional {
            towardLight = towardLight.normalized();
        }
    }

    static Light point(float x, float y, float z, Rgb color) {
        return new Point(new Vec3(x, y, z), color);
    }

    static Light directional(float towardX, float towardY, float towardZ, Rgb color) {
        return new Directional(new Vec3(towardX, towardY, towardZ), color);
    }
}
