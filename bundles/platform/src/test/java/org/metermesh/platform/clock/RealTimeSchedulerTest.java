package org.metermesh.platform.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.metermesh.api.clock.Cancellable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RealTimeSchedulerTest {

    private static final long AWAIT_SECONDS = 10;

    private final RealTimeScheduler scheduler = new RealTimeScheduler("test-loop", Duration.ofSeconds(1));

    @AfterEach
    void close() {
        scheduler.close();
    }

    @Test
    void runsEveryTaskOnTheOneLoopThreadInDueOrder() throws InterruptedException {
        List<String> trace = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(3);
        scheduler.schedule(Duration.ofMillis(60), () -> record(trace, "c", done));
        scheduler.schedule(Duration.ofMillis(30), () -> record(trace, "b", done));
        scheduler.execute(() -> record(trace, "a", done));

        assertThat(done.await(AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(trace).containsExactly("a on test-loop", "b on test-loop", "c on test-loop");
    }

    @Test
    void aFailingTaskDoesNotStopTheLoop() throws InterruptedException {
        CountDownLatch after = new CountDownLatch(1);
        scheduler.execute(() -> {
            throw new IllegalStateException("malformed frame handler");
        });
        scheduler.execute(after::countDown);

        assertThat(after.await(AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void cancelledTaskNeverRuns() throws InterruptedException {
        List<String> trace = new CopyOnWriteArrayList<>();
        Cancellable cancelled = scheduler.schedule(Duration.ofMillis(20), () -> trace.add("cancelled ran"));
        assertThat(cancelled.cancel()).isTrue();
        CountDownLatch later = new CountDownLatch(1);
        scheduler.schedule(Duration.ofMillis(40), later::countDown);

        assertThat(later.await(AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(trace).isEmpty();
    }

    @Test
    void nanoTimeIsMonotonicAndDelaysAreHonoured() throws InterruptedException {
        long scheduledAt = scheduler.nanoTime();
        long[] ranAt = new long[1];
        CountDownLatch done = new CountDownLatch(1);
        scheduler.schedule(Duration.ofMillis(50), () -> {
            ranAt[0] = scheduler.nanoTime();
            done.countDown();
        });

        assertThat(done.await(AWAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(ranAt[0] - scheduledAt).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
    }

    private static void record(List<String> trace, String name, CountDownLatch done) {
        trace.add(name + " on " + Thread.currentThread().getName());
        done.countDown();
    }
}
