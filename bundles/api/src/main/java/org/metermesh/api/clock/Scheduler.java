package org.metermesh.api.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
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

    /**
     * Runs {@code work} on the scheduler's thread and waits for its result: how a console command or a component's
     * shell reads single-threaded core state from another thread. Never call it from the scheduler's own thread (it
     * would wait for itself until the timeout).
     *
     * @param what names the work in the exception's message
     * @throws IllegalStateException if the work threw (as its cause), did not finish within {@code timeout}, or
     *     the caller was interrupted (the interrupt flag is set again)
     */
    default <T> T call(String what, Duration timeout, Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + ": the event loop did not answer within " + timeout.toMillis()
                    + " ms");
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted");
        }
    }

    /** Randomness for jitter and backoff; seeded, hence reproducible, in simulation. Use only from tasks. */
    RandomGenerator random();
}
