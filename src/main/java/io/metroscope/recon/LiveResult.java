package io.metroscope.recon;

import io.metroscope.vision.CropBox;
import io.metroscope.vision.VideoFrame;

/**
 * One processed frame of the live pipeline.
 *
 * @param frame the source frame (index, timestamp, full RGB image to draw under overlays)
 * @param box the crop the network saw (after smoothing)
 * @param detected true when a {@link io.metroscope.vision.CropLocator} found the box; false for the fallback crop
 * @param reconstruction the result, smoothed when smoothing is on ({@link Reconstruction#joints2dImagePixels()} etc.
 *                       map onto {@code frame.image()})
 * @param raw the unsmoothed result (the same object when smoothing is off)
 * @param timings this frame's stage times
 * @param stats running totals at delivery time
 */
public record LiveResult(VideoFrame frame, CropBox box, boolean detected, Reconstruction reconstruction,
        Reconstruction raw, StageTimings timings, LiveStats stats) {

    /** Milliseconds per stage for one frame. */
    public record StageTimings(double decodeMillis, double detectMillis, double preprocessMillis,
            double inferenceMillis, double postMillis) {

        public double totalMillis() {
            return decodeMillis + detectMillis + preprocessMillis + inferenceMillis + postMillis;
        }
    }
}
