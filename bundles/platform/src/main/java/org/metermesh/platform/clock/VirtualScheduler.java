package org.metermesh.platform.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
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

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
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
        queue.add(scheduled);
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
        Task next;
        while ((next = queue.peek()) != null && next.due <= deadlineNanos) {
            queue.poll();
            if (next.cancelled) {
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
        int pending = 0;
        for (Task task : queue) {
            if (!task.cancelled) {
                pending++;
            }
        }
        return pending;
    }

    /** Tasks run since this scheduler was created. */
    public long executed() {
        return executed;
    }

    private static final class Task implements Cancellable, Comparable<Task> {
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
            return true;
        }

        @Override
        public int compareTo(Task other) {
            int byTime = Long.compare(due, other.due);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
