package io.metroscope.vision.render;

/** A 3D point or direction. */
public record Vec3(float x, float y, float z) {
    public static final Vec3 ZERO = new Vec3(0, 0, 0);

    public Vec3 {
        if (!Float.isFinite(x) || !Float.isFinite(y) || !Float.isFinite(z)) {
            throw new IllegalArgumentException("vector components must be finite: " + x + ", " + y + ", " + z);
        }
    }

    public float length() {
        return (float) Math.sqrt((double) x * x + (double) y * y + (double) z * z);
    }

    /** This direction with unit length; throws for the zero vector, which has no direction. */
    public Vec3 normalized() {
        float len = length();
        if (len == 0) {
            throw new IllegalArgumentException("the zero vector has no direction");
        }
        return new Vec3(x / len, y / len, z / len);
    }
}
