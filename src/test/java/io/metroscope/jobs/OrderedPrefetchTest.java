package io.metroscope.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OrderedPrefetchTest {

    @Test
    void resultsComeInListOrderAndWorkStaysAtMostAheadOfTheConsumer() throws Exception {
        List<Integer> items = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        AtomicInteger consumed = new AtomicInteger();
        List<Integer> startedBeyond = Collections.synchronizedList(new ArrayList<>());
        try (OrderedPrefetch<Integer, String> p = new OrderedPrefetch<>(items, i -> {
            startedBeyond.add(i - consumed.get());
            return "item " + i;
        }, 3, "test-prefetch")) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                out.add(p.take(i));
                consumed.incrementAndGet();
            }
            assertThat(out).containsExactly("item 0", "item 1", "item 2", "item 3", "item 4", "item 5", "item 6",
                    "item 7", "item 8", "item 9");
        }
        assertThat(startedBeyond).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(3)); // the one being taken + 2 more
    }

    @Test
    void aFailureBelongsToItsItemAndTheRestGoOn() throws Exception {
        try (OrderedPrefetch<String, Integer> p = new OrderedPrefetch<>(List.of("1", "x", "3"), s -> {
            if (s.equals("x")) {
                throw new IOException("cannot read x");
            }
            return Integer.parseInt(s);
        }, 2, "test-prefetch")) {
            assertThat(p.take(0)).isEqualTo(1);
            assertThatThrownBy(() -> p.take(1)).isInstanceOf(IOException.class).hasMessage("cannot read x");
            assertThat(p.take(2)).isEqualTo(3);
        }
    }

    @Test
    void itemsAreTakenInOrderOnly() throws Exception {
        try (OrderedPrefetch<Integer, Integer> p = new OrderedPrefetch<>(List.of(1, 2), i -> i, 1, "test-prefetch")) {
            assertThatThrownBy(() -> p.take(1)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void closingCancelsWhatWasNotStarted() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch firstStarted = new CountDownLatch(1);
        OrderedPrefetch<Integer, Integer> p = new OrderedPrefetch<>(List.of(1, 2, 3, 4), i -> {
            ran.incrementAndGet();
            firstStarted.countDown();
            Thread.sleep(200);
            return i;
        }, 4, "test-prefetch");
        assertThat(firstStarted.await(30, TimeUnit.SECONDS)).isTrue();
        p.close();
        Thread.sleep(400);
        assertThat(ran.get()).isEqualTo(1);
    }
}
