package io.metroscope.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.metroscope.body.MetroTemplate;
import io.metroscope.body.OpenTemplates;
import io.metroscope.format.StateDict;
import io.metroscope.format.TorchCheckpointReader;
import io.metroscope.format.TorchTensor;
import io.metroscope.model.MeshKind;
import io.metroscope.model.MetroLoadOptions;
import io.metroscope.model.MetroModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny-network training runs on labels made from the open body template (seconds on the CPU). */
class TrainerTest {

    private static MetroTemplate template;

    @BeforeAll
    static void readTemplate() throws IOException {
        template = OpenTemplates.read(Path.of("templates/body.npz")).template();
    }

    /** Sample i: the template scaled by 1 + 0.05·i (root-centred), camera [0.9, 0, 0], a noise image. */
    static TrainingSource source(MetroTemplate t, int count) {
        List<TrainingSample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double scale = 1 + 0.05 * i;
            float[] full = centredScaled(t.fullVertices(), t.root(), scale);
            float[] mid = centredScaled(t.midVertices(), t.root(), scale);
            float[] coarse = centredScaled(t.coarseVertices(), t.root(), scale);
            double[] fullD = new double[full.length];
            for (int k = 0; k < full.length; k++) {
                fullD[k] = full[k];
            }
            double[] joints = t.tokenJointsOf(fullD);
            float[] j3 = new float[joints.length];
            float[] j2 = new float[joints.length];
            for (int j = 0; j < joints.length / 3; j++) {
                for (int c = 0; c < 3; c++) {
                    j3[3 * j + c] = (float) joints[3 * j + c];
                }
                j2[3 * j] = 0.9f * j3[3 * j];
                j2[3 * j + 1] = 0.9f * j3[3 * j + 1];
                j2[3 * j + 2] = 1;
            }
            float[] image = new float[3 * 224 * 224];
            Random r = new Random(i);
            for (int k = 0; k < image.length; k++) {
                image[k] = (float) (r.nextGaussian() * 0.5 + 0.3 * i);
            }
            samples.add(new TrainingSample(image, new TrainingItem(i, Path.of("item" + i), 224, j3, j2,
                    new float[0], full, mid, coarse, new float[3], new float[] {0.9f, 0, 0}, new float[0],
                    new float[0], new byte[0], true, true, true)));
        }
        return new TrainingSource() {
            @Override
            public int size() {
                return samples.size();
            }

            @Override
            public TrainingSample get(int index) {
                return samples.get(index);
            }
        };
    }

    /** {@code base} with each item's labels rewritten by {@code relabel} (images unchanged). */
    static TrainingSource relabelled(TrainingSource base, java.util.function.UnaryOperator<TrainingItem> relabel) {
        return new TrainingSource() {
            @Override
            public int size() {
                return base.size();
            }

            @Override
            public TrainingSample get(int index) throws IOException {
                TrainingSample s = base.get(index);
                return new TrainingSample(s.image(), relabel.apply(s.labels()));
            }
        };
    }

    /** {@code t} with other camera labels and mesh flag. */
    static TrainingItem with(TrainingItem t, float[] camera, boolean hasMesh) {
        return new TrainingItem(t.index(), t.image(), t.imageSize(), t.joints3d(), t.joints2d(), t.joints2dPixels(),
                t.verticesFull(), t.verticesMid(), t.verticesCoarse(), t.root(), camera, t.pose(), t.betas(),
                t.occluderMask(), t.hasJoints3d(), t.hasJoints2d(), hasMesh, t.joints3dConfidence());
    }

    private static float[] centredScaled(double[] v, double[] root, double scale) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) ((v[i] - root[i % 3]) * scale);
        }
        return out;
    }

    static Recipe tiny(int epochs, Path out) {
        return tiny(epochs, out, Recipe.preset("demo").mvm());
    }

    static Recipe tiny(int epochs, Path out, MaskedVertexModeling mvm) {
        return tiny(epochs, out, mvm, 0);
    }

    static Recipe tiny(int epochs, Path out, MaskedVertexModeling mvm, int warmupSteps) {
        return new Recipe("test", MeshKind.BODY, "tiny", 2, null, "memory", null, 0, epochs, 2, 1, 1e-3, 100, 0.1,
                1.0e3, 7, 0.1f, LossWeights.body(), mvm, 0, out.toString(), Augmentation.off(), 1, warmupSteps,
                false);
    }

    @Test
    void aTinyRunLowersTheLossAndWritesLoadableCheckpoints(@TempDir Path dir) throws Exception {
        List<Double> epochLosses = new ArrayList<>();
        long start = System.nanoTime();
        try (Trainer trainer = Trainer.open(tiny(4, dir), template, source(template, 4), source(template, 2), dir,
                Device.cpu(), p -> {
                    if (p.batch() < 0) {
                        epochLosses.add(p.loss());
                    }
                })) {
            trainer.run();
        }
        System.out.printf("tiny training: 4 epochs × 2 steps in %.1f s, epoch losses %s%n",
                (System.nanoTime() - start) / 1e9, epochLosses);
        assertThat(epochLosses).hasSize(4);
        assertThat(epochLosses.get(3)).isLessThan(epochLosses.get(0) * 0.6);
        for (String f : List.of("last/model.pt", "last/optimizer.pt", "last/trainer-state.json", "epoch-001/model.pt",
                "epoch-004/model.pt", "best/model.pt", "best/best.json", "recipe.json")) {
            assertThat(dir.resolve(f)).as(f).exists();
        }
        // the checkpoint is an official-layout state_dict: the inference loader reads it
        float[] ref = new float[template.refVertices().length];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = (float) template.refVertices()[i];
        }
        try (MetroModel m = MetroModel.load(dir.resolve("best/model.pt"), ref,
                new MetroLoadOptions(2, false, Device.cpu()))) {
            assertThat(m.loadReport().complete()).isTrue();
        }
    }

    /** A run folder or an init checkpoint of another network is refused naming the file, not with a bare shape. */
    @Test
    void weightsOfAnotherNetworkAreRefusedNamingWhereTheyCameFrom(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        try (Trainer trainer = Trainer.open(tiny(1, run), template, source(template, 2), null, run, Device.cpu(),
                p -> { })) {
            trainer.run();
        }
        Recipe small = new Recipe("other", MeshKind.BODY, "small", 2, null, "memory", null, 0, 1, 2, 1, 1e-3, 100,
                0.1, 1.0e3, 7, 0.1f, LossWeights.body(), Recipe.preset("demo").mvm(), 0, run.toString(),
                Augmentation.off(), 1, 0, false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Trainer.open(small, template, source(template, 2),
                null, run, Device.cpu(), p -> { }))
                .isInstanceOf(io.metroscope.format.FormatException.class)
                .hasMessageContaining(run.resolve("last").resolve("model.pt").toString())
                .hasMessageContaining("was made by another recipe").hasMessageContaining("body small network")
                .hasMessageContaining("choose another output folder");

        Path init = run.resolve("last").resolve("model.pt");
        Path fresh = dir.resolve("fresh");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Trainer.open(small.withInit(init.toString())
                .withData("memory", fresh.toString()), template, source(template, 2), null, fresh, Device.cpu(),
                p -> { }))
                .isInstanceOf(io.metroscope.format.FormatException.class)
                .hasMessageContaining(init.toString()).hasMessageContaining("its weights do not fit");
        assertThat(fresh).doesNotExist();
    }

    /**
     * Regression for the intermittent NaN loss: DJL's Number-operand ops hand autograd a scalar over a Java buffer
     * that a collection between forward and backward freed; here every step collects there, and the run must equal
     * an undisturbed one bit for bit.
     */
    @Test
    void aGarbageCollectionBetweenForwardAndBackwardChangesNothing(@TempDir Path dir) throws Exception {
        Path calm = dir.resolve("calm");
        Path collected = dir.resolve("collected");
        List<Double> losses = new ArrayList<>();
        try (Trainer t = Trainer.open(tiny(1, calm), template, source(template, 4), null, calm, Device.cpu(),
                p -> { })) {
            t.run();
        }
        try (Trainer t = Trainer.open(tiny(1, collected), template, source(template, 4), null, collected,
                Device.cpu(), p -> losses.add(p.loss()))) {
            t.beforeBackward(io.metroscope.model.GarbageCollection::collectAndFree);
            t.run();
        }
        assertThat(losses).allMatch(Double::isFinite);
        assertSameFiniteWeights(calm.resolve("last/model.pt"), collected.resolve("last/model.pt"),
                "collected vs undisturbed");
        assertThat(Files.readString(collected.resolve("last/trainer-state.json")))
                .isEqualTo(Files.readString(calm.resolve("last/trainer-state.json")));
    }

    /** Same keys and bit-identical, finite floating-point tensors (a NaN fails instead of comparing as equal). */
    private static void assertSameFiniteWeights(Path expectedFile, Path actualFile, String label) throws IOException {
        StateDict a = TorchCheckpointReader.read(expectedFile);
        StateDict b = TorchCheckpointReader.read(actualFile);
        assertThat(b.tensors().keySet()).isEqualTo(a.tensors().keySet());
        double worst = 0;
        String worstKey = "";
        int differing = 0;
        for (Map.Entry<String, TorchTensor> e : a.tensors().entrySet()) {
            if (e.getValue().dtype().isFloatingPoint()) {
                float[] x = e.getValue().toFloatArray();
                float[] y = b.tensors().get(e.getKey()).toFloatArray();
                assertThat(y).as(e.getKey()).hasSameSizeAs(x);
                double d = 0;
                int nonFinite = 0;
                for (int i = 0; i < x.length; i++) {
                    nonFinite += Float.isFinite(x[i]) && Float.isFinite(y[i]) ? 0 : 1;
                    d = Math.max(d, Math.abs(x[i] - y[i]));
                }
                assertThat(nonFinite).as("%s: non-finite values", e.getKey()).isZero();
                differing += d > 0 ? 1 : 0;
                if (d > worst) {
                    worst = d;
                    worstKey = e.getKey();
                }
            }
        }
        System.out.printf("%s: %d tensors differ, max abs difference %.3g (%s)%n", label, differing, worst,
                worstKey);
        assertThat(worst).as(worstKey).isEqualTo(0.0);
    }

    @Test
    void resumingAfterAStopGivesTheUninterruptedResult(@TempDir Path dir) throws Exception {
        Path whole = dir.resolve("whole");
        Path split = dir.resolve("split");
        // with a learned [MASK] token, so that its value and moments are resumed too, and a warm-up that the stop
        // interrupts
        MaskedVertexModeling learned = new MaskedVertexModeling(0.3, 0.3, true);
        List<Float> rates = new ArrayList<>();
        try (Trainer t = Trainer.open(tiny(2, whole, learned, 4), template, source(template, 4), null, whole,
                Device.cpu(), p -> {
                    if (p.batch() > 0) { // a step, not the epoch's summary
                        rates.add(p.learningRate());
                    }
                })) {
            t.run();
        }
        assertThat(rates).containsExactly(0.25e-3f, 0.5e-3f, 0.75e-3f, 1e-3f);
        try (Trainer t = Trainer.open(tiny(2, split, learned, 4), template, source(template, 4), null, split,
                Device.cpu(), p -> { })) {
            t.stopAfterSteps(3); // mid-way through epoch 2
            TrainerState s = t.run();
            assertThat(s.epoch()).isEqualTo(1);
            assertThat(s.batch()).isEqualTo(1);
        }
        TrainerState resumedState;
        try (Trainer t = Trainer.open(tiny(2, split, learned, 4), template, source(template, 4), null, split,
                Device.cpu(), p -> { })) {
            assertThat(t.state().steps()).isEqualTo(3);
            resumedState = t.run();
        }
        assertThat(resumedState.steps()).isEqualTo(4);
        assertSameFiniteWeights(whole.resolve("last/model.pt"), split.resolve("last/model.pt"),
                "resume vs uninterrupted");
        assertThat(Files.readString(split.resolve("last/trainer-state.json")))
                .isEqualTo(Files.readString(whole.resolve("last/trainer-state.json")));
        float[] tokenWhole = TorchCheckpointReader.read(whole.resolve("last/optimizer.pt"))
                .tensor("param.metroscope.mask_token").toFloatArray();
        float[] tokenSplit = TorchCheckpointReader.read(split.resolve("last/optimizer.pt"))
                .tensor("param.metroscope.mask_token").toFloatArray();
        assertThat(tokenSplit).containsExactly(tokenWhole);
        assertThat(tokenWhole).hasSize(19);
        double moved = 0;
        for (float v : tokenWhole) {
            moved = Math.max(moved, Math.abs(v - 0.01f));
        }
        assertThat(moved).as("the learned token was trained").isGreaterThan(1e-4);
    }
}
