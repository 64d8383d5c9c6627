package io.metroscope.ui.bench;

import io.metroscope.bench.SyntheticBody;
import io.metroscope.body.JointSet;
import io.metroscope.platform.ComputeDeviceService;
import io.metroscope.platform.DeviceSpec;
import io.metroscope.platform.ThreadCpuTimes;
import io.metroscope.recon.LiveInference;
import io.metroscope.recon.ModelBundle;
import io.metroscope.recon.ModelBundles;
import io.metroscope.recon.Reconstruction;
import io.metroscope.recon.ReconstructionModel;
import io.metroscope.recon.ReconstructionService;
import io.metroscope.ui.FxImages;
import io.metroscope.ui.FxThreadWatchdog;
import io.metroscope.ui.FxTiming;
import io.metroscope.ui.attention.AttentionWorkspace;
import io.metroscope.ui.mesh.MeshViewer3D;
import io.metroscope.ui.reconstruct.ImageOverlayView;
import io.metroscope.ui.reconstruct.LiveView;
import io.metroscope.vision.FrameSource;
import io.metroscope.vision.FrameSources;
import io.metroscope.vision.OfficialPreprocessing;
import io.metroscope.vision.PreprocessedImage;
import io.metroscope.vision.RgbImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.Image;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * {@code metroscope bench ui}: the FX-thread cost of the Reconstruct and Attention views with a 6890-vertex body
 * ({@link SyntheticBody}), in a real window (run it under Xvfb on a headless machine): re-colouring the mesh for a
 * new joint, moving the mesh for a new frame, a live source through {@link LiveView} with the overlay stroked on
 * the FX thread (baseline) and drawn off it, and a folder's results arriving from a worker. For each: median,
 * p95 and worst wall time of the FX-thread work, its thread-CPU time, and the worst stall of the FX thread that
 * {@link FxThreadWatchdog} saw (rendering pulses included).
 */
public final class UiBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * What to run: re-colour passes over the 14 joints, frames per mesh/live phase, results in the folder phase; with
     * {@code model} (a bundle, may be null) also the live phase with the real model on {@code video} (a file; null:
     * a synthetic 640×480 camera at 30 fps) on {@code device}.
     */
    public record Options(int recolourPasses, int frames, int results, double modelMillis, Path model, Path video,
            DeviceSpec device) {

        /** The views with the stand-in model only. */
        public Options(int recolourPasses, int frames, int results, double modelMillis) {
            this(recolourPasses, frames, results, modelMillis, null, null, null);
        }
    }

    /** One measured line: FX-thread wall times (median, p95, worst), CPU median, and the watchdog's worst stall. */
    public record Row(String name, int samples, double medianMillis, double p95Millis, double worstMillis,
            double cpuMedianMillis, double worstStallMillis) {

        String format() {
            return String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f | %s |", name, samples,
                    medianMillis, p95Millis, worstMillis, cpuMedianMillis,
                    Double.isNaN(worstStallMillis) ? "–" : String.format(Locale.ROOT, "%.1f", worstStallMillis));
        }
    }

    /** Every row, ratios against the baselines, and the per-handler figures {@link FxTiming} recorded. */
    public record Report(List<Row> rows, List<String> ratios, List<FxTiming.Summary> handlers, String machine) {

        /** A Markdown table, then the ratios and the named FX tasks. */
        public String toTable() {
            StringBuilder sb = new StringBuilder(machine).append("\n\n");
            sb.append("| measurement (FX thread) | n | median ms | p95 ms | worst ms | CPU median ms | worst FX stall ms |\n");
            sb.append("|---|---|---|---|---|---|---|\n");
            rows.forEach(r -> sb.append(r.format()).append('\n'));
            sb.append('\n');
            ratios.forEach(r -> sb.append("- ").append(r).append('\n'));
            sb.append("\nNamed FX-thread tasks over the whole run:\n");
            handlers.forEach(h -> sb.append("    ").append(h).append('\n'));
            return sb.toString();
        }
    }

    private final Options options;
    private final Consumer<String> log;
    private final SyntheticBody body = new SyntheticBody();
    private final FxThreadWatchdog watchdog = new FxThreadWatchdog();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> ratios = new ArrayList<>();
    private Stage stage;
    private TabPane tabs;
    private ImageOverlayView overlay;
    private MeshViewer3D viewer;
    private AttentionWorkspace attention;
    private LiveView live;

    private UiBenchmark(Options options, Consumer<String> log) {
        this.options = options;
        this.log = log;
    }

    /** Starts JavaFX (it needs a display), runs every phase, closes the window. */
    public static Report run(Options options, Consumer<String> log) throws Exception {
        startToolkit();
        if (!Platform.isSupported(ConditionalFeature.SCENE3D)) {
            log.accept("warning: this display has no 3D support; the mesh phases measure a fallback");
        }
        UiBenchmark b = new UiBenchmark(options, log);
        Path dir = Files.createTempDirectory("metroscope-bench-ui-");
        try {
            b.open();
            b.renderCost();
            b.recolour(dir);
            b.meshUpdate();
            b.liveOverlays();
            b.resultsArriving(dir);
            if (options.model() != null) {
                b.liveWithModel();
            }
            return new Report(b.rows, b.ratios, new ArrayList<>(FxTiming.all().values()), machine());
        } finally {
            onFx(() -> b.stage.close());
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void startToolkit() throws InterruptedException {
        // Mesa's software GL (Xvfb, virtual machines) is on JavaFX's deny list: without this the 3D phases would
        // measure no 3D at all. A real GPU is unaffected.
        if (System.getProperty("prism.forceGPU") == null) {
            System.setProperty("prism.forceGPU", "true");
        }
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        } catch (UnsupportedOperationException | UnsatisfiedLinkError noDisplay) {
            throw new IllegalStateException("bench ui needs a display: run it under xvfb-run -a -s \"-screen 0 "
                    + "1600x1000x24\" on a headless machine", noDisplay);
        }
        Platform.setImplicitExit(false);
        started.await();
    }

    private void open() throws Exception {
        onFx(() -> {
            overlay = new ImageOverlayView();
            viewer = new MeshViewer3D();
            attention = new AttentionWorkspace((what, error) -> log.accept(what + ": " + error), List::of);
            live = new LiveView((r, frame, baked) -> showLive(r.reconstruction(), frame, baked),
                    (what, error) -> log.accept(what + ": " + error), watchdog);
            live.setDetectPerson(false);
            BorderPane reconstruct = new BorderPane(new SplitPane(overlay, viewer));
            reconstruct.setTop(live);
            tabs = new TabPane(new Tab("Reconstruct", reconstruct), new Tab("Attention", attention));
            stage = new Stage();
            stage.setScene(new Scene(tabs, 1400, 900));
            stage.setTitle("Metroscope UI benchmark");
            stage.show();
        });
        settle(500);
    }

    /** Phase 1: the joint changes; the mesh, splats and legend follow. */
    private void recolour(Path dir) throws Exception {
        log.accept("re-colouring the mesh for each of 14 joints, " + options.recolourPasses() + " passes");
        Path image = writeImage(dir.resolve("still.png"), 640, 480);
        Reconstruction r = body.reconstruction(image.toString(), 640, 480, 3, true);
        onFx(() -> {
            tabs.getSelectionModel().select(1);
            attention.show(r, body.template());
        });
        settle(1500);
        FxTiming.reset();
        watchdog.begin();
        List<double[]> samples = new ArrayList<>();
        for (int p = 0; p < options.recolourPasses(); p++) {
            for (int j = 0; j < JointSet.LSP_14.size(); j++) {
                int joint = j == 7 ? 8 : j; // the selected joint (7) would change nothing
                samples.add(timedOnFx(() -> attention.selectJoint(joint)));
                Thread.sleep(40);
            }
            samples.add(timedOnFx(() -> attention.selectJoint(7)));
            Thread.sleep(40);
        }
        settle(300);
        watchdog.end();
        Row now = row("re-colour for a new joint (selectJoint)", samples, watchdog.worstMillis());
        rows.add(now);
        FxTiming.all().values().forEach(s -> log.accept("  " + s));

        // Baseline: what a joint change cost the FX thread before, minus the splats: the row's values carried
        // through the upsampling chain and turned into palette coordinates one by one, on the FX thread.
        double[] combined = io.metroscope.recon.AttentionMaps.combine(r.attentionOfLayer(3), r.attentionHeads(),
                r.tokenCount(), io.metroscope.recon.HeadMode.MEAN, -1, true);
        List<double[]> before = new ArrayList<>();
        watchdog.begin();
        for (int p = 0; p < options.recolourPasses(); p++) {
            for (int j = 0; j < JointSet.LSP_14.size(); j++) {
                int joint = j;
                before.add(timedOnFx(() -> {
                    float[] coarse = io.metroscope.recon.AttentionMaps.coarseVertexValues(
                            io.metroscope.recon.AttentionMaps.row(combined, r.tokenCount(), joint), r.jointCount());
                    attention.viewer().mesh().setScalars(io.metroscope.recon.AttentionMaps.onFullMesh(coarse,
                            body.template()));
                }));
                Thread.sleep(40);
            }
        }
        settle(300);
        watchdog.end();
        Row old = row("mesh colours, baseline: chain + per-vertex on the FX thread", before, watchdog.worstMillis());
        // The same mesh colours as the workspace now sets them: palette coordinates made beforehand, one copy.
        io.metroscope.format.SparseMatrix mapping = io.metroscope.recon.AttentionMaps.coarseToFull(body.template());
        float[][] uv = new float[JointSet.LSP_14.size()][];
        for (int j = 0; j < uv.length; j++) {
            uv[j] = io.metroscope.ui.mesh.VertexColoredMesh.texCoords(mapping.multiply(
                    io.metroscope.recon.AttentionMaps.coarseVertexValues(io.metroscope.recon.AttentionMaps.row(
                            combined, r.tokenCount(), j), r.jointCount()), 1));
        }
        List<double[]> after = new ArrayList<>();
        watchdog.begin();
        for (int p = 0; p < options.recolourPasses(); p++) {
            for (int j = 0; j < uv.length; j++) {
                float[] coords = uv[j];
                after.add(timedOnFx(() -> attention.viewer().mesh().setTexCoords(coords)));
                Thread.sleep(40);
            }
        }
        settle(300);
        watchdog.end();
        Row fresh = row("mesh colours: precomputed coordinates, one copy", after, watchdog.worstMillis());
        rows.add(fresh);
        rows.add(old);
        ratios.add(String.format(Locale.ROOT, "mesh colours: one copy / baseline = %.2f (median FX time %.3f vs %.3f "
                + "ms); the whole joint change (list selection, splats, legend) takes %.3f ms median",
                fresh.medianMillis() / old.medianMillis(), fresh.medianMillis(), old.medianMillis(),
                now.medianMillis()));
    }

    /** Phase 0: what one frame of the window costs the renderer (a snapshot waits for it on the FX thread). */
    private void renderCost() throws Exception {
        onFx(() -> tabs.getSelectionModel().select(0));
        onFx(() -> viewer.show(body.pose(0), body.faces()));
        settle(500);
        List<double[]> samples = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            samples.add(timedOnFx(() -> stage.getScene().snapshot(null)));
        }
        rows.add(row("renderer: one frame of the window (scene snapshot)", samples, Double.NaN));
    }

    /** Phase 2: a new pose per frame, in place, against rebuilding the geometry each frame. */
    private void meshUpdate() throws Exception {
        int frames = options.frames();
        log.accept("moving the mesh for " + frames + " frames (in place), then rebuilding it as often (baseline)");
        float[][] poses = new float[60][];
        for (int k = 0; k < poses.length; k++) {
            poses[k] = body.pose(k);
        }
        int[] faces = body.faces();
        onFx(() -> {
            tabs.getSelectionModel().select(0);
            viewer.show(poses[0], faces);
        });
        settle(500);
        double[] stall = new double[2];
        List<List<double[]>> both = new ArrayList<>();
        for (int mode = 0; mode < 2; mode++) {
            boolean rebuild = mode == 1;
            List<double[]> samples = new ArrayList<>();
            watchdog.begin();
            for (int k = 0; k < frames; k++) {
                float[] p = poses[k % poses.length];
                samples.add(timedOnFx(() -> {
                    if (rebuild) {
                        viewer.show(p, faces);
                    } else {
                        viewer.update(p);
                    }
                }));
                Thread.sleep(33);
            }
            settle(200);
            watchdog.end();
            stall[mode] = watchdog.worstMillis();
            both.add(samples);
        }
        Row inPlace = row("mesh update per frame (points set in place)", both.get(0), stall[0]);
        Row rebuilt = row("baseline: mesh rebuilt per frame (show)", both.get(1), stall[1]);
        rows.add(inPlace);
        rows.add(rebuilt);
        ratios.add(String.format(Locale.ROOT, "mesh update: in place / rebuilt = %.2f (median FX time), worst stall "
                + "%.1f vs %.1f ms", inPlace.medianMillis() / rebuilt.medianMillis(), stall[0], stall[1]));
    }

    /** Phase 3: a 640×480 live source through LiveView, overlay stroked on the FX thread, then drawn off it. */
    private void liveOverlays() throws Exception {
        int frames = options.frames();
        double[][] figures = new double[2][];
        for (boolean fast : new boolean[] {false, true}) {
            log.accept("live 640×480, " + frames + " frames, overlay " + (fast ? "drawn off" : "stroked on")
                    + " the FX thread");
            FxTiming.reset();
            liveFrames = 0;
            onFx(() -> {
                live.setFastOverlay(fast);
                live.start(new SyntheticFrameSource(640, 480, 30, frames), inference(), body.faces());
            });
            waitFor(() -> !live.runningProperty().get(), 60 + frames);
            settle(200);
            FxTiming.Summary s = FxTiming.of("live.frame");
            figures[fast ? 1 : 0] = new double[] {live.meanDrawMillis(), live.meanDrawCpuMillis(),
                live.worstDrawMillis(), watchdog.worstMillis()};
            rows.add(new Row("live frame, overlay " + (fast ? "drawn off the FX thread" : "stroked on it (baseline)"),
                    (int) s.count(), s.medianMillis(), s.p95Millis(), s.worstMillis(), s.meanCpuMillis(),
                    watchdog.worstMillis()));
        }
        ratios.add(String.format(Locale.ROOT, "live frame: off-thread overlay / stroked = %.2f (mean FX time %.2f vs "
                + "%.2f ms; CPU %.2f vs %.2f ms)", figures[1][0] / figures[0][0], figures[1][0], figures[0][0],
                figures[1][1], figures[0][1]));
    }

    private volatile long liveFrames;

    /**
     * Phase 5, with a real model: the same frames through the model alone (centre crop, one forward each, nothing
     * drawn) and then through the live pipeline with decoding, the overlay and the 3D view; the ratio of the time
     * per processed frame is what display and decoding add on top of inference.
     */
    private void liveWithModel() throws Exception {
        int frames = options.frames();
        ModelBundle bundle = ModelBundles.load(options.model());
        DeviceSpec device = options.device() == null
                ? DeviceSpec.AUTO : options.device();
        try (ReconstructionService service = new ReconstructionService(
                new ComputeDeviceService());
                ReconstructionModel model = service.load(
                        ModelBundles.modelSpec(bundle, device)).get()) {
            LiveInference inference = LiveInference.of(service, model);
            List<PreprocessedImage> inputs = new ArrayList<>();
            try (FrameSource source = source(frames)) {
                source.open();
                for (var f = source.next(); f.isPresent() && inputs.size() < frames; f = source.next()) {
                    inputs.add(OfficialPreprocessing.centerCrop(f.get().image()));
                }
            }
            log.accept("live with " + options.model().getFileName() + ": " + inputs.size()
                    + " frames through the model alone, then through the live view");
            inference.infer(inputs.get(0), "warm-up", () -> false);
            Map<String, Double> cpu0 = ThreadCpuTimes.byName();
            long t0 = System.nanoTime();
            for (int i = 0; i < inputs.size(); i++) {
                inference.infer(inputs.get(i), "frame " + i, () -> false);
            }
            double alone = (System.nanoTime() - t0) / 1e6 / inputs.size();
            Map<String, Double> aloneCpu = ThreadCpuTimes.since(cpu0, ThreadCpuTimes.byName());
            ratios.add("CPU ms per processed frame by thread group, model alone: " + cpuPerFrame(aloneCpu,
                    inputs.size()));
            for (boolean with3d : new boolean[] {true, false}) {
                liveRun(inference, model, inputs.size(), alone, with3d);
            }
        }
    }

    /** The live view on the --model phase's source until {@code frames} are processed, the 3D view on or off. */
    private void liveRun(LiveInference inference, ReconstructionModel model, int frames, double alone,
            boolean with3d) throws Exception {
        java.util.concurrent.atomic.AtomicLongArray span = new java.util.concurrent.atomic.AtomicLongArray(2);
        AtomicLong processed = new AtomicLong();
        LiveInference timed = (input, label, cancelled) -> {
            long start = System.nanoTime();
            span.compareAndSet(0, 0, start);
            Reconstruction r = inference.infer(input, label, cancelled);
            span.set(1, System.nanoTime());
            processed.incrementAndGet();
            return r;
        };
        FxTiming.reset();
        liveFrames = 0;
        Map<String, Double> cpu = ThreadCpuTimes.byName();
        FrameSource source = source(Long.MAX_VALUE);
        onFx(() -> {
            live.setFastOverlay(true);
            live.setShow3d(with3d);
            live.start(source, timed, model.template().faces());
        });
        waitFor(() -> processed.get() >= frames || !live.runningProperty().get(), 60 + frames * 10L);
        Map<String, Double> liveCpu = ThreadCpuTimes.since(cpu, ThreadCpuTimes.byName());
        long n = processed.get();
        onFx(live::stop);
        waitFor(() -> !live.runningProperty().get(), 30);
        onFx(() -> live.setShow3d(true));
        settle(200);
        double inLive = (span.get(1) - span.get(0)) / 1e6 / Math.max(1, n - 1);
        String views = with3d ? "image + 3D view" : "image only, 3D view off";
        FxTiming.Summary s = FxTiming.of("live.frame");
        rows.add(new Row("live frame with " + options.model().getFileName() + ", " + views + " ("
                + source.describe() + ")", (int) s.count(), s.medianMillis(), s.p95Millis(), s.worstMillis(),
                s.meanCpuMillis(), watchdog.worstMillis()));
        ratios.add(String.format(Locale.ROOT, "live with the model, %s: %.1f ms per processed frame in the live view "
                + "(decode + overlay + display running) vs %.1f ms through the model alone = %.3f (%+.1f %%; "
                + "%d frames live, %d alone; %.2f vs %.2f fps; %d frames shown)", views, inLive, alone,
                inLive / alone, (inLive / alone - 1) * 100, n, frames, 1000 / inLive, 1000 / alone, s.count()));
        ratios.add("CPU ms per processed frame by thread group, live view, " + views + ": "
                + cpuPerFrame(liveCpu, n));
    }

    /** Thread CPU (Linux /proc) per frame, grouped by what the threads do. */
    private static String cpuPerFrame(Map<String, Double> cpu, long frames) {
        if (cpu.isEmpty()) {
            return "n/a (no /proc/self/task)";
        }
        Map<String, Double> groups = new java.util.LinkedHashMap<>();
        for (String g : List.of("inference (model + PyTorch/OpenMP workers)", "decode (grabber + FFmpeg threads)",
                "overlay worker", "FX thread", "renderer (JavaFX + Mesa llvmpipe)", "other (GC, JIT, …)")) {
            groups.put(g, 0.0);
        }
        cpu.forEach((name, ms) -> groups.merge(threadGroup(name), ms, Double::sum));
        StringBuilder sb = new StringBuilder();
        groups.forEach((g, ms) -> sb.append(String.format(Locale.ROOT, "%s %.1f; ", g, ms / Math.max(1, frames))));
        sb.append("the most of the other threads: ");
        cpu.entrySet().stream().filter(e -> threadGroup(e.getKey()).startsWith("other"))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(4)
                .forEach(e -> sb.append(String.format(Locale.ROOT, "%s %.1f, ", e.getKey(),
                        e.getValue() / Math.max(1, frames))));
        return sb.substring(0, sb.length() - 2);
    }

    private static String threadGroup(String name) {
        if (name.equals("java") || name.startsWith("live-inference") || name.startsWith("metro-inference")) {
            return "inference (model + PyTorch/OpenMP workers)";
        } else if (name.startsWith("live-grabber") || name.startsWith("av:")) {
            return "decode (grabber + FFmpeg threads)";
        } else if (name.startsWith("live-overlay")) {
            return "overlay worker";
        } else if (name.startsWith("JavaFX Applicat")) {
            return "FX thread";
        } else if (name.startsWith("QuantumRenderer") || name.startsWith("llvmpipe") || name.startsWith("gallium")) {
            return "renderer (JavaFX + Mesa llvmpipe)";
        }
        return "other (GC, JIT, …)";
    }

    /** The live phase's source: the video given, or a synthetic 640×480 camera at 30 fps. */
    private FrameSource source(long frames) throws IOException {
        return options.video() == null ? new SyntheticFrameSource(640, 480, 30, frames)
                : FrameSources.forName(options.video().toString());
    }

    private void showLive(Reconstruction rec, javafx.scene.image.WritableImage frame, boolean baked) {
        overlay.show(frame, rec, body.faces(), baked);
        if (liveFrames++ == 0 || viewer.mesh().vertexCount() != rec.vertexCount()) {
            viewer.show(rec.verticesCentered(), body.faces());
        } else if (live.show3d()) {
            viewer.update(rec.verticesCentered());
        }
    }

    /** A model stand-in: the synthetic body's pose for the frame after {@code modelMillis} of work. */
    private LiveInference inference() {
        long[] k = {0};
        return (input, label, cancelled) -> {
            spin(options.modelMillis());
            return body.reconstruction(label, 640, 480, k[0]++, false);
        };
    }

    /** Phase 4: a folder's results arriving from a worker while the Reconstruct workspace shows each. */
    private void resultsArriving(Path dir) throws Exception {
        int n = options.results();
        log.accept(n + " results with attention arriving from a worker, " + options.modelMillis()
                + " ms apart, each shown as the Reconstruct workspace shows a selected result");
        List<Path> images = List.of(writeImage(dir.resolve("a.jpg"), 640, 480),
                writeImage(dir.resolve("b.jpg"), 1280, 960), writeImage(dir.resolve("c.jpg"), 4000, 3000));
        List<Reconstruction> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path f = images.get(i % images.size());
            BufferedImage size = ImageIO.read(f.toFile());
            results.add(body.reconstruction(f.toString(), size.getWidth(), size.getHeight(), i * 5L, true));
        }
        onFx(() -> tabs.getSelectionModel().select(0));
        settle(300);
        FxTiming.reset();
        watchdog.begin();
        CountDownLatch shown = new CountDownLatch(n);
        AtomicReference<Path> shownFile = new AtomicReference<>();
        for (Reconstruction r : results) {
            spin(options.modelMillis());
            Platform.runLater(() -> FxTiming.run("bench.result", () -> {
                showStill(r, shownFile);
                shown.countDown();
            }));
        }
        shown.await(60, TimeUnit.SECONDS);
        settle(1500);
        watchdog.end();
        FxTiming.Summary s = FxTiming.of("bench.result");
        rows.add(new Row("result arrives (overlay, 3D view, attention)", (int) s.count(), s.medianMillis(),
                s.p95Millis(), s.worstMillis(), s.meanCpuMillis(), watchdog.worstMillis()));
        FxTiming.all().values().forEach(x -> log.accept("  " + x));
    }

    /** What the Reconstruct workspace does when a result arrives for the selected input. */
    private void showStill(Reconstruction r, AtomicReference<Path> shownFile) {
        Path file = Path.of(r.source());
        overlay.show(null, r, body.faces());
        shownFile.set(file);
        FxImages.loadAsync(file, (Image image) -> {
            if (file.equals(shownFile.get())) {
                overlay.show(image, r, body.faces());
            }
        });
        viewer.show(r.verticesCentered(), body.faces());
        viewer.showJoints(r.jointsRegressed(), JointSet.LSP_14.parents());
        attention.show(r, body.template());
    }

    private static Path writeImage(Path file, int width, int height) throws IOException {
        RgbImage img = SyntheticBody.frame(width, height, 1);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        byte[] rgb = img.rgb();
        for (int y = 0, i = 0; y < height; y++) {
            for (int x = 0; x < width; x++, i += 3) {
                out.setRGB(x, y, (rgb[i] & 255) << 16 | (rgb[i + 1] & 255) << 8 | rgb[i + 2] & 255);
            }
        }
        ImageIO.write(out, file.toString().endsWith(".png") ? "png" : "jpg", file.toFile());
        return file;
    }

    private static Row row(String name, List<double[]> samples, double stall) {
        double[] wall = samples.stream().mapToDouble(s -> s[0]).sorted().toArray();
        double[] cpu = samples.stream().mapToDouble(s -> s[1]).sorted().toArray();
        return new Row(name, wall.length, quantile(wall, 0.5), quantile(wall, 0.95), wall[wall.length - 1],
                quantile(cpu, 0.5), stall);
    }

    static double quantile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    /** Runs {@code work} on the FX thread and returns its {wall, CPU} time in ms. */
    private static double[] timedOnFx(Runnable work) throws Exception {
        double[] t = new double[2];
        onFx(() -> {
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            work.run();
            t[0] = (System.nanoTime() - t0) / 1e6;
            t[1] = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e6;
        });
        return t;
    }

    private static void onFx(Runnable work) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Platform.runLater(() -> {
            try {
                work.run();
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                done.countDown();
            }
        });
        if (!done.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the FX thread did not run a task within 120 s");
        }
        if (failure.get() != null) {
            throw new IllegalStateException("FX task failed", failure.get());
        }
    }

    /** Lets pending FX work, decoding and rendering finish. */
    private static void settle(long millis) throws Exception {
        Thread.sleep(millis);
        onFx(() -> { });
    }

    private static void waitFor(java.util.function.BooleanSupplier done, long seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out after " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }

    /** Busy work for {@code millis} (a model forward holds a core; sleeping would not). */
    private static void spin(double millis) {
        long end = System.nanoTime() + (long) (millis * 1e6);
        double x = 0;
        while (System.nanoTime() < end) {
            x += Math.sqrt(x + 1);
        }
        if (x < 0) {
            throw new AssertionError();
        }
    }

    private static String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return String.format(Locale.ROOT, "%s %s, %d CPUs, load average %.1f, JavaFX %s, prism order %s, forceGPU %s",
                System.getProperty("java.vm.name"), System.getProperty("java.version"), os.getAvailableProcessors(),
                os.getSystemLoadAverage(), System.getProperty("javafx.runtime.version"),
                System.getProperty("prism.order", "default"), System.getProperty("prism.forceGPU"));
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return quantile(v, 0.5);
    }
}
