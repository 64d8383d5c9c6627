package io.metroscope.ui.reconstruct;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.app.AppServices;
import io.metroscope.recon.Reconstruction;
import io.metroscope.ui.FxLookup;
import io.metroscope.ui.MainWindow;
import io.metroscope.ui.TestApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Under Xvfb: a folder run fills the results table (sort, click a row, export CSV), then a video plays live
 * with the wireframe stroked on the FX thread and then drawn off it. Prints the worst FX-thread stall the
 * watchdog saw during each run and the FX cost per live frame of both overlays (figures for the benchmark note;
 * nothing here asserts a timing).
 */
@Tag("xvfb")
@ExtendWith(ApplicationExtension.class)
class FolderAndLiveFlowTest {

    @TempDir
    static Path home;

    private AppServices services;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        services = TestApp.services(home);
        window = TestApp.show(stage, services, 1400, 900);
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void folderResultsTableThenLiveVideoWithBothOverlays(FxRobot robot) throws Exception {
        var spec = ReconstructFlowTest.fixtureModel();
        ReconstructWorkspace ws = window.reconstructWorkspace();
        Path folder = Files.createDirectories(home.resolve("folder"));
        for (String name : List.of("img_a_224.png", "img_b_480x360.jpg", "img_c_rgba_301x257.png")) {
            Files.copy(ReconstructFlowTest.BODY.resolve(name), folder.resolve(name));
        }
        Files.writeString(folder.resolve("broken.jpg"), "not a jpeg");
        robot.interact(() -> {
            window.loadModel(spec);
            window.openFiles(List.of(folder));
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> ws.session().modelProperty().get() != null);
        var table = ws.resultsTable();
        assertThat(table.getItems()).hasSize(4);
        assertThat(table.isVisible() && table.getScene() != null).as("the table shows for a folder").isTrue();

        robot.interact(ws::runWaiting);
        List<InputEntry> entries = ws.session().inputs();
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> entries.stream().allMatch(
                e -> e.statusProperty().get() == InputStatus.DONE || e.statusProperty().get() == InputStatus.FAILED));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !ws.fxWatchdog().isWatching());
        System.out.printf("folder run (4 inputs): worst FX-thread task while inference ran %.1f ms (%d probes)%n",
                ws.fxWatchdog().worstMillis(), ws.fxWatchdog().probes());
        // Which handlers the FX thread ran, by name (wall and CPU time): the stall above includes rendering waits.
        io.metroscope.ui.FxTiming.all().values().forEach(t -> System.out.println("  " + t));
        assertThat(ws.fxWatchdog().probes()).as("the watchdog probed the FX thread during the run").isPositive();

        // Sort by time: the failed input (no time) first, then ascending.
        @SuppressWarnings("unchecked")
        TableColumn<InputEntry, ?> time = (TableColumn<InputEntry, ?>) table.getColumns().get(3);
        robot.interact(() -> {
            time.setSortType(TableColumn.SortType.ASCENDING);
            table.getSortOrder().setAll(Collections.singletonList(time));
        });
        List<InputEntry> shown = new ArrayList<>(table.getItems());
        assertThat(shown.get(0).file().getFileName().toString()).isEqualTo("broken.jpg");
        for (int i = 2; i < shown.size(); i++) {
            assertThat(ResultsTable.millis(shown.get(i).resultProperty().get()))
                    .isGreaterThanOrEqualTo(ResultsTable.millis(shown.get(i - 1).resultProperty().get()));
        }

        // Clicking a row shows that input.
        InputEntry target = shown.get(2);
        robot.clickOn(FxLookup.nth(robot, ".table-row-cell", 2));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ws.selectedResultProperty().get()).isSameAs(target.resultProperty().get());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, ws::imageShown);
        saveScene("reconstruct-results-table.png");

        Path csv = home.resolve("results.csv");
        robot.interact(() -> ws.exportTable(csv));
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("file,status,box_x,box_y,box_w,box_h,time_ms,camera_scale,error");
        assertThat(lines).hasSize(5);
        assertThat(lines.get(1)).startsWith(folder.resolve("broken.jpg") + "," + InputStatus.FAILED + ",,,,,,,").contains("broken.jpg");
        String[] row = lines.get(3).split(",");
        Reconstruction r = target.resultProperty().get();
        assertThat(row[0]).isEqualTo(target.file().toString());
        assertThat(row[1]).isEqualTo(InputStatus.DONE.toString());
        assertThat(Double.parseDouble(row[7])).isEqualTo((double) r.camera()[0]);
        double[] a = r.crop().toImage(0, 0);
        assertThat(Double.parseDouble(row[2])).isCloseTo(a[0], org.assertj.core.data.Offset.offset(0.5));
        assertThat(Double.parseDouble(row[6])).isEqualTo(ResultsTable.millis(r));

        // Live: the same 640×480 clip with the wireframe stroked on the FX thread, then drawn off it.
        Path video = io.metroscope.vision.LiveTestVideos.h264Mp4(home.resolve("clip.mp4"), 640, 480, 60, 20);
        Label stats = FxLookup.in(window.scene(), "#live-stats", Label.class);
        // Read by the test thread while the FX thread adds to it (a synchronized list's stream is not synchronized).
        List<String> seen = new CopyOnWriteArrayList<>();
        List<String> sizes = new ArrayList<>();
        // Live for the clip's three seconds only: a poll of the property could miss it; a listener cannot.
        AtomicBoolean wentLive = FxLookup.turnsTrue(ws.liveProperty());
        robot.interact(() -> stats.textProperty().addListener((o, old, text) -> seen.add(text)));
        double[][] figures = new double[2][];
        for (boolean fast : new boolean[] {false, true}) {
            robot.interact(() -> ws.setFastLiveOverlay(fast));
            seen.stream().filter(t -> t.startsWith("640×480 · ")).findFirst().ifPresent(sizes::add);
            seen.clear();
            wentLive.set(false);
            robot.interact(() -> window.openFiles(List.of(video)));
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, wentLive::get);
            if (fast) {
                WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> seen.stream().anyMatch(t -> t.contains("fps")));
                saveScene("reconstruct-live-fast-overlay.png");
            }
            WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !ws.liveProperty().get());
            assertThat(stats.getText()).startsWith("end of stream:");
            figures[fast ? 1 : 0] = new double[] {ws.meanLiveDrawMillis(), ws.worstLiveDrawMillis(),
                ws.fxWatchdog().worstMillis(), ws.meanLiveDrawCpuMillis()};
        }
        seen.stream().filter(t -> t.startsWith("640×480 · ")).findFirst().ifPresent(sizes::add);
        assertThat(sizes).as("the live bar names the frame size delivered, in both runs").hasSize(2);
        overlayCostBothWays(robot, ws);
        System.out.printf("live 640×480, wireframe on the FX thread:  FX per frame mean %.2f ms (CPU %.2f ms), worst "
                + "%.2f ms; worst FX task %.1f ms%n", figures[0][0], figures[0][3], figures[0][1], figures[0][2]);
        System.out.printf("live 640×480, wireframe off the FX thread: FX per frame mean %.2f ms (CPU %.2f ms), worst "
                + "%.2f ms; worst FX task %.1f ms%n", figures[1][0], figures[1][3], figures[1][1], figures[1][2]);
    }

    /**
     * The overlay alone, 20 times each way, alternating so that machine load hits both alike: the FX thread
     * uploads the frame, draws the overlay and renders the view (a snapshot waits for the rendering, where the
     * canvas's stroked wireframe really costs). The fast way's wireframe is drawn beforehand, off the FX thread.
     */
    private static void overlayCostBothWays(FxRobot robot, ReconstructWorkspace ws) throws Exception {
        Reconstruction live = ws.selectedResultProperty().get();
        int[] faces = ws.session().modelProperty().get().template().faces();
        byte[] rgb = new byte[640 * 480 * 3];
        java.util.Arrays.fill(rgb, (byte) 90);
        io.metroscope.vision.RgbImage frame = new io.metroscope.vision.RgbImage(640, 480, rgb);
        WireframeRaster raster = new WireframeRaster(faces);
        int[] argb = new int[640 * 480];
        int[] parents = io.metroscope.body.JointSet.LSP_14.parents();
        double[] compose = new double[20];
        for (int i = 0; i < compose.length; i++) {
            long t0 = System.nanoTime();
            raster.compose(frame, live.verticesImagePixels(), live.joints2dImagePixels(), parents, argb);
            compose[i] = (System.nanoTime() - t0) / 1e6;
        }
        double[][] fx = new double[2][20];
        javafx.scene.image.WritableImage image = new javafx.scene.image.WritableImage(640, 480);
        ImageOverlayView overlay = ws.overlay();
        for (int i = 0; i < 40; i++) {
            boolean fast = i % 2 == 1;
            int k = i / 2;
            robot.interact(() -> {
                long t0 = System.nanoTime();
                if (fast) {
                    image.getPixelWriter().setPixels(0, 0, 640, 480, javafx.scene.image.PixelFormat.getIntArgbInstance(),
                            argb, 0, 640);
                } else {
                    image.getPixelWriter().setPixels(0, 0, 640, 480, javafx.scene.image.PixelFormat.getByteRgbInstance(),
                            rgb, 0, 640 * 3);
                }
                overlay.show(image, live, faces, fast);
                overlay.snapshot(null, null);
                fx[fast ? 1 : 0][k] = (System.nanoTime() - t0) / 1e6;
            });
        }
        System.out.printf("overlay 640×480 (upload + draw + render), FX thread median of 20: stroked on the FX "
                + "thread %.2f ms, drawn off it %.2f ms (+ %.2f ms median on the overlay worker)%n", median(fx[0]),
                median(fx[1]), median(compose));
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private void saveScene(String name) throws IOException {
        javafx.scene.image.WritableImage shot;
        try {
            shot = WaitForAsyncUtils.asyncFx(() -> window.scene().snapshot(null)).get();
        } catch (Exception e) {
            throw new IOException("snapshot failed", e);
        }
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        ImageIO.write(SwingFXUtils.fromFXImage(shot, null), "png", dir.resolve(name).toFile());
    }
}
