package org.metermesh.itest.support;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits, with a deadline, for something the framework does on its own threads (SCR activation, ConfigAdmin
 * delivery, service re-registration). A failure says what was awaited and what was last seen.
 */
public final class Await {

    /** Generous for a loaded 2-core build machine; a passing run waits milliseconds. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static final long POLL_NANOS = Duration.ofMillis(10).toNanos();

    private Await() {
    }

    public static void until(String what, BooleanSupplier condition) {
        value(what, condition::getAsBoolean, Boolean.TRUE::equals);
    }

    /** Polls {@code probe} until {@code accepted} holds for its result, and returns that result. */
    public static <T> T value(String what, Supplier<T> probe, Predicate<? super T> accepted) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            T seen = probe.get();
            if (accepted.test(seen)) {
                return seen;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + TIMEOUT.toSeconds() + " s waiting for " + what
                        + "; last seen: " + seen);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
