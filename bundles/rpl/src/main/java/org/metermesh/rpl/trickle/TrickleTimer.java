package org.metermesh.rpl.trickle;

import java.time.Duration;
import java.util.Objects;

import org.metermesh.api.clock.Cancellable;
import org.metermesh.api.clock.Scheduler;

/**
 * The Trickle algorithm (RFC 6206 4.2) on a {@link Scheduler}: a sans-I/O core that decides when to transmit and
 * calls {@link TrickleListener#transmit()} at that moment. It keeps the RFC's three variables, the interval size
 * I, the transmission time t and the counter c, and follows its six rules:
 * <ol>
 * <li>{@link #start()} sets I to Imin and begins the first interval (the RFC allows any value in [Imin, Imax];
 *     Imin makes a joining node's first DIO come soonest, and is what Contiki-NG's DIO timer does).</li>
 * <li>When an interval begins, c = 0 and t is drawn uniformly from [I/2, I) with {@link Scheduler#random()}, so a
 *     run is reproducible for a seed.</li>
 * <li>{@link #consistent()} increments c.</li>
 * <li>At time t, transmit if and only if c &lt; k. With k = 0 every interval transmits (see
 *     {@link TrickleConfig}).</li>
 * <li>When I expires, I = min(2I, Imax) and a new interval begins.</li>
 * <li>{@link #inconsistent()} (or an external event, {@link #reset()}) with I &gt; Imin sets I = Imin and begins a new
 *     interval; with I = Imin it does nothing.</li>
 * </ol>
 *
 * <p>Not thread-safe, and needs no locks: every method must be called on the scheduler's thread, as the tasks it
 * schedules are. Each timer keeps at most two scheduled tasks (time t and the end of I) and cancels them on reset.
 */
public final class TrickleTimer {

    private final Scheduler scheduler;
    private final TrickleListener listener;
    private TrickleConfig config;

    private boolean running;
    private long intervalNanos;
    private long intervalStart;
    private long transmitAt;
    private int counter;
    private boolean transmitDecided;
    private Cancellable transmitTask;
    private Cancellable intervalTask;

    private long transmissions;
    private long suppressions;
    private long intervals;
    private long resets;

    public TrickleTimer(Scheduler scheduler, TrickleConfig config, TrickleListener listener) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Rule 1: starts with I = Imin. Starting a running timer restarts it at Imin. */
    public void start() {
        cancelTasks();
        running = true;
        intervalNanos = config.iminNanos();
        beginInterval();
    }

    /** Stops the timer; nothing is transmitted until the next {@link #start()}. */
    public void stop() {
        cancelTasks();
        running = false;
    }

    /** Rule 3: a consistent transmission was heard. Ignored while stopped. */
    public void consistent() {
        if (running) {
            counter++;
        }
    }

    /** Rule 6: an inconsistent transmission was heard. Resets to Imin unless I already equals Imin. */
    public void inconsistent() {
        if (running && intervalNanos > config.iminNanos()) {
            resets++;
            cancelTasks();
            intervalNanos = config.iminNanos();
            beginInterval();
        }
    }

    /**
     * An external event that RFC 6206 4.2 lets a protocol treat as an inconsistency (for RPL, RFC 6550 8.3 lists
     * them; among them a new DODAG Version and a multicast DIS). Same effect as {@link #inconsistent()}.
     */
    public void reset() {
        inconsistent();
    }

    /**
     * Applies new parameters, e.g. from the DODAG Configuration option heard from the root. A running timer
     * restarts at the new Imin, since its current interval may not exist under the new bounds.
     */
    public void reconfigure(TrickleConfig newConfig) {
        this.config = Objects.requireNonNull(newConfig, "config");
        if (running) {
            start();
        }
    }

    private void beginInterval() {
        // Rule 2: c = 0, t uniformly in [I/2, I).
        intervals++;
        counter = 0;
        transmitDecided = false;
        intervalStart = scheduler.nanoTime();
        long half = intervalNanos / 2;
        long span = intervalNanos - half;
        long t = half + (span > 0 ? scheduler.random().nextLong(span) : 0);
        transmitAt = intervalStart + t;
        transmitTask = scheduler.schedule(Duration.ofNanos(t), this::atTransmitTime);
        intervalTask = scheduler.schedule(Duration.ofNanos(intervalNanos), this::atIntervalEnd);
        listener.intervalStarted(Duration.ofNanos(intervalNanos));
    }

    private void atTransmitTime() {
        // Rule 4: transmit iff c < k; k = 0 never suppresses.
        transmitDecided = true;
        if (config.neverSuppress() || counter < config.redundancy()) {
            transmissions++;
            listener.transmit();
        } else {
            suppressions++;
        }
    }

    private void atIntervalEnd() {
        // Rule 5: I = min(2I, Imax), new interval.
        intervalNanos = Math.min(config.imaxNanos(), intervalNanos * 2);
        beginInterval();
    }

    private void cancelTasks() {
        if (transmitTask != null) {
            transmitTask.cancel();
            transmitTask = null;
        }
        if (intervalTask != null) {
            intervalTask.cancel();
            intervalTask = null;
        }
    }

    public boolean isRunning() {
        return running;
    }

    public TrickleConfig config() {
        return config;
    }

    /** The current interval size I. */
    public Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }

    /** The counter c of the current interval. */
    public int counter() {
        return counter;
    }

    /** Scheduler time at which the current interval began. */
    public long intervalStartNanos() {
        return intervalStart;
    }

    /** Scheduler time t of the current interval's transmission decision. */
    public long transmitTimeNanos() {
        return transmitAt;
    }

    /** Whether time t of the current interval has passed (the decision is made). */
    public boolean transmitDecided() {
        return transmitDecided;
    }

    /** Transmissions requested since creation. */
    public long transmissions() {
        return transmissions;
    }

    /** Intervals in which the transmission was suppressed (c &ge; k). */
    public long suppressions() {
        return suppressions;
    }

    /** Intervals begun since creation. */
    public long intervals() {
        return intervals;
    }

    /** Resets to Imin caused by inconsistencies. */
    public long resets() {
        return resets;
    }

    @Override
    public String toString() {
        return "Trickle[I=" + interval() + ", c=" + counter + ", k=" + config.redundancy() + ", running=" + running
                + "]";
    }
}
