package org.metermesh.radio.serial;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Bounded exponential backoff with "equal jitter": the n-th delay is drawn from [d/2, d] with
 * d = min(max, min * 2^n), so gateways that lose their radios together do not retry in lock step, and no delay
 * ever exceeds the bound. Used on the event loop only.
 */
final class ReconnectBackoff {

    private final long minNanos;
    private final long maxNanos;
    private int failures;

    ReconnectBackoff(Duration min, Duration max) {
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
    }

    Duration next(RandomGenerator random) {
        long ceiling = minNanos;
        for (int i = 0; i < failures && ceiling < maxNanos; i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, maxNanos);
        failures++;
        long half = ceiling / 2;
        return Duration.ofNanos(half + random.nextLong(ceiling - half + 1));
    }

    /** After a successful connection the next loss is retried quickly again. */
    void reset() {
        failures = 0;
    }
}
