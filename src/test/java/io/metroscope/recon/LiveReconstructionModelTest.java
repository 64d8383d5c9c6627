package io.metroscope.recon;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.model.MeshKind;
import io.metroscope.platform.ComputeDeviceService;
import io.metroscope.platform.DeviceSpec;
import io.metroscope.vision.LiveTestVideos;
import io.metroscope.vision.PersonDetector;
import io.metroscope.vision.VideoFileSource;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live pipeline end to end: an H.264 file, the HOG detector and the real (tiny hand) model. */
class LiveReconstructionModelTest {

    @TempDir
    Path temp;

    @Test
    void aClipFromDebiansFfmpegPlaysThroughTheModel() throws Exception {
        Path mp4 = io.metroscope.vision.DebianFfmpeg.h264TestPattern(temp.resolve("debian.mp4"), 320, 240, 16);
        try (ReconstructionService service = new ReconstructionService(new ComputeDeviceService());
                ReconstructionModel model = handModel(service)) {
            LiveReconstructionTest.Collector c = new LiveReconstructionTest.Collector();
            LiveReconstruction live = LiveReconstruction.start(new VideoFileSource(mp4), null,
                    LiveInference.of(service, model), LiveOptions.live().withEveryFrame(true), c);
            c.await();
            live.close();
            assertThat(c.error.get()).isNull();
            assertThat(c.finish.get()).isEqualTo(LiveListener.Finish.END_OF_STREAM);
            assertThat(c.results).hasSize(16);
            assertThat(c.results.get(15).reconstruction().vertexCount()).isEqualTo(778);
        }
    }

    private ReconstructionModel handModel(ReconstructionService service) throws Exception {
        Path checkpoint = FixtureFiles.gunzip(FixtureFiles.HAND, FixtureFiles.HAND_CHECKPOINT, temp);
        return service.load(ModelSpec.of(checkpoint, new TemplateSource.Mano(
                FixtureFiles.file(FixtureFiles.HAND, "template.npz"), FixtureFiles.metroData()))
                .withDevice(DeviceSpec.CPU)).get(5, TimeUnit.MINUTES);
    }

    @Test
    void videoThroughDetectorAndModel() throws Exception {
        Path mp4 = LiveTestVideos.h264Mp4(temp.resolve("clip.mp4"), 320, 240, 12, 25);
        try (ReconstructionService service = new ReconstructionService(new ComputeDeviceService());
                ReconstructionModel model = handModel(service)) {
            LiveReconstructionTest.Collector c = new LiveReconstructionTest.Collector();
            LiveReconstruction live = LiveReconstruction.start(new VideoFileSource(mp4), new PersonDetector(),
                    LiveInference.of(service, model), LiveOptions.live().withEveryFrame(true), c);
            c.await();
            live.close();
            assertThat(c.error.get()).isNull();
            assertThat(c.finish.get()).isEqualTo(LiveListener.Finish.END_OF_STREAM);
            assertThat(c.results).hasSize(12);
            LiveResult last = c.results.get(11);
            assertThat(last.detected()).isFalse(); // no person in a red square: whole-frame fallback
            assertThat(last.box().side()).isCloseTo(320, org.assertj.core.data.Offset.offset(0.5));
            assertThat(last.reconstruction().kind()).isEqualTo(MeshKind.HAND);
            assertThat(last.reconstruction().vertexCount()).isEqualTo(778);
            assertThat(last.reconstruction().joints2dImagePixels()).hasSize(42);
            assertThat(last.timings().inferenceMillis()).isPositive();
            assertThat(last.stats().framesProcessed()).isEqualTo(12);
            System.out.println("live stats: " + c.stats.get());
        }
    }
}
