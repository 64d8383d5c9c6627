package io.metroscope.recon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metroscope.body.MetroTemplateFile;
import io.metroscope.body.TemplateBuilder;
import io.metroscope.format.NdArray;
import io.metroscope.format.Npz;
import io.metroscope.jobs.Job;
import io.metroscope.jobs.JobContext;
import io.metroscope.jobs.JobService;
import io.metroscope.model.MeshKind;
import io.metroscope.platform.ComputeDeviceService;
import io.metroscope.platform.DeviceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background service on the hand fixture: loading, batching, progress, cancel, threads, template files. */
class ReconstructionServiceTest {

    @TempDir
    static Path temp;

    private static ReconstructionService service;
    private static ReconstructionModel model;
    private static Map<String, NdArray> expected;
    private static InputBatch input;
    private static Path checkpoint;

    @BeforeAll
    static void load() throws Exception {
        checkpoint = FixtureFiles.gunzip(FixtureFiles.HAND, FixtureFiles.HAND_CHECKPOINT, temp);
        expected = Npz.read(FixtureFiles.gunzip(FixtureFiles.HAND, "expected.npz", temp));
        input = InputBatch.ofTensor(expected.get("input").toFloatArray(), 2, 224, 224, "expected.npz");
        service = new ReconstructionService(new ComputeDeviceService());
        CompletableFuture<ReconstructionModel> future = service.load(ModelSpec.of(checkpoint, new TemplateSource.Mano(
                FixtureFiles.file(FixtureFiles.HAND, "template.npz"), FixtureFiles.metroData()))
                .withDevice(DeviceSpec.CPU));
        model = future.get(5, TimeUnit.MINUTES);
        assertThat(model.architecture().kind()).isEqualTo(MeshKind.HAND);
        assertThat(model.timings().warmUpMillis()).isPositive();
        assertThat(model.device().isGpu()).isFalse();
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
        if (service != null) {
            service.close();
        }
    }

    private static double maxAbs(float[] a, float[] b, int offset) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[offset + i]));
        }
        return max;
    }

    @Test
    void batchesOfOneGiveTheSameAsOneBatch() throws Exception {
        List<Reconstruction> together = service.reconstruct(model, input, new RunOptions(false, 8))
                .get(5, TimeUnit.MINUTES);
        List<Double> progress = new ArrayList<>();
        List<Reconstruction> single = service.reconstructNow(model, input, new RunOptions(false, 1), context(progress,
                -1));
        assertThat(progress).containsExactly(0.5, 1.0);
        float[] vertices = expected.get("vertices_centered").toFloatArray();
        for (int i = 0; i < 2; i++) {
            assertThat(single.get(i).source()).isEqualTo("expected.npz[" + i + "]");
            assertThat(single.get(i).timings().batchSize()).isEqualTo(1);
            assertThat(together.get(i).timings().batchSize()).isEqualTo(2);
            assertThat(maxAbs(single.get(i).verticesCentered(), together.get(i).verticesCentered(), 0)).isLessThan(1e-5);
            assertThat(maxAbs(together.get(i).verticesCentered(), vertices, i * 778 * 3)).isLessThan(1e-4);
            assertThat(together.get(i).hasAttention()).isFalse();
            assertThat(together.get(i).attentionDemo()).isEmpty();
        }
    }

    @Test
    void flipAveragingRefusesAHandModel() {
        assertThatThrownBy(() -> service.reconstructNow(model, input, RunOptions.defaults().withFlipAverage(true),
                JobContext.NONE)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("body models only");
    }

    @Test
    void cancellingStopsBetweenBatches() {
        List<Double> progress = new ArrayList<>();
        assertThatThrownBy(() -> service.reconstructNow(model, input, new RunOptions(true, 1), context(progress, 1)))
                .isInstanceOf(CancellationException.class);
        assertThat(progress).containsExactly(0.5);
    }

    @Test
    void runsAsAJobWithProgressAndAttention() throws Exception {
        try (JobService jobs = new JobService("test-jobs", 1)) {
            Job<List<Reconstruction>> job = jobs.submit("reconstruct", service.job(model, input,
                    new RunOptions(true, 1)));
            List<Reconstruction> result = job.result().get(5, TimeUnit.MINUTES);
            assertThat(result).hasSize(2);
            assertThat(result.get(1).attentionHeads()).isEqualTo(4);
            assertThat(result.get(1).attentionLayers()).as("every layer of the last block").isEqualTo(4);
            assertThat(result.get(1).attentionOfLayer(3)).isEqualTo(result.get(1).attention());
            float[] demo = expected.get("attention_demo").toFloatArray();
            double[] ours = result.get(1).attentionDemo();
            for (int j = 0; j < ours.length; j++) {
                assertThat(Math.abs(ours[j] - demo[216 + j])).isLessThan(1e-4);
            }
        }
    }

    @Test
    void refusesTheFxThread() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread fx = new Thread(() -> {
            try {
                service.reconstructNow(model, input, RunOptions.defaults(), context(new ArrayList<>(), -1));
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "JavaFX Application Thread");
        fx.start();
        fx.join();
        assertThat(failure.get()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must not run on the JavaFX application thread");
    }

    @Test
    void aTemplateFileGivesTheSameModel() throws Exception {
        Path file = temp.resolve("hand-template.npz");
        MetroTemplateFile.write(file, new TemplateBuilder().buildHand(FixtureFiles.file(FixtureFiles.HAND,
                "template.npz"), FixtureFiles.metroData()), false);
        try (ReconstructionModel fromFile = service.loadNow(ModelSpec.of(checkpoint, new TemplateSource.File(file))
                .withDevice(DeviceSpec.CPU).withWarmUp(false))) {
            assertThat(fromFile.timings().warmUpMillis()).isLessThan(1.0);
            assertThat(fromFile.refVertices()).containsExactly(model.refVertices());
            float[] template = expected.get("template").toFloatArray();
            assertThat(maxAbs(fromFile.refVertices(), template, 0)).isLessThan(1e-5);
        }
    }

    @Test
    void aClosedServiceFailsNewWork() {
        ReconstructionService closed = new ReconstructionService(new ComputeDeviceService());
        closed.close();
        CompletableFuture<List<Reconstruction>> f = closed.reconstruct(model, input, RunOptions.defaults());
        assertThat(f).isCompletedExceptionally();
        assertThat(Files.exists(checkpoint)).isTrue();
    }

    /** Records progress; reports cancelled once {@code cancelAfter} progress calls happened (−1: never). */
    private static JobContext context(List<Double> progress, int cancelAfter) {
        return new JobContext() {
            @Override
            public void progress(double fraction) {
                progress.add(fraction);
            }

            @Override
            public void message(String message) {
            }

            @Override
            public boolean isCancelled() {
                return cancelAfter >= 0 && progress.size() >= cancelAfter;
            }
        };
    }
}
