package org.metermesh.telemetry.mqtt;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Delays between reconnect attempts: exponential with jitter, so that a fleet of gateways cut off by one broker
 * outage does not come back in one burst. Attempt {@code n} (from 0) waits a uniformly drawn time between half and
 * all of {@code min * 2^n}, capped at {@code max} and never below {@code min}. {@link #reset()} after a successful
 * connect starts again from {@code min}. Not thread-safe: used on the session's event loop.
 */
public final class ReconnectBackoff {

    private final long minNanos;
    private final long maxNanos;
    private final RandomGenerator random;
    private int attempt;

    public ReconnectBackoff(Duration min, Duration max, RandomGenerator random) {
        if (min.isNegative() || min.isZero()) {
            throw new IllegalArgumentException("backoff min " + min + " is not positive");
        }
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff max " + max + " is less than min " + min);
        }
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The delay before the next attempt; each call counts one more attempt. */
    public Duration next() {
        long ceiling = ceiling(attempt);
        if (attempt < 62) {
            attempt++;
        }
        long half = ceiling / 2;
        long drawn = half + random.nextLong(ceiling - half + 1);
        return Duration.ofNanos(Math.max(minNanos, drawn));
    }

    /** Attempts counted since the last reset. */
    public int attempts() {
        return attempt;
    }

    public void reset() {
        attempt = 0;
    }

    /** {@code min * 2^n} capped at max, without overflow. */
    private long ceiling(int n) {
        long value = minNanos;
        for (int i = 0; i < n && value < maxNanos; i++) {
            value = value > maxNanos / 2 ? maxNanos : value * 2;
        }
        return Math.min(value, maxNanos);
    }
}
