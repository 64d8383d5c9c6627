package io.metroscope.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FuturesTest {

    @Test
    void returnsTheResult() throws Exception {
        assertThat(Futures.result(CompletableFuture.completedFuture("done"))).isEqualTo("done");
    }

    @Test
    void throwsTheTasksOwnExceptionUnwrapped() {
        IOException failure = new IOException("unreadable file");
        assertThatThrownBy(() -> Futures.result(CompletableFuture.failedFuture(failure))).isSameAs(failure);
    }

    @Test
    void throwsTheTasksOwnError() {
        OutOfMemoryError error = new OutOfMemoryError("native arena");
        assertThatThrownBy(() -> Futures.result(CompletableFuture.failedFuture(error))).isSameAs(error);
    }
}
