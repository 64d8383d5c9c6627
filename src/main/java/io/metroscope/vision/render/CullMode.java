package io.metroscope.vision.render;

/**
 * Which triangles to skip by facing. A triangle faces the camera when its right-handed normal
 * {@code (b−a)×(c−a)} points toward the eye; METRO's frame (x right, y down, z forward) is right-handed too.
 */
public enum CullMode {
    /** Draw both sides: safe for meshes with inconsistent winding. */
    NONE,
    /** Skip triangles whose normal points away from the camera. */
    BACK,
    /** Skip triangles whose normal points toward the camera. */
    FRONT
}
