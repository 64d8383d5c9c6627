package io.metroscope.vision;

import java.util.Optional;

/** Finds where to crop a frame for the network: a person's (or hand's) box, or empty when there is none. */
@FunctionalInterface
public interface CropLocator {

    Optional<CropBox> locate(RgbImage image);
}
