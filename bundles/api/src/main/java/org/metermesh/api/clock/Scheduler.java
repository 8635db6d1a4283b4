package org.metermesh.api.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The single source of time, timers and randomness for a protocol stack.
 *
 * <p>A scheduler runs its tasks one at a time on one logical thread, so the cores it drives need no locks. The
 * gateway runtime provides a real-time implementation; the simulator provides a virtual-time one in which a
 * whole neighbourhood runs deterministically for a given seed. Cores must take time and randomness only from
 * here (never {@link System#nanoTime()} or {@code new Random()}), otherwise a simulation cannot be replayed.
 */
@ProviderType
public interface Scheduler {

    /** Monotonic time on this scheduler's time line, in nanoseconds. Only differences are meaningful. */
    long nanoTime();

    /** The wall-clock instant that corresponds to {@link #nanoTime()} now. */
    Instant now();

    /**
     * Runs {@code task} once, {@code delay} from now. Tasks due at the same time run in the order they were
     * scheduled.
     *
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs {@code task} on the scheduler's thread as soon as possible, after tasks already due. */
    default void execute(Runnable task) {
        schedule(Duration.ZERO, task);
    }

    /** Randomness for jitter and backoff; seeded, hence reproducible, in simulation. Use only from tasks. */
    RandomGenerator random();
}
