package io.metroscope.recon;

/**
 * Running totals of a live pipeline.
 *
 * @param framesRead frames the grabber got from the source
 * @param framesProcessed frames that went through the model
 * @param framesDropped frames replaced in the mailbox by a newer one before the model took them
 * @param fps processed frames per second over the last {@value LiveReconstruction#FPS_WINDOW} results
 * @param averages moving averages (exponential, α = 0.1) of the stage times
 */
public record LiveStats(long framesRead, long framesProcessed, long framesDropped, double fps,
        LiveResult.StageTimings averages) {
}
