package org.metermesh.radio.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    private final ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(3));
    private final SplittableRandom random = new SplittableRandom(1);

    @Test
    void delaysDoubleWithinEqualJitterUpToTheBound() {
        long[] ceilings = {100, 200, 400, 800, 1600, 3000, 3000, 3000};
        for (long ceiling : ceilings) {
            Duration delay = backoff.next(random);
            assertThat(delay).isBetween(Duration.ofMillis(ceiling / 2), Duration.ofMillis(ceiling));
        }
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.next(random)).isLessThanOrEqualTo(Duration.ofSeconds(3));
        }
    }

    @Test
    void resetStartsOverAtTheMinimum() {
        for (int i = 0; i < 10; i++) {
            backoff.next(random);
        }
        backoff.reset();
        assertThat(backoff.next(random)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    }
}
