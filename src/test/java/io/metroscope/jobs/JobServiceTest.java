package io.metroscope.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobServiceTest {

    private final JobService service = new JobService("test", 1);
    private final List<JobSnapshot> seen = new CopyOnWriteArrayList<>();

    JobServiceTest() {
        service.addListener(seen::add);
    }

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void runsOffTheCallerThreadAndReportsProgressThenSuccess() throws Exception {
        Thread caller = Thread.currentThread();
        Job<String> job = service.submit("count", ctx -> {
            assertThat(Thread.currentThread()).isNotSameAs(caller);
            assertThat(Thread.currentThread().getName()).startsWith("test-");
            for (int i = 1; i <= 4; i++) {
                ctx.progress(i / 4.0);
                ctx.message("step " + i);
            }
            return "ok";
        });
        assertThat(job.result().get(10, TimeUnit.SECONDS)).isEqualTo("ok");
        assertThat(seen).extracting(JobSnapshot::state)
                .startsWith(JobState.QUEUED, JobState.RUNNING).endsWith(JobState.SUCCEEDED);
        assertThat(seen).extracting(JobSnapshot::message).contains("step 1", "step 4");
        assertThat(seen).extracting(JobSnapshot::progress).contains(0.25, 1.0);
    }

    @Test
    void failuresAreDeliveredWithTheirCause() {
        Job<Void> job = service.submit("broken", ctx -> {
            throw new IllegalStateException("checkpoint x.bin is truncated");
        });
        assertThatThrownBy(() -> job.result().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("checkpoint x.bin is truncated");
        JobSnapshot last = seen.get(seen.size() - 1);
        assertThat(last.state()).isEqualTo(JobState.FAILED);
        assertThat(last.error()).hasMessage("checkpoint x.bin is truncated");
        assertThat(last.message()).isEqualTo("checkpoint x.bin is truncated");
    }

    @Test
    void cancelStopsARunningJobThatChecks() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Job<Integer> job = service.submit("loop", ctx -> {
            started.countDown();
            int n = 0;
            while (true) {
                ctx.checkCancelled();
                n++;
                Thread.onSpinWait();
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        job.cancel();
        assertThatThrownBy(() -> job.result().get(10, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        awaitState(job, JobState.CANCELLED);
    }

    @Test
    void aQueuedJobCancelledBeforeItStartsNeverRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Job<Void> blocker = service.submit("blocker", ctx -> {
            release.await();
            return null;
        });
        boolean[] ran = {false};
        Job<Void> queued = service.submit("queued", ctx -> {
            ran[0] = true;
            return null;
        });
        queued.cancel();
        release.countDown();
        blocker.result().get(10, TimeUnit.SECONDS);
        assertThat(queued.snapshot().state()).isEqualTo(JobState.CANCELLED);
        assertThat(queued.result()).isCancelled();
        assertThat(ran[0]).isFalse();
    }

    @Test
    void aFailingListenerDoesNotBreakTheJob() throws Exception {
        service.addListener(s -> {
            throw new RuntimeException("listener bug");
        });
        assertThat(service.submit("fine", ctx -> 42).result().get(10, TimeUnit.SECONDS)).isEqualTo(42);
    }

    private static void awaitState(Job<?> job, JobState state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (job.snapshot().state() != state && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(job.snapshot().state()).isEqualTo(state);
    }
}
