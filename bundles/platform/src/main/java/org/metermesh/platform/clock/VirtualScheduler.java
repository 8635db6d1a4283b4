package org.metermesh.platform.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.metermesh.api.clock.Cancellable;
import org.metermesh.api.clock.Scheduler;

/**
 * Discrete-event, virtual-time scheduler for simulation and tests.
 *
 * <p>Time stands still while a task runs and jumps to the next due task, so an hour of a neighbourhood runs as
 * fast as its events can be processed. Given the same seed and the same tasks, every run is identical: ties are
 * broken by scheduling order and randomness comes from one seeded generator. Not thread-safe: the thread that
 * calls {@link #runUntil(long)} is the event loop.
 */
public final class VirtualScheduler implements Scheduler {

    /** Where virtual wall-clock time starts unless told otherwise. */
    public static final Instant DEFAULT_EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    /** Below this many queued tasks cancelled ones are simply skipped when due; above it they are swept out. */
    private static final int SWEEP_MIN = 4096;

    /*
     * A binary min-heap ordered by (due, sequence), in parallel arrays: a simulated neighbourhood keeps hundreds of
     * thousands of timers queued, and comparing keys held in primitive arrays spares a sift the cache miss of
     * loading every task it passes.
     */
    private long[] dues = new long[256];
    private long[] sequences = new long[256];
    private Task[] tasks = new Task[256];
    private int size;
    /** Tasks in the heap that were cancelled: swept out once they are most of it. */
    private int cancelledQueued;
    private final RandomGenerator random;
    private final Instant epoch;
    private long now;
    private long sequence;
    private long executed;

    public VirtualScheduler(long seed) {
        this(seed, DEFAULT_EPOCH);
    }

    public VirtualScheduler(long seed, Instant epoch) {
        this.random = new SplittableRandom(seed);
        this.epoch = epoch;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Instant now() {
        return epoch.plusNanos(now);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        long delayNanos = delay.toNanos();
        if (delayNanos < 0) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
        Task scheduled = new Task(now + delayNanos, sequence++, task);
        push(scheduled);
        return scheduled;
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    /**
     * Runs every task due at or before {@code deadlineNanos}, including tasks those tasks schedule, then leaves
     * the clock at the deadline. An exception from a task propagates: in simulation a failing task is a bug.
     *
     * @return the number of tasks run
     */
    public long runUntil(long deadlineNanos) {
        if (deadlineNanos < now) {
            throw new IllegalArgumentException("deadline " + deadlineNanos + " is before now " + now);
        }
        long ran = 0;
        while (size > 0 && dues[0] <= deadlineNanos) {
            Task next = pop();
            if (next.cancelled) {
                cancelledQueued--;
                continue;
            }
            now = next.due;
            next.done = true;
            executed++;
            ran++;
            next.task.run();
        }
        now = deadlineNanos;
        return ran;
    }

    /** Runs the next {@code duration} of virtual time. */
    public long runFor(Duration duration) {
        return runUntil(Math.addExact(now, duration.toNanos()));
    }

    /** Tasks scheduled and neither run nor cancelled. */
    public int pending() {
        return size - cancelledQueued;
    }

    private void push(Task task) {
        if (size == tasks.length) {
            dues = Arrays.copyOf(dues, size * 2);
            sequences = Arrays.copyOf(sequences, size * 2);
            tasks = Arrays.copyOf(tasks, size * 2);
        }
        int at = size++;
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!before(task.due, task.sequence, parent)) {
                break;
            }
            place(at, dues[parent], sequences[parent], tasks[parent]);
            at = parent;
        }
        place(at, task.due, task.sequence, task);
    }

    private Task pop() {
        Task first = tasks[0];
        size--;
        if (size > 0) {
            siftDown(0, dues[size], sequences[size], tasks[size]);
        }
        tasks[size] = null;
        return first;
    }

    /** Puts the task with this key at {@code at} or below it, moving smaller children up. */
    private void siftDown(int at, long due, long seq, Task task) {
        int half = size >>> 1;
        while (at < half) {
            int child = 2 * at + 1;
            int right = child + 1;
            if (right < size && (dues[right] < dues[child]
                    || (dues[right] == dues[child] && sequences[right] < sequences[child]))) {
                child = right;
            }
            if (!(dues[child] < due || (dues[child] == due && sequences[child] < seq))) {
                break;
            }
            place(at, dues[child], sequences[child], tasks[child]);
            at = child;
        }
        place(at, due, seq, task);
    }

    private boolean before(long due, long seq, int index) {
        return due < dues[index] || (due == dues[index] && seq < sequences[index]);
    }

    private void place(int at, long due, long seq, Task task) {
        dues[at] = due;
        sequences[at] = seq;
        tasks[at] = task;
    }

    /** A task still queued was cancelled; once cancelled ones are most of a large heap, they go (O(n)). */
    private void cancelledInQueue() {
        cancelledQueued++;
        if (cancelledQueued > size / 2 && size > SWEEP_MIN) {
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (!tasks[i].cancelled) {
                    place(kept++, dues[i], sequences[i], tasks[i]);
                }
            }
            Arrays.fill(tasks, kept, size, null);
            size = kept;
            cancelledQueued = 0;
            for (int i = (size >>> 1) - 1; i >= 0; i--) {
                siftDown(i, dues[i], sequences[i], tasks[i]);
            }
        }
    }

    /** Tasks run since this scheduler was created. */
    public long executed() {
        return executed;
    }

    private final class Task implements Cancellable {
        final long due;
        final long sequence;
        final Runnable task;
        boolean cancelled;
        boolean done;

        Task(long due, long sequence, Runnable task) {
            this.due = due;
            this.sequence = sequence;
            this.task = task;
        }

        @Override
        public boolean cancel() {
            if (cancelled || done) {
                return false;
            }
            cancelled = true;
            cancelledInQueue();
            return true;
        }
    }
}
