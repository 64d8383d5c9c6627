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
 */
public record SynthConfig(OpenTemplate template, int size, double occluders, Backgrounds backgrounds,
                          List<PoseShape> poses, long seed) {

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
    }
}
