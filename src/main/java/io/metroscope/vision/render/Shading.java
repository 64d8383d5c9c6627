package io.metroscope.vision.render;

/** Where lighting is evaluated. */
public enum Shading {
    /** Once per triangle with its geometric normal: faceted look. */
    FLAT,
    /** At the vertices with their normals, colours interpolated across triangles (what OpenDR does). */
    GOURAUD,
    /** Per sample with interpolated normals: sharper highlights, a little slower. */
    PHONG
}
