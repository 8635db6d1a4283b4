package org.metermesh.telemetry.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    private static final Duration MIN = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofSeconds(60);

    @Test
    void eachDelayLiesBetweenHalfAndAllOfTheDoublingCeilingCappedAtMax() {
        ReconnectBackoff backoff = new ReconnectBackoff(MIN, MAX, new Random(7));
        long[] ceilings = {1, 2, 4, 8, 16, 32, 60, 60, 60, 60};
        for (long ceiling : ceilings) {
            Duration delay = backoff.next();
            assertThat(delay).isBetween(Duration.ofMillis(Math.max(1000, ceiling * 500)), Duration.ofSeconds(ceiling));
        }
        assertThat(backoff.attempts()).isEqualTo(ceilings.length);
    }

    @Test
    void theSameSeedGivesTheSameDelays() {
        assertThat(delays(new Random(42), 12)).isEqualTo(delays(new Random(42), 12));
        assertThat(delays(new Random(42), 12)).isNotEqualTo(delays(new Random(43), 12));
    }

    @Test
    void jitterSpreadsTheDelaysOfOneAttempt() {
        List<Duration> fifth = new ArrayList<>();
        Random random = new Random(1);
        for (int i = 0; i < 50; i++) {
            ReconnectBackoff backoff = new ReconnectBackoff(MIN, MAX, random);
            for (int k = 0; k < 4; k++) {
                backoff.next();
            }
            fifth.add(backoff.next());  // ceiling 16 s
        }
        assertThat(fifth).allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(16)));
        assertThat(fifth.stream().distinct().count()).isGreaterThan(40);
    }

    @Test
    void resetStartsFromMinAgain() {
        ReconnectBackoff backoff = new ReconnectBackoff(MIN, MAX, new Random(3));
        for (int i = 0; i < 8; i++) {
            backoff.next();
        }
        backoff.reset();
        assertThat(backoff.attempts()).isZero();
        assertThat(backoff.next()).isEqualTo(MIN);  // ceiling 1 s, never below min
    }

    @Test
    void manyAttemptsNeitherOverflowNorExceedMax() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(1), Duration.ofDays(1), new Random(5));
        Duration last = Duration.ZERO;
        for (int i = 0; i < 200; i++) {
            last = backoff.next();
            assertThat(last).isPositive().isLessThanOrEqualTo(Duration.ofDays(1));
        }
        assertThat(last).isGreaterThanOrEqualTo(Duration.ofHours(12));
    }

    @Test
    void minEqualToMaxIsAFixedDelay() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(200), Duration.ofMillis(200), new Random(9));
        assertThat(delays(backoff, 5)).containsOnly(Duration.ofMillis(200));
    }

    @Test
    void badBoundsAreRefused() {
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ZERO, MAX, new Random()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not positive");
        assertThatThrownBy(() -> new ReconnectBackoff(MAX, MIN, new Random()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("less than min");
    }

    private static List<Duration> delays(Random random, int n) {
        return delays(new ReconnectBackoff(MIN, MAX, random), n);
    }

    private static List<Duration> delays(ReconnectBackoff backoff, int n) {
        List<Duration> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(backoff.next());
        }
        return out;
    }
}
