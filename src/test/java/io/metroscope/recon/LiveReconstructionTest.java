package io.metroscope.recon;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.model.MeshKind;
import io.metroscope.vision.CropBox;
import io.metroscope.vision.FrameSource;
import io.metroscope.vision.RgbImage;
import io.metroscope.vision.VideoFrame;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The live pipeline's threading, with a fake source and a fake model. */
class LiveReconstructionTest {

    /** Frames whose first pixel's red value is the index (mod 256); optional failure or endless live mode. */
    static class FakeSource implements FrameSource {
        final int frames;
        final boolean live;
        final int failAt;
        final long delayMillis;
        final AtomicInteger produced = new AtomicInteger();
        volatile boolean closed;

        FakeSource(int frames, boolean live, int failAt, long delayMillis) {
            this.frames = frames;
            this.live = live;
            this.failAt = failAt;
            this.delayMillis = delayMillis;
        }

        @Override
        public String describe() {
            return "fake";
        }

        @Override
        public void open() {
        }

        @Override
        public Optional<VideoFrame> next() throws IOException {
            int i = produced.get();
            if (i == failAt) {
                throw new IOException("fake: camera unplugged");
            }
            if (frames >= 0 && i >= frames) {
                return Optional.empty();
            }
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
            }
            RgbImage img = RgbImage.black(32, 24);
            img.rgb()[0] = (byte) i;
            produced.incrementAndGet();
            return Optional.of(new VideoFrame(i, i * 33_333L, img));
        }

        @Override
        public int width() {
            return 32;
        }

        @Override
        public int height() {
            return 24;
        }

        @Override
        public OptionalDouble fps() {
            return OptionalDouble.of(30);
        }

        @Override
        public boolean isLive() {
            return live;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** A model that takes {@code millis} and returns camera s = a given value. */
    static LiveInference slowModel(long millis, AtomicInteger calls) {
        return (input, label, cancelled) -> {
            calls.incrementAndGet();
            Thread.sleep(millis);
            return fake(label, 1f + calls.get() % 2 * 0.1f);
        };
    }

    static Reconstruction fake(String label, float s) {
        float[] p3 = {0.1f, 0.2f, 0.3f};
        return new Reconstruction(label, new io.metroscope.vision.CropTransform(0, 0, 1, 1, 224, 224), "fake",
                MeshKind.BODY, new float[] {s, 0, 0}, p3, p3, new float[0], p3, p3, p3, p3,
                new float[] {s * 0.1f, s * 0.2f}, new float[] {0, 0}, new float[0], 0, 0, 0, new double[0],
                new Reconstruction.Timings(1, 1, 0));
    }

    static final class Collector implements LiveListener {
        final List<LiveResult> results = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final AtomicReference<Finish> finish = new AtomicReference<>();
        final AtomicReference<LiveStats> stats = new AtomicReference<>();
        final CountDownLatch done = new CountDownLatch(1);

        @Override
        public void onResult(LiveResult result) {
            results.add(result);
        }

        @Override
        public void onError(Throwable e) {
            error.set(e);
        }

        @Override
        public void onFinished(Finish reason, LiveStats s) {
            finish.set(reason);
            stats.set(s);
            done.countDown();
        }

        void await() throws InterruptedException {
            assertThat(done.await(20, TimeUnit.SECONDS)).as("pipeline finished").isTrue();
        }
    }

    static final LiveOptions RAW = new LiveOptions(null, false, false, 0);

    @Test
    void slowModelDropsFramesInsteadOfQueueingAndTakesTheNewest() throws Exception {
        FakeSource source = new FakeSource(300, false, -1, 0);
        AtomicInteger calls = new AtomicInteger();
        Collector c = new Collector();
        LiveReconstruction live = LiveReconstruction.start(source, null, slowModel(20, calls), RAW, c);
        c.await();
        assertThat(c.finish.get()).isEqualTo(LiveListener.Finish.END_OF_STREAM);
        LiveStats s = c.stats.get();
        assertThat(s.framesRead()).isEqualTo(300);
        assertThat(s.framesProcessed()).isEqualTo(c.results.size()).isLessThan(100);
        assertThat(s.framesDropped()).isGreaterThan(200);
        // Every frame is either processed or dropped: nothing waits in a queue.
        assertThat(s.framesProcessed() + s.framesDropped()).isEqualTo(300);
        // Indices only increase, with gaps, and the last frame of the stream is the last one processed.
        long prev = -1;
        for (LiveResult r : c.results) {
            assertThat(r.frame().index()).isGreaterThan(prev);
            prev = r.frame().index();
        }
        assertThat(prev).isEqualTo(299);
        assertThat(source.closed).isTrue();
        assertThat(live.awaitFinished(Duration.ofSeconds(2))).isTrue();
        assertThat(live.isRunning()).isFalse();
        assertThat(c.results.get(c.results.size() - 1).timings().inferenceMillis()).isGreaterThanOrEqualTo(15);
    }

    @Test
    void processedFrameIsTheNewestAvailable() throws Exception {
        // A source at ~100 fps and a model at ~50 ms: each result's frame must be within a few frames (scheduling noise on a loaded machine) of the
        // newest frame read when inference started, never an old one from a backlog.
        FakeSource source = new FakeSource(120, false, -1, 10);
        AtomicInteger calls = new AtomicInteger();
        Collector c = new Collector();
        List<long[]> seen = new CopyOnWriteArrayList<>();
        LiveInference model = (input, label, cancelled) -> {
            long index = Long.parseLong(label.substring(label.indexOf('#') + 1));
            seen.add(new long[] {index, source.produced.get()});
            return slowModel(50, calls).infer(input, label, cancelled);
        };
        LiveReconstruction.start(source, null, model, RAW, c);
        c.await();
        for (long[] s : seen) {
            assertThat(s[1] - 1 - s[0]).as("frames newer than the one taken").isLessThanOrEqualTo(5); // a backlog would be dozens
        }
        assertThat(c.stats.get().framesDropped()).isGreaterThan(0);
    }

    @Test
    void everyFrameModeProcessesAllFramesOfAFile() throws Exception {
        FakeSource source = new FakeSource(40, false, -1, 0);
        Collector c = new Collector();
        LiveReconstruction.start(source, null, slowModel(2, new AtomicInteger()), RAW.withEveryFrame(true), c);
        c.await();
        assertThat(c.results).hasSize(40);
        assertThat(c.stats.get().framesDropped()).isZero();
    }

    @Test
    void sourceErrorIsReportedAndThePipelineStops() throws Exception {
        FakeSource source = new FakeSource(-1, true, 25, 2);
        Collector c = new Collector();
        LiveReconstruction.start(source, null, slowModel(5, new AtomicInteger()), RAW, c);
        c.await();
        assertThat(c.finish.get()).isEqualTo(LiveListener.Finish.SOURCE_ERROR);
        assertThat(c.error.get()).hasMessageContaining("unplugged");
        assertThat(source.closed).isTrue();
    }

    @Test
    void stopEndsAnEndlessCameraQuickly() throws Exception {
        FakeSource source = new FakeSource(-1, true, -1, 5);
        Collector c = new Collector();
        LiveReconstruction live = LiveReconstruction.start(source, null, slowModel(10, new AtomicInteger()),
                LiveOptions.live(), c);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (c.results.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10); // a loaded machine may take a while to get the pipeline going
        }
        live.stop();
        assertThat(live.awaitFinished(Duration.ofSeconds(5))).isTrue();
        assertThat(c.finish.get()).isEqualTo(LiveListener.Finish.STOPPED);
        assertThat(c.error.get()).isNull();
        assertThat(c.results).isNotEmpty();
        assertThat(c.stats.get().fps()).isGreaterThan(0);
    }

    @Test
    void aStalledCameraIsReportedNotWaitedOnForever() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        FakeSource source = new FakeSource(-1, true, -1, 0) {
            @Override
            public Optional<VideoFrame> next() throws IOException {
                if (produced.get() >= 3) {
                    // A driver read that ignores interrupts.
                    while (true) {
                        try {
                            never.await();
                        } catch (InterruptedException ignored) {
                            // keep hanging, like a native read
                        }
                    }
                }
                return super.next();
            }
        };
        Collector c = new Collector();
        LiveReconstruction.start(source, null, slowModel(1, new AtomicInteger()),
                RAW.withStallTimeoutMillis(300), c);
        c.await();
        assertThat(c.finish.get()).isEqualTo(LiveListener.Finish.SOURCE_ERROR);
        assertThat(c.error.get()).hasMessageContaining("no frame for 300 ms");
        never.countDown();
    }

    @Test
    void aMissingCameraIsReportedThroughTheListener() throws Exception {
        int absent = 63;
        while (java.nio.file.Files.exists(java.nio.file.Path.of("/dev/video" + absent))) {
            absent--;
        }
        Collector c = new Collector();
        LiveReconstruction.start(new io.metroscope.vision.WebcamSource(absent), null,
                slowModel(1, new AtomicInteger()), LiveOptions.live(), c);
        c.await();
        assertThat(c.finish.get()).isEqualTo(LiveListener.Finish.SOURCE_ERROR);
        assertThat(c.error.get()).isInstanceOf(io.metroscope.format.FormatException.class)
                .hasMessageContaining("/dev/video" + absent).hasMessageContaining("Fix:");
        assertThat(c.results).isEmpty();
    }

    @Test
    void modelErrorStopsWithInferenceError() throws Exception {
        FakeSource source = new FakeSource(-1, true, -1, 2);
        Collector c = new Collector();
        LiveReconstruction.start(source, null, (in, label, cancelled) -> {
            throw new IllegalStateException("out of device memory");
        }, RAW, c);
        c.await();
        assertThat(c.finish.get()).isEqualTo(LiveListener.Finish.INFERENCE_ERROR);
        assertThat(c.error.get()).hasMessageContaining("device memory");
    }

    @Test
    void detectorRunsEveryNthFrameWhenAsked() throws Exception {
        FakeSource source = new FakeSource(20, false, -1, 0);
        Collector c = new Collector();
        AtomicInteger detections = new AtomicInteger();
        LiveReconstruction.start(source, img -> {
            detections.incrementAndGet();
            return Optional.of(new CropBox(16, 12, 0.2));
        }, slowModel(1, new AtomicInteger()), RAW.withEveryFrame(true).withDetectEvery(5), c);
        c.await();
        assertThat(c.results).hasSize(20);
        assertThat(detections.get()).isEqualTo(4);
        assertThat(c.results).allMatch(LiveResult::detected);
    }

    @Test
    void smoothingAndBoxFallbackAreApplied() throws Exception {
        FakeSource source = new FakeSource(30, false, -1, 0);
        Collector c = new Collector();
        // Alternating camera scale 1.0 / 1.1: smoothing pulls it towards the middle.
        LiveReconstruction.start(source, img -> Optional.empty(), slowModel(1, new AtomicInteger()),
                new LiveOptions(LiveOptions.Smoothing.defaults(), true, false, 0), c);
        c.await();
        assertThat(c.results).hasSize(30);
        LiveResult last = c.results.get(29);
        assertThat(last.detected()).isFalse();
        CropBox full = last.box();
        assertThat(full.centerX()).isCloseTo(16, org.assertj.core.data.Offset.offset(0.5));
        assertThat(full.side()).isCloseTo(32, org.assertj.core.data.Offset.offset(0.5));
        float rawS = last.raw().camera()[0];
        float smoothS = last.reconstruction().camera()[0];
        assertThat(Math.abs(smoothS - 1.05f)).isLessThan(Math.abs(rawS - 1.05f));
        assertThat(last.reconstruction().joints2d()[0]).isCloseTo(smoothS * (0.1f + last.reconstruction().camera()[1]),
                org.assertj.core.data.Offset.offset(1e-6f));
    }
}
