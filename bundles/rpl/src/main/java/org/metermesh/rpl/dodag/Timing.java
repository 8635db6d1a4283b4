package org.metermesh.rpl.dodag;

import java.time.Duration;

import org.metermesh.api.clock.Scheduler;

/** Random delays drawn from the scheduler's generator, so a seeded simulation repeats. */
final class Timing {

    private Timing() {
    }

    /** Uniform in [0, bound); zero for a zero bound. */
    static Duration upTo(Scheduler scheduler, Duration bound) {
        long nanos = bound.toNanos();
        return nanos <= 0 ? Duration.ZERO : Duration.ofNanos(scheduler.random().nextLong(nanos));
    }

    /** Uniform in [mean/2, 3*mean/2), the spread Contiki-NG gives its DIS, DAO and probing timers. */
    static Duration around(Scheduler scheduler, Duration mean) {
        long nanos = mean.toNanos();
        return nanos <= 1 ? mean : Duration.ofNanos(nanos / 2 + scheduler.random().nextLong(nanos));
    }
}
