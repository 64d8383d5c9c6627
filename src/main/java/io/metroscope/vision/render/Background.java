package io.metroscope.vision.render;

import java.util.Objects;

/** What uncovered pixels show. */
public sealed interface Background {

    /** One colour everywhere. */
    record Solid(Rgb color) implements Background {
        public Solid {
            Objects.requireNonNull(color, "color");
        }
    }

    /** An image of exactly the render's size, RGB bytes interleaved row by row (METRO: the 224×224 input crop). */
    record Picture(int width, int height, byte[] rgb) implements Background {
        public Picture {
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("background size must be positive: " + width + "×" + height);
            }
            if (rgb.length != 3 * width * height) {
                throw new IllegalArgumentException("background has " + rgb.length + " bytes, " + width + "×" + height
                        + " RGB needs " + 3 * width * height);
            }
        }
    }

    /** Nothing: the image's colour is the mesh's own (not premultiplied) and its alpha says how much it covers. */
    record Transparent() implements Background {
    }

    static Background solid(Rgb color) {
        return new Solid(color);
    }

    static Background picture(int width, int height, byte[] rgb) {
        return new Picture(width, height, rgb);
    }

    static Background transparent() {
        return new Transparent();
    }
}
