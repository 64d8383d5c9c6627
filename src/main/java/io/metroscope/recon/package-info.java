/**
 * Reconstruction: runs a loaded METRO network on a batch of normalised crops and turns its raw outputs into
 * what the official demo shows (root-centred mesh, joints re-regressed from the mesh, weak-perspective 2D
 * projections in crop and image pixels, the demo's attention row). No JavaFX here: the UI calls
 * {@link io.metroscope.recon.ReconstructionService} from background threads only.
 *
 * <p>Images enter as an {@link io.metroscope.recon.InputBatch} (the B×3×224×224 tensor plus, per image, the
 * crop → image transform), produced by an {@link io.metroscope.recon.ImageInputs} implementation or directly
 * from a pre-processed tensor.
 *
 * <p>Live: {@link io.metroscope.recon.LiveReconstruction} runs a {@link io.metroscope.vision.FrameSource} through
 * detection, crop, the model ({@link io.metroscope.recon.LiveInference}) and One-Euro smoothing
 * ({@link io.metroscope.recon.OneEuroFilter}) on its own two threads, newest frame first, and reports to a
 * {@link io.metroscope.recon.LiveListener}.
 */
package io.metroscope.recon;
