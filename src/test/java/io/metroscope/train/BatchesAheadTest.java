package io.metroscope.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchesAheadTest {

    private static final int PER = 3 * 4 * 4;

    /** Item i's image holds i in every element, so that a batch's contents show which items it stacked. */
    private static TrainingSource source(int size, int failingItem) {
        return new TrainingSource() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public TrainingSample get(int index) throws IOException {
                if (index == failingItem) {
                    throw new IOException("item " + index + " is unreadable");
                }
                float[] image = new float[PER];
                java.util.Arrays.fill(image, index);
                return new TrainingSample(image, null);
            }

            @Override
            public TrainingSample get(int index, AugmentParams params) throws IOException {
                return get(index);
            }
        };
    }

    @Test
    void stacksEachBatchInOrderAndReusesTheImageBuffers() throws IOException {
        int[] order = {4, 0, 6, 2, 1, 5, 3};
        try (PrefetchingLoader loader = new PrefetchingLoader(source(7, -1), Augmentation.off(), 1, 2, 4);
                PrefetchingLoader.Epoch stream = loader.epoch(0, order, 0, 7);
                BatchesAhead ahead = new BatchesAhead(stream, b -> b < 2 ? 3 : 1, 0, 3);
                NDManager m = NDManager.newBaseManager("PyTorch")) {
            List<java.nio.ByteBuffer> buffers = new ArrayList<>();
            List<float[]> firstElements = new ArrayList<>();
            for (int b = 0; b < 3; b++) {
                HostBatch batch = ahead.take();
                try (NDArray images = batch.images(m)) {
                    assertThat(images.getShape().getShape()).containsExactly(batch.size(), 3, 4, 4);
                    float[] all = images.toFloatArray();
                    float[] firsts = new float[batch.size()];
                    for (int i = 0; i < firsts.length; i++) {
                        firsts[i] = all[i * PER];
                        assertThat(all[i * PER + PER - 1]).isEqualTo(firsts[i]);
                    }
                    firstElements.add(firsts);
                }
                buffers.add(batch.images());
                ahead.recycle(batch);
            }
            assertThat(firstElements).containsExactly(new float[] {4, 0, 6}, new float[] {2, 1, 5}, new float[] {3});
            assertThat(buffers.get(2)).as("the third batch reuses the first one's buffer").isSameAs(buffers.get(0));
            assertThatThrownBy(ahead::take).isInstanceOf(java.util.NoSuchElementException.class);
        }
    }

    @Test
    void anUnreadableItemFailsTheBatchThatHoldsIt() {
        try (PrefetchingLoader loader = new PrefetchingLoader(source(4, 2), Augmentation.off(), 1, 1, 2);
                PrefetchingLoader.Epoch stream = loader.epoch(0, new int[] {0, 1, 2, 3}, 0, 4);
                BatchesAhead ahead = new BatchesAhead(stream, b -> 2, 0, 2)) {
            assertThatThrownBy(() -> {
                ahead.take();
                ahead.take();
            }).isInstanceOf(IOException.class).hasMessageContaining("item 2 is unreadable");
        }
    }

    @Test
    void closingWhileABatchIsAssembledReturnsPromptly() {
        try (PrefetchingLoader loader = new PrefetchingLoader(source(64, -1), Augmentation.off(), 1, 1, 8);
                PrefetchingLoader.Epoch stream = loader.epoch(0, java.util.stream.IntStream.range(0, 64).toArray(),
                        0, 64)) {
            long t0 = System.nanoTime();
            new BatchesAhead(stream, b -> 16, 0, 4).close();
            assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10);
        }
    }
}
