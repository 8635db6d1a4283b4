package org.metermesh.radio.serial;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RcpClockTest {

    private final RcpClock clock = new RcpClock();

    @Test
    void keepsTheOffsetOfTheFastestArrival() {
        // RCP time 1000 us arrives at host 5 ms: offset 4 ms.
        assertThat(clock.toSchedulerNanos(1_000, 5_000_000)).isEqualTo(5_000_000);
        // A slower arrival keeps the earlier offset: 2000 us -> 6 ms, not 9 ms.
        assertThat(clock.toSchedulerNanos(2_000, 9_000_000)).isEqualTo(6_000_000);
        // A faster one tightens it: offset 3.5 ms.
        assertThat(clock.toSchedulerNanos(3_000, 6_500_000)).isEqualTo(6_500_000);
        assertThat(clock.toSchedulerNanos(4_000, 8_000_000)).isEqualTo(7_500_000);
    }

    @Test
    void restartsWhenTheRcpClockRunsBackwardsOrAfterReset() {
        clock.toSchedulerNanos(1_000_000, 2_000_000_000L);
        assertThat(clock.toSchedulerNanos(10, 3_000_000_000L)).isEqualTo(3_000_000_000L);
        clock.reset();
        assertThat(clock.toSchedulerNanos(20, 4_000_000_000L)).isEqualTo(4_000_000_000L);
    }

    @Test
    void reanchorsWhenArrivalsLagTheEstimateByMoreThanASecond() {
        clock.toSchedulerNanos(0, 1_000_000_000L);
        long lagging = clock.toSchedulerNanos(1_000_000, 3_500_000_000L);
        assertThat(lagging).isEqualTo(3_500_000_000L);
    }
}
