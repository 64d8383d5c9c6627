package io.metroscope.train;

import java.util.List;
import java.util.Objects;

import io.metroscope.body.OpenTemplate;

/**
 * What to synthesise.
 *
 * @param template    the open template to pose and render
 * @param size        side of the square crop in pixels (METRO: 224)
 * @param occluders   largest share of the person's silhouette occluders may cover, 0..1 (0: none)
 * @param backgrounds where backgrounds come from
 * @param poses       poses to use in turn (item i takes pose i mod n), or empty to sample them
 * @param seed        the dataset's seed; item i's random stream depends only on (seed, i)
 * @param wide        share of pose axes drawn anywhere in their range rather than near typical (default 1/3)
 * @param maxTurn     largest turn of the body about the vertical axis, degrees (default 180: any view)
 */
public record SynthConfig(OpenTemplate template, int size, double occluders, Backgrounds backgrounds,
                          List<PoseShape> poses, long seed, double wide, double maxTurn) {

    /** Default pose spread: a third of the axes wide, any view. */
    public static final double DEFAULT_WIDE = 1.0 / 3;
    public static final double DEFAULT_MAX_TURN = 180;

    /** The default pose spread. */
    public SynthConfig(OpenTemplate template, int size, double occluders, Backgrounds backgrounds,
            List<PoseShape> poses, long seed) {
        this(template, size, occluders, backgrounds, poses, seed, DEFAULT_WIDE, DEFAULT_MAX_TURN);
    }

    public SynthConfig {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(backgrounds, "backgrounds");
        poses = List.copyOf(poses);
        if (size < 16 || size > 4096) {
            throw new IllegalArgumentException("size must be 16..4096, got " + size);
        }
        if (!(occluders >= 0 && occluders <= 1)) {
            throw new IllegalArgumentException("occluders must be a fraction 0..1, got " + occluders);
        }
        if (!(wide >= 0 && wide <= 1)) {
            throw new IllegalArgumentException("wide must be a fraction 0..1, got " + wide);
        }
        if (!(maxTurn >= 0 && maxTurn <= 180)) {
            throw new IllegalArgumentException("maxTurn must be 0..180 degrees, got " + maxTurn);
        }
    }
}
