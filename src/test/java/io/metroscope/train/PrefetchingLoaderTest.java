package io.metroscope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metroscope.body.MetroTemplate;
import io.metroscope.body.OpenTemplates;
import io.metroscope.format.FormatException;
import io.metroscope.model.MeshKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The prefetching loader: order and content independent of the worker count, bounded look-ahead, errors surface. */
class PrefetchingLoaderTest {

    private static MetroTemplate template;

    @BeforeAll
    static void readTemplate() throws IOException {
        template = OpenTemplates.read(Path.of("templates/body.npz")).template();
    }

    /** A joints-only copy of the trainer test's items, so that flips apply too. */
    static TrainingSource jointsOnly(int count) {
        return TrainerTest.relabelled(TrainerTest.source(template, count),
                t -> TrainerTest.with(t, t.camera(), false));
    }

    private static List<TrainingSample> batches(TrainingSource source, int workers, int[] order, int batch)
            throws IOException {
        List<TrainingSample> out = new ArrayList<>();
        try (PrefetchingLoader loader = new PrefetchingLoader(source, Augmentation.official(MeshKind.BODY), 88,
                workers, batch);
                PrefetchingLoader.Epoch e = loader.epoch(2, order, 1, order.length)) {
            while (e.hasNext()) {
                out.addAll(e.next(batch));
            }
        }
        return out;
    }

    @Test
    void oneAndThreeWorkersGiveTheSameBatches() throws IOException {
        TrainingSource source = jointsOnly(7);
        int[] order = {3, 0, 6, 2, 5, 1, 4};
        List<TrainingSample> one = batches(source, 1, order, 2);
        List<TrainingSample> three = batches(source, 3, order, 2);
        assertThat(one).hasSize(6);
        boolean anyChanged = false;
        for (int i = 0; i < one.size(); i++) {
            assertThat(three.get(i).image()).as("sample %d", i).containsExactly(one.get(i).image());
            assertThat(three.get(i).labels()).as("sample %d", i).isEqualTo(one.get(i).labels());
            assertThat(one.get(i).labels().index()).isEqualTo(order[i + 1]);
            anyChanged |= !java.util.Arrays.equals(one.get(i).image(), source.get(order[i + 1]).image());
        }
        assertThat(anyChanged).as("the official augmentation changed the samples").isTrue();
    }

    @Test
    void noMoreThanTheWindowIsPreparedAhead() throws IOException {
        TrainingSource base = jointsOnly(2);
        AtomicInteger started = new AtomicInteger();
        TrainingSource counting = new TrainingSource() {
            @Override
            public int size() {
                return 40;
            }

            @Override
            public TrainingSample get(int index) throws IOException {
                started.incrementAndGet();
                return base.get(index % 2);
            }
        };
        int[] order = new int[40];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int window = 5;
        try (PrefetchingLoader loader = new PrefetchingLoader(counting, Augmentation.off(), 1, 3, window);
                PrefetchingLoader.Epoch e = loader.epoch(0, order, 0, order.length)) {
            int taken = 0;
            while (e.hasNext()) {
                e.next();
                taken++;
                assertThat(started.get()).isLessThanOrEqualTo(taken + window);
            }
            assertThat(taken).isEqualTo(40);
        }
    }

    @Test
    void aLoadingErrorReachesTheTrainer() {
        TrainingSource failing = new TrainingSource() {
            @Override
            public int size() {
                return 4;
            }

            @Override
            public TrainingSample get(int index) throws IOException {
                throw new FormatException(Path.of("item" + index), "damaged", "write it again");
            }
        };
        try (PrefetchingLoader loader = new PrefetchingLoader(failing, Augmentation.off(), 1, 2, 2);
                PrefetchingLoader.Epoch e = loader.epoch(0, new int[] {2, 1, 0, 3}, 0, 4)) {
            assertThatThrownBy(e::next).isInstanceOf(FormatException.class).hasMessageContaining("item2");
        }
    }
}
