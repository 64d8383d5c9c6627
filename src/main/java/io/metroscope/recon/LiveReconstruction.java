package io.metroscope.recon;

import io.metroscope.platform.DaemonThreads;
import io.metroscope.vision.CropBox;
import io.metroscope.vision.CropLocator;
import io.metroscope.vision.FrameSource;
import io.metroscope.vision.OfficialPreprocessing;
import io.metroscope.vision.PreprocessedImage;
import io.metroscope.vision.RgbImage;
import io.metroscope.vision.VideoFrame;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live reconstruction from a {@link FrameSource}: a grabber thread ({@code live-grabber}) reads frames into a
 * one-slot mailbox where the newest frame wins (an untaken frame is replaced and counted as dropped: frames never
 * queue up, memory stays bounded at about three frames), and an inference thread ({@code live-inference}) takes
 * the newest frame, locates the crop, pre-processes, runs the model, smooths (One-Euro, optional) and hands a
 * {@link LiveResult} to the {@link LiveListener}, on that thread.
 *
 * <p>{@link #stop()} (or {@link #close()}) ends both threads: the frame being inferred finishes (the model is
 * asked to cancel between batches), then {@link LiveListener#onFinished} is called once. A failing source (bad
 * file, camera unplugged, no frame for {@link LiveOptions#stallTimeoutMillis()}) or model is reported through
 * {@link LiveListener#onError} and stops the pipeline; nothing waits forever on a stuck camera read (the grabber is
 * a daemon thread that closes its source when the read returns).
 */
public final class LiveReconstruction implements AutoCloseable {

    /** Results the moving frame rate is measured over. */
    public static final int FPS_WINDOW = 30;

    private static final Logger LOG = LoggerFactory.getLogger(LiveReconstruction.class);
    private static final double EMA = 0.1;
    /** The crop box moves in pixels: its One-Euro beta is the outputs' scaled by this. */
    private static final double BOX_BETA_SCALE = 0.01;

    private record Grabbed(VideoFrame frame, double decodeMillis) {
    }

    private final FrameSource source;
    private final CropLocator locator;
    private final LiveInference inference;
    private final LiveOptions options;
    private final LiveListener listener;

    private final Object lock = new Object();
    private Grabbed slot;
    private boolean sourceDone;
    private Throwable sourceError;
    private long lastFrameNanos;
    private long framesRead;
    private long framesDropped;
    private long framesProcessed;
    private volatile boolean stopRequested;

    private final long[] doneNanos = new long[FPS_WINDOW];
    private double[] averages;
    private final Thread grabber;
    private final Thread worker;
    private final CountDownLatch finished = new CountDownLatch(1);

    private final OneEuroFilter boxFilter;
    private CropBox lastDetection;
    private int sinceDetection;
    private final ReconstructionSmoother smoother;

    private LiveReconstruction(FrameSource source, CropLocator locator, LiveInference inference, LiveOptions options,
            LiveListener listener) {
        this.source = Objects.requireNonNull(source, "source");
        this.locator = locator;
        this.inference = Objects.requireNonNull(inference, "inference");
        this.options = Objects.requireNonNull(options, "options");
        this.listener = Objects.requireNonNull(listener, "listener");
        LiveOptions.Smoothing s = options.smoothing();
        this.boxFilter = s == null ? null : new OneEuroFilter(s.minCutoff(), s.beta() * BOX_BETA_SCALE, s.dCutoff());
        this.smoother = s == null ? null : new ReconstructionSmoother(s);
        this.grabber = DaemonThreads.thread("live-grabber", this::grabLoop);
        this.worker = DaemonThreads.thread("live-inference", this::inferLoop);
    }

    /**
     * Opens {@code source} (on the grabber thread) and starts reconstructing. {@code locator} finds the crop per
     * frame (e.g. {@link io.metroscope.vision.PersonDetector}); when it finds nothing the whole frame is used
     * ({@link #fullFrame}); a null locator uses the official demo's centre crop. Returns at once; results,
     * errors and the end arrive at {@code listener}.
     */
    public static LiveReconstruction start(FrameSource source, CropLocator locator, LiveInference inference,
            LiveOptions options, LiveListener listener) {
        LiveReconstruction live = new LiveReconstruction(source, locator, inference, options, listener);
        live.lastFrameNanos = System.nanoTime();
        live.grabber.start();
        live.worker.start();
        return live;
    }

    /** The square crop showing the whole frame (the longer side fits; black bars on the shorter). */
    public static CropBox fullFrame(RgbImage image) {
        return CropBox.fromBox(0, 0, image.width(), image.height(), 1.0);
    }

    /** Asks both threads to end; returns at once. Idempotent; {@link LiveListener#onFinished} follows. */
    public void stop() {
        stopRequested = true;
        grabber.interrupt();
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** Waits up to {@code timeout} for the pipeline to finish; true when it has. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public boolean isRunning() {
        return finished.getCount() > 0;
    }

    /** Stops and waits up to 5 s for the frame in flight to finish. */
    @Override
    public void close() {
        stop();
        try {
            if (!awaitFinished(Duration.ofSeconds(5))) {
                LOG.warn("live pipeline on {} did not finish within 5 s", source.describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A snapshot of the running totals. */
    public LiveStats stats() {
        synchronized (lock) {
            return statsLocked();
        }
    }

    private LiveStats statsLocked() {
        double fps = 0;
        int n = (int) Math.min(framesProcessed, FPS_WINDOW);
        if (n >= 2) {
            long newest = doneNanos[(int) ((framesProcessed - 1) % FPS_WINDOW)];
            long oldest = doneNanos[(int) ((framesProcessed - n) % FPS_WINDOW)];
            fps = newest > oldest ? (n - 1) * 1e9 / (newest - oldest) : 0;
        }
        double[] a = averages == null ? new double[5] : averages;
        return new LiveStats(framesRead, framesProcessed, framesDropped, fps,
                new LiveResult.StageTimings(a[0], a[1], a[2], a[3], a[4]));
    }

    // ---------------------------------------------------------------- grabber thread

    private void grabLoop() {
        try {
            source.open();
            boolean pace = !source.isLive() && options.realTime() && !options.everyFrame();
            double fps = pace ? source.fps().orElse(0) : 0;
            long startNanos = -1;
            long firstTs = 0;
            while (!stopRequested) {
                long t0 = System.nanoTime();
                Optional<VideoFrame> next = source.next();
                double decodeMillis = (System.nanoTime() - t0) / 1e6;
                if (next.isEmpty()) {
                    break;
                }
                VideoFrame frame = next.get();
                if (pace) {
                    if (startNanos < 0) {
                        startNanos = System.nanoTime();
                        firstTs = frame.timestampMicros();
                    }
                    long due = startNanos + (frame.timestampMicros() - firstTs) * 1000;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                synchronized (lock) {
                    framesRead++;
                    if (!source.isLive() && options.everyFrame()) {
                        while (slot != null && !stopRequested) {
                            lock.wait();
                        }
                    }
                    if (stopRequested) {
                        break;
                    }
                    if (slot != null) {
                        framesDropped++;
                    }
                    slot = new Grabbed(frame, decodeMillis);
                    lastFrameNanos = System.nanoTime();
                    lock.notifyAll();
                }
            }
        } catch (InterruptedException | InterruptedIOException e) {
            if (!stopRequested) {
                synchronized (lock) {
                    sourceError = e;
                }
            }
        } catch (Throwable e) {
            synchronized (lock) {
                if (!stopRequested) {
                    sourceError = e;
                }
            }
        } finally {
            source.close();
            synchronized (lock) {
                sourceDone = true;
                lock.notifyAll();
            }
        }
    }

    // ---------------------------------------------------------------- inference thread

    private void inferLoop() {
        LiveListener.Finish reason = LiveListener.Finish.END_OF_STREAM;
        Throwable error = null;
        try {
            while (true) {
                Grabbed g;
                synchronized (lock) {
                    while (slot == null && !sourceDone && !stopRequested) {
                        long stall = options.stallTimeoutMillis();
                        if (stall > 0 && source.isLive()) {
                            long left = stall - (System.nanoTime() - lastFrameNanos) / 1_000_000;
                            if (left <= 0) {
                                error = new IOException(source.describe() + ": no frame for " + stall
                                        + " ms. Fix: check the camera (unplugged, or used by another program) "
                                        + "and start again");
                                break;
                            }
                            lock.wait(left);
                        } else {
                            lock.wait();
                        }
                    }
                    if (error != null) {
                        reason = LiveListener.Finish.SOURCE_ERROR;
                        break;
                    }
                    if (stopRequested) {
                        reason = LiveListener.Finish.STOPPED;
                        break;
                    }
                    if (slot == null) {
                        if (sourceError != null) {
                            error = sourceError;
                            reason = LiveListener.Finish.SOURCE_ERROR;
                        }
                        break;
                    }
                    g = slot;
                    slot = null;
                    lock.notifyAll();
                }
                LiveResult result;
                try {
                    result = process(g);
                } catch (java.util.concurrent.CancellationException e) {
                    reason = LiveListener.Finish.STOPPED;
                    break;
                } catch (Exception | Error e) {
                    if (stopRequested) {
                        reason = LiveListener.Finish.STOPPED;
                    } else {
                        error = e;
                        reason = LiveListener.Finish.INFERENCE_ERROR;
                    }
                    break;
                }
                try {
                    listener.onResult(result);
                } catch (RuntimeException e) {
                    LOG.warn("live result listener failed", e);
                }
            }
        } catch (InterruptedException e) {
            reason = LiveListener.Finish.STOPPED;
        } finally {
            stopRequested = true;
            grabber.interrupt();
            synchronized (lock) {
                lock.notifyAll();
            }
            try {
                grabber.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (grabber.isAlive()) {
                LOG.warn("{}: the frame reader is stuck in a read; it closes the source when the read returns",
                        source.describe());
            }
            try {
                if (error != null) {
                    listener.onError(error);
                }
                listener.onFinished(reason, stats());
            } catch (RuntimeException e) {
                LOG.warn("live listener failed", e);
            } finally {
                finished.countDown();
            }
        }
    }

    private LiveResult process(Grabbed g) throws Exception {
        RgbImage image = g.frame().image();
        double t = g.frame().timestampSeconds();
        long t0 = System.nanoTime();
        CropBox box = null;
        boolean detected = false;
        if (locator != null) {
            Optional<CropBox> found;
            if (lastDetection != null && sinceDetection < options.detectEvery()) {
                found = Optional.of(lastDetection);
                sinceDetection++;
            } else {
                found = locator.locate(image);
                lastDetection = found.orElse(null);
                sinceDetection = 1;
            }
            detected = found.isPresent();
            box = found.orElseGet(() -> fullFrame(image));
            if (boxFilter != null) {
                double[] s = boxFilter.filter(new double[] {box.centerX(), box.centerY(), box.scale()}, t);
                box = new CropBox(s[0], s[1], Math.max(s[2], 1e-3));
            }
        }
        long t1 = System.nanoTime();
        PreprocessedImage input = box == null ? OfficialPreprocessing.centerCrop(image)
                : OfficialPreprocessing.boxCrop(image, box);
        long t2 = System.nanoTime();
        Reconstruction raw = inference.infer(input, source.describe() + "#" + g.frame().index(), () -> stopRequested);
        long t3 = System.nanoTime();
        Reconstruction shown = smoother == null ? raw : smoother.apply(raw, t);
        long t4 = System.nanoTime();
        LiveResult.StageTimings timings = new LiveResult.StageTimings(g.decodeMillis(), (t1 - t0) / 1e6,
                (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6);
        LiveStats stats;
        synchronized (lock) {
            doneNanos[(int) (framesProcessed % FPS_WINDOW)] = t4;
            framesProcessed++;
            double[] now = {timings.decodeMillis(), timings.detectMillis(), timings.preprocessMillis(),
                    timings.inferenceMillis(), timings.postMillis()};
            if (averages == null) {
                averages = now;
            } else {
                for (int i = 0; i < now.length; i++) {
                    averages[i] += EMA * (now[i] - averages[i]);
                }
            }
            stats = statsLocked();
        }
        return new LiveResult(g.frame(), box, detected, shown, raw, timings, stats);
    }

    /** One-Euro filters over a reconstruction's arrays; 2D projections are recomputed from the smoothed 3D. */
    static final class ReconstructionSmoother {
        private final OneEuroFilter camera;
        private final OneEuroFilter joints;
        private final OneEuroFilter coarse;
        private final OneEuroFilter mid;
        private final OneEuroFilter vertices;
        private final OneEuroFilter root;
        private final OneEuroFilter centred;
        private final OneEuroFilter regressed;
        private final OneEuroFilter coarse2d;

        ReconstructionSmoother(LiveOptions.Smoothing s) {
            camera = f(s);
            joints = f(s);
            coarse = f(s);
            mid = f(s);
            vertices = f(s);
            root = f(s);
            centred = f(s);
            regressed = f(s);
            coarse2d = f(s);
        }

        private static OneEuroFilter f(LiveOptions.Smoothing s) {
            return new OneEuroFilter(s.minCutoff(), s.beta(), s.dCutoff());
        }

        Reconstruction apply(Reconstruction r, double t) {
            float[] cam = camera.filter(r.camera(), t);
            float[] reg = regressed.filter(r.jointsRegressed(), t);
            return new Reconstruction(r.source(), r.crop(), r.modelId(), r.kind(), cam, joints.filter(r.joints(), t),
                    coarse.filter(r.verticesCoarse(), t), mid.filter(r.verticesMid(), t),
                    vertices.filter(r.vertices(), t), root.filter(r.root(), t), centred.filter(r.verticesCentered(), t),
                    reg, PostProcessor.project(reg, cam), coarse2d.filter(r.verticesCoarse2d(), t), r.attentionAllLayers(),
                    r.attentionLayers(), r.attentionHeads(), r.attentionJoint(), r.attentionDemo(), r.timings());
        }
    }
}
