package io.metroscope.cli;

import io.metroscope.format.FormatException;
import io.metroscope.jobs.Futures;
import io.metroscope.platform.ComputeDeviceService;
import io.metroscope.recon.LiveInference;
import io.metroscope.recon.LiveListener;
import io.metroscope.recon.LiveOptions;
import io.metroscope.recon.LiveReconstruction;
import io.metroscope.recon.LiveResult;
import io.metroscope.recon.LiveStats;
import io.metroscope.recon.ReconstructionModel;
import io.metroscope.recon.ReconstructionService;
import io.metroscope.recon.RunOptions;
import io.metroscope.vision.CropBox;
import io.metroscope.vision.FrameSource;
import io.metroscope.vision.FrameSources;
import io.metroscope.vision.PersonDetector;
import io.metroscope.vision.WebcamSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs the live pipeline headless on a video, image folder or camera and reports its speed (and a CSV). */
@Command(name = "live", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reconstruct a video, an image folder or a camera live, headless.",
                "Sources: a video file, an image folder, a camera (/dev/videoN, camera:N). Person detection (HOG), "
                        + "crop, METRO (--bundle, or --checkpoint with a template), One-Euro smoothing; prints frame "
                        + "rate and stage timings."})
public final class LiveCommand implements java.util.concurrent.Callable<Integer> {

    @Mixin
    DeviceOption device;

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Option(names = "--frames", paramLabel = "N", defaultValue = "0", converter = NonNegativeInt.class,
            description = "Stop after N processed frames (0: until the source ends or Ctrl-C).")
    int frames;

    @Option(names = "--every-frame", description = "Files: process every frame instead of dropping the ones the model "
            + "has no time for (at real-time pace).")
    boolean everyFrame;

    @Option(names = "--no-detect", description = "Use the official centre crop instead of the person detector.")
    boolean noDetect;

    @Option(names = "--detect-every", paramLabel = "N", defaultValue = "1", converter = PositiveInt.class,
            description = "Run the detector every N-th frame. Default: ${DEFAULT-VALUE}.")
    int detectEvery;

    @Option(names = "--no-smoothing", description = "Raw per-frame results (no One-Euro filter).")
    boolean noSmoothing;

    @Mixin
    FlipAverageOption flipAverage = new FlipAverageOption();

    @Option(names = "--size", paramLabel = "WxH", description = "Camera resolution to ask for, e.g. 1280x720.")
    String size;

    @Option(names = "--csv", paramLabel = "OUT.csv", description = "Write one row per processed frame.")
    Path csv;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "Video file, image folder, /dev/videoN or camera:N.")
    String source;

    @Spec
    CommandSpec spec;

    private final ComputeDeviceService devices;

    public LiveCommand(ComputeDeviceService devices) {
        this.devices = devices;
    }

    @Override
    public Integer call() throws Exception {
        OutputFiles.prepare(csv);
        ModelOptions.Chosen chosen = modelOptions.choose(device.spec());
        FrameSource frameSource = frameSource();
        try {
            frameSource.open(); // fail fast on a bad source, before the model loads (open is idempotent)
        } catch (IOException | RuntimeException e) {
            frameSource.close();
            throw e;
        }
        LiveOptions options = LiveOptions.live().withEveryFrame(everyFrame).withDetectEvery(detectEvery)
                .withSmoothing(noSmoothing ? null : LiveOptions.Smoothing.defaults());
        PrintWriter o = spec.commandLine().getOut();
        try (ReconstructionService service = new ReconstructionService(devices);
                ReconstructionModel model = Futures.result(service.load(chosen.spec()));
                BufferedWriter rows = csv == null ? null : Files.newBufferedWriter(csv)) {
            chosen.check(model.architecture());
            flipAverage.requireBody(spec, model.architecture().kind() == io.metroscope.model.MeshKind.BODY,
                    model.id());
            if (rows != null) {
                rows.write("index,time_s,detected,box_cx,box_cy,box_side,cam_s,cam_tx,cam_ty,decode_ms,detect_ms,"
                        + "preprocess_ms,inference_ms,post_ms,fps\n");
            }
            AtomicReference<Throwable> error = new AtomicReference<>();
            AtomicReference<LiveStats> last = new AtomicReference<>();
            AtomicReference<LiveListener.Finish> finish = new AtomicReference<>();
            AtomicInteger processed = new AtomicInteger();
            AtomicReference<LiveReconstruction> live = new AtomicReference<>();
            LiveListener listener = new LiveListener() {
                @Override
                public void onResult(LiveResult r) {
                    if (rows != null) {
                        writeRow(rows, r);
                    }
                    if (frames > 0 && processed.incrementAndGet() >= frames && live.get() != null) {
                        live.get().stop();
                    }
                }

                @Override
                public void onError(Throwable e) {
                    error.set(e);
                }

                @Override
                public void onFinished(Finish reason, LiveStats stats) {
                    finish.set(reason);
                    last.set(stats);
                }
            };
            LiveReconstruction running = LiveReconstruction.start(frameSource, noDetect ? null : new PersonDetector(),
                    LiveInference.of(service, model, new RunOptions(false, 1, flipAverage.on())), options, listener);
            live.set(running);
            Thread hook = new Thread(running::close, "live-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                while (!running.awaitFinished(java.time.Duration.ofSeconds(1))) {
                    // wait; Ctrl-C stops through the hook
                }
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // shutting down already
                }
            }
            LiveStats s = last.get();
            LiveResult.StageTimings a = s.averages();
            o.printf(Locale.ROOT, "Model:    %s on %s%n", model.id(), model.device().name());
            o.printf(Locale.ROOT, "Source:   %s%n", frameSource.describe());
            o.printf(Locale.ROOT, "Frames:   %d read, %d processed, %d dropped; %.1f frames/s (last %d)%n",
                    s.framesRead(), s.framesProcessed(), s.framesDropped(), s.fps(), LiveReconstruction.FPS_WINDOW);
            o.printf(Locale.ROOT, "Stages:   decode %.1f ms, detect %.1f ms, preprocess %.1f ms, inference %.1f ms, "
                    + "post %.1f ms (moving averages)%n", a.decodeMillis(), a.detectMillis(), a.preprocessMillis(),
                    a.inferenceMillis(), a.postMillis());
            o.printf(Locale.ROOT, "Finished: %s%n", finish.get());
            o.flush();
            Throwable e = error.get();
            if (e instanceof FormatException fe) {
                throw fe;
            }
            if (e != null) {
                spec.commandLine().getErr().println("metroscope: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return e instanceof IOException ? MetroscopeCommand.EXIT_UNAVAILABLE : 1;
            }
        }
        return 0;
    }

    private static void writeRow(BufferedWriter rows, LiveResult r) {
        CropBox b = r.box();
        float[] cam = r.reconstruction().camera();
        LiveResult.StageTimings t = r.timings();
        try {
            rows.write(String.format(Locale.ROOT, "%d,%.4f,%b,%s,%s,%s,%.5f,%.5f,%.5f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f%n",
                    r.frame().index(), r.frame().timestampSeconds(), r.detected(),
                    b == null ? "" : String.format(Locale.ROOT, "%.1f", b.centerX()),
                    b == null ? "" : String.format(Locale.ROOT, "%.1f", b.centerY()),
                    b == null ? "" : String.format(Locale.ROOT, "%.1f", b.side()), cam[0], cam[1], cam[2],
                    t.decodeMillis(), t.detectMillis(), t.preprocessMillis(), t.inferenceMillis(), t.postMillis(),
                    r.stats().fps()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private FrameSource frameSource() throws FormatException {
        FrameSource s = FrameSources.forName(source);
        if (size != null) {
            if (!(s instanceof WebcamSource cam)) {
                throw new ParameterException(spec.commandLine(), "--size applies to cameras only");
            }
            String[] wh = size.toLowerCase(Locale.ROOT).split("x");
            try {
                return new WebcamSource(cam.settings().withResolution(Integer.parseInt(wh[0].trim()),
                        Integer.parseInt(wh[1].trim())));
            } catch (RuntimeException e) {
                throw new ParameterException(spec.commandLine(), "--size must look like 1280x720, not " + size);
            }
        }
        return s;
    }
}
