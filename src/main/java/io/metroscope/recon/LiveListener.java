package io.metroscope.recon;

/**
 * Receives the live pipeline's output, on the pipeline's inference thread (hand over to the UI thread with
 * {@code Platform.runLater}; keep the callbacks short, they delay the next frame). A plain lambda gets results only.
 */
@FunctionalInterface
public interface LiveListener {

    /** Why the pipeline finished. */
    enum Finish {
        /** The file or sequence ended. */
        END_OF_STREAM,
        /** {@link LiveReconstruction#stop()} was called. */
        STOPPED,
        /** The source failed (unreadable frame, camera unplugged or stalled); see {@link #onError}. */
        SOURCE_ERROR,
        /** The model failed; see {@link #onError}. */
        INFERENCE_ERROR
    }

    void onResult(LiveResult result);

    /** The error that ends the pipeline (called once, before {@link #onFinished}). */
    default void onError(Throwable error) {
    }

    /** Called exactly once, last, when the pipeline has stopped. */
    default void onFinished(Finish reason, LiveStats stats) {
    }
}
