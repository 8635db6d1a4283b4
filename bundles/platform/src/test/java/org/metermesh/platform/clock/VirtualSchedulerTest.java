package org.metermesh.platform.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.metermesh.api.clock.Cancellable;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {

    private final VirtualScheduler scheduler = new VirtualScheduler(42);
    private final List<String> trace = new ArrayList<>();

    @Test
    void runsTasksInDueOrderAndAdvancesTimeToEach() {
        scheduler.schedule(Duration.ofSeconds(3), () -> trace.add("c@" + scheduler.nanoTime()));
        scheduler.schedule(Duration.ofSeconds(1), () -> trace.add("a@" + scheduler.nanoTime()));
        scheduler.schedule(Duration.ofSeconds(2), () -> trace.add("b@" + scheduler.nanoTime()));

        long ran = scheduler.runFor(Duration.ofSeconds(10));

        assertThat(ran).isEqualTo(3);
        assertThat(trace).containsExactly("a@1000000000", "b@2000000000", "c@3000000000");
        assertThat(scheduler.nanoTime()).isEqualTo(10_000_000_000L);
    }

    @Test
    void tasksDueAtTheSameTimeRunInSchedulingOrder() {
        for (int i = 0; i < 5; i++) {
            int n = i;
            scheduler.schedule(Duration.ofMillis(7), () -> trace.add("t" + n));
        }
        scheduler.execute(() -> trace.add("now"));

        scheduler.runFor(Duration.ofMillis(7));

        assertThat(trace).containsExactly("now", "t0", "t1", "t2", "t3", "t4");
    }

    @Test
    void leavesTasksAfterTheDeadlineForLater() {
        scheduler.schedule(Duration.ofSeconds(5), () -> trace.add("late"));

        scheduler.runFor(Duration.ofSeconds(4));
        assertThat(trace).isEmpty();
        assertThat(scheduler.pending()).isEqualTo(1);

        scheduler.runFor(Duration.ofSeconds(1));
        assertThat(trace).containsExactly("late");
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void tasksScheduledByTasksRunInTheSameRunWhenDue() {
        scheduler.schedule(Duration.ofSeconds(1), () -> {
            trace.add("first");
            scheduler.schedule(Duration.ofSeconds(1), () -> trace.add("second@" + scheduler.nanoTime()));
        });

        scheduler.runFor(Duration.ofSeconds(2));

        assertThat(trace).containsExactly("first", "second@2000000000");
    }

    @Test
    void cancelledTaskDoesNotRunAndCancelReportsWhetherItStoppedIt() {
        Cancellable task = scheduler.schedule(Duration.ofSeconds(1), () -> trace.add("ran"));
        Cancellable other = scheduler.schedule(Duration.ofSeconds(1), () -> trace.add("other"));

        assertThat(task.cancel()).isTrue();
        assertThat(task.cancel()).isFalse();
        scheduler.runFor(Duration.ofSeconds(1));

        assertThat(trace).containsExactly("other");
        assertThat(other.cancel()).as("cancel after the task ran").isFalse();
    }

    @Test
    void manyTimersInAnyOrderRunSortedByDueTimeThenSchedulingOrder() {
        VirtualScheduler scheduler = new VirtualScheduler(1);
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        List<long[]> ran = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long due = random.nextInt(500);  // many ties
            long order = i;
            scheduler.schedule(Duration.ofNanos(due), () -> ran.add(new long[] {scheduler.nanoTime(), order}));
        }
        scheduler.runFor(Duration.ofSeconds(1));

        assertThat(ran).hasSize(20_000);
        for (int i = 1; i < ran.size(); i++) {
            long[] a = ran.get(i - 1);
            long[] b = ran.get(i);
            assertThat(a[0] < b[0] || (a[0] == b[0] && a[1] < b[1])).as("task %d after task %d", b[1], a[1])
                    .isTrue();
        }
    }

    @Test
    void cancelledTimersAreSweptOutOfALargeQueueAndTheRestStillRunInOrder() {
        VirtualScheduler scheduler = new VirtualScheduler(1);
        List<Integer> ran = new ArrayList<>();
        List<Cancellable> timers = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            int n = i;
            timers.add(scheduler.schedule(Duration.ofSeconds(3600 - i % 1000), () -> ran.add(n)));
        }
        for (int i = 0; i < 30_000; i++) {
            if (i % 10 != 0) {
                assertThat(timers.get(i).cancel()).isTrue();
            }
        }
        assertThat(scheduler.pending()).isEqualTo(3_000);
        assertThat(timers.get(1).cancel()).as("cancelled once only").isFalse();

        scheduler.runFor(Duration.ofHours(2));

        assertThat(ran).hasSize(3_000);
        List<Integer> expected = new ArrayList<>();
        for (int offset = 999; offset >= 0; offset--) {  // latest offset is due first
            for (int i = offset; i < 30_000; i += 1000) {
                if (i % 10 == 0) {
                    expected.add(i);
                }
            }
        }
        assertThat(ran).isEqualTo(expected);
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void wallClockFollowsVirtualTimeFromTheEpoch() {
        scheduler.runFor(Duration.ofMinutes(90));

        assertThat(scheduler.now()).isEqualTo(VirtualScheduler.DEFAULT_EPOCH.plus(Duration.ofMinutes(90)));
    }

    @Test
    void rejectsNegativeDelaysAndDeadlinesInThePast() {
        assertThatThrownBy(() -> scheduler.schedule(Duration.ofMillis(-1), () -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative delay");
        scheduler.runFor(Duration.ofSeconds(1));
        assertThatThrownBy(() -> scheduler.runUntil(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before now");
    }

    @Test
    void aSeededRunIsReproducible() {
        assertThat(randomWorkload(7)).isEqualTo(randomWorkload(7));
        assertThat(randomWorkload(7)).isNotEqualTo(randomWorkload(8));
    }

    /** Nodes that wake after random jitter and reschedule themselves: the shape of a Trickle timer. */
    private static List<String> randomWorkload(long seed) {
        VirtualScheduler scheduler = new VirtualScheduler(seed);
        List<String> events = new ArrayList<>();
        for (int node = 0; node < 20; node++) {
            int id = node;
            Runnable[] wake = new Runnable[1];
            wake[0] = () -> {
                events.add(id + "@" + scheduler.nanoTime());
                scheduler.schedule(Duration.ofMillis(1 + scheduler.random().nextInt(1000)), wake[0]);
            };
            scheduler.schedule(Duration.ofMillis(scheduler.random().nextInt(1000)), wake[0]);
        }
        scheduler.runFor(Duration.ofSeconds(30));
        return events;
    }
}
