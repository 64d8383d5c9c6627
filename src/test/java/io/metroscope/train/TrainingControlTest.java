package io.metroscope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.metroscope.body.MetroTemplate;
import io.metroscope.body.OpenTemplates;
import io.metroscope.format.TorchCheckpointReader;
import io.metroscope.format.TorchTensor;
import io.metroscope.model.MeshKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pause, stop and divergence of a running {@link Trainer} (tiny network, labels from the open body template). */
class TrainingControlTest {

    private static MetroTemplate template;

    @BeforeAll
    static void readTemplate() throws IOException {
        template = OpenTemplates.read(Path.of("templates/body.npz")).template();
    }

    private static Recipe recipe(Path out, int epochs, int accumulate) {
        return new Recipe("control", MeshKind.BODY, "tiny", 2, null, "memory", null, 0, epochs, 1, accumulate, 1e-3,
                100, 0.1, 1.0e3, 7, 0.1f, LossWeights.body(), Recipe.preset("demo").mvm(), 0, out.toString(),
                Augmentation.off(), 1, 0, false);
    }

    @Test
    void pauseHoldsTheTrainerBetweenBatchesUntilResumed(@TempDir Path dir) throws Exception {
        TrainingControl control = new TrainingControl();
        List<Trainer.Progress> seen = new CopyOnWriteArrayList<>();
        Thread[] worker = new Thread[1];
        CompletableFuture<TrainerState> result = new CompletableFuture<>();
        worker[0] = new Thread(() -> {
            try (Trainer t = Trainer.open(recipe(dir, 1, 1), template, TrainerTest.source(template, 3), null, dir,
                    Device.cpu(), p -> {
                        seen.add(p);
                        if (seen.size() == 1) {
                            control.pause(); // asked during batch 1: the trainer must wait before batch 2
                        }
                    })) {
                t.setControl(control);
                result.complete(t.run());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "paused-trainer");
        worker[0].start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        // The thread's state alone cannot tell the pause from a wait for data, so ask the control.
        while (!control.isHolding() && !result.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(result).as("a paused trainer does not finish").isNotDone();
        assertThat(control.isHolding()).isTrue();
        Thread.sleep(200);
        assertThat(worker[0].getState()).isEqualTo(Thread.State.WAITING);
        assertThat(seen).hasSize(1);
        assertThat(control.isPaused()).isTrue();
        control.resume();
        TrainerState done = result.get(120, TimeUnit.SECONDS);
        assertThat(done.epoch()).isEqualTo(1);
        assertThat(done.steps()).isEqualTo(3);
        assertThat(seen.stream().filter(p -> p.batch() >= 0)).hasSize(3);
    }

    @Test
    void stopSavesLastAndResumingReproducesTheUninterruptedRun(@TempDir Path dir) throws Exception {
        Path whole = dir.resolve("whole");
        Path split = dir.resolve("split");
        try (Trainer t = Trainer.open(recipe(whole, 2, 1), template, TrainerTest.source(template, 3), null, whole,
                Device.cpu(), p -> { })) {
            t.run();
        }
        TrainingControl control = new TrainingControl();
        try (Trainer t = Trainer.open(recipe(split, 2, 1), template, TrainerTest.source(template, 3), null, split,
                Device.cpu(), p -> {
                    if (p.steps() == 2 && p.batch() >= 0) {
                        control.stop();
                    }
                })) {
            t.setControl(control);
            TrainerState stopped = t.run();
            assertThat(stopped.steps()).isEqualTo(2);
            assertThat(stopped.epoch()).isZero();
            assertThat(stopped.batch()).isEqualTo(2);
        }
        assertThat(split.resolve("last/trainer-state.json")).exists();
        assertThat(split.resolve("epoch-001")).doesNotExist();
        try (Trainer t = Trainer.open(recipe(split, 2, 1), template, TrainerTest.source(template, 3), null, split,
                Device.cpu(), p -> { })) {
            assertThat(t.state().steps()).as("resumed where it stopped").isEqualTo(2);
            assertThat(t.run().steps()).isEqualTo(6);
        }
        assertSameWeights(whole.resolve("last/model.pt"), split.resolve("last/model.pt"));
        assertThat(Files.readString(split.resolve("last/trainer-state.json")))
                .isEqualTo(Files.readString(whole.resolve("last/trainer-state.json")));
    }

    @Test
    void stopWaitsForTheAccumulatedStep(@TempDir Path dir) throws Exception {
        TrainingControl control = new TrainingControl();
        List<Trainer.Progress> seen = new ArrayList<>();
        try (Trainer t = Trainer.open(recipe(dir, 1, 2), template, TrainerTest.source(template, 4), null, dir,
                Device.cpu(), p -> {
                    seen.add(p);
                    if (seen.size() == 1) {
                        control.stop(); // after batch 1 of 2 accumulated ones: no optimizer step yet
                    }
                })) {
            t.setControl(control);
            TrainerState s = t.run();
            assertThat(s.steps()).as("the pending gradients were applied before stopping").isEqualTo(1);
            assertThat(s.batch()).isEqualTo(2);
        }
        assertThat(seen).hasSize(2);
    }

    @Test
    void aNonFiniteLossStopsTheRunWithoutSavingItsUpdate(@TempDir Path dir) throws Exception {
        TrainingSource good = TrainerTest.source(template, 2);
        TrainingSource poisoned = new TrainingSource() {
            @Override
            public int size() {
                return 2;
            }

            @Override
            public TrainingSample get(int index) throws IOException {
                TrainingSample s = good.get(index);
                float[] image = s.image().clone();
                java.util.Arrays.fill(image, Float.NaN);
                return new TrainingSample(image, s.labels());
            }
        };
        try (Trainer t = Trainer.open(recipe(dir, 1, 1), template, poisoned, null, dir, Device.cpu(), p -> { })) {
            assertThatThrownBy(t::run).isInstanceOf(ArithmeticException.class)
                    .hasMessageContaining("NaN").hasMessageContaining("diverged")
                    .hasMessageContaining("lower the learning rate");
            assertThat(t.state().steps()).isZero();
        }
        assertThat(dir.resolve("last")).doesNotExist();
    }

    private static void assertSameWeights(Path a, Path b) throws IOException {
        Map<String, TorchTensor> x = TorchCheckpointReader.read(a).tensors();
        Map<String, TorchTensor> y = TorchCheckpointReader.read(b).tensors();
        assertThat(y.keySet()).isEqualTo(x.keySet());
        double worst = 0;
        String worstKey = "";
        for (Map.Entry<String, TorchTensor> e : x.entrySet()) {
            if (e.getValue().dtype().isFloatingPoint()) {
                float[] u = e.getValue().toFloatArray();
                float[] v = y.get(e.getKey()).toFloatArray();
                assertThat(v).hasSameSizeAs(u);
                for (int i = 0; i < u.length; i++) {
                    double d = Math.abs(u[i] - v[i]);
                    if (d > worst) {
                        worst = d;
                        worstKey = e.getKey();
                    }
                }
            }
        }
        assertThat(worst).as("largest difference, in %s", worstKey).isEqualTo(0.0);
    }
}
