package org.metermesh.rpl.trickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class TrickleConfigTest {

    @Test
    void rplIntervalsArePowersOfTwoMilliseconds() {
        // RFC 6550 8.3.1: Imin = 2^DIOIntervalMin ms, Imax = Imin * 2^DIOIntervalDoublings.
        assertThat(TrickleConfig.RFC6550.imin()).isEqualTo(Duration.ofMillis(8));            // 2^3
        assertThat(TrickleConfig.RFC6550.imax()).isEqualTo(Duration.ofMillis(1L << 23));     // 8388.608 s, 2.3 h
        assertThat(TrickleConfig.RFC6550.redundancy()).isEqualTo(10);

        assertThat(TrickleConfig.CONTIKI_NG_RPL_CLASSIC.imin()).isEqualTo(Duration.ofMillis(4096));
        assertThat(TrickleConfig.CONTIKI_NG_RPL_CLASSIC.imax()).isEqualTo(Duration.ofMillis(1_048_576)); // 17.5 min
        assertThat(TrickleConfig.CONTIKI_NG_RPL_CLASSIC.redundancy()).isEqualTo(10);
        assertThat(TrickleConfig.CONTIKI_NG_RPL_LITE.redundancy()).isZero();

        assertThat(TrickleConfig.WISUN_FAN_SMALL.imin()).isEqualTo(Duration.ofMillis(32_768)); // 2^15 ms, not 15 s
        assertThat(TrickleConfig.WISUN_FAN_SMALL.imax()).isEqualTo(Duration.ofMillis(131_072));
        assertThat(TrickleConfig.WISUN_FAN_SMALL.neverSuppress()).isTrue();

        assertThat(TrickleConfig.METERMESH_DEFAULT.imin()).isEqualTo(Duration.ofMillis(16_384));   // 2^14 ms
        assertThat(TrickleConfig.METERMESH_DEFAULT.imax()).isEqualTo(Duration.ofMillis(1_048_576)); // 17.5 min
        assertThat(TrickleConfig.METERMESH_DEFAULT.redundancy()).isEqualTo(10);
    }

    @Test
    void anyValueTheDodagConfigurationCanCarryIsCappedNotOverflowed() {
        TrickleConfig huge = TrickleConfig.fromRpl(255, 255, 255);
        assertThat(huge.iminNanos()).isEqualTo(TrickleConfig.MAX_INTERVAL_NANOS);
        assertThat(huge.imaxNanos()).isEqualTo(TrickleConfig.MAX_INTERVAL_NANOS);
        TrickleConfig longImax = TrickleConfig.fromRpl(12, 255, 0);
        assertThat(longImax.imaxNanos()).isEqualTo(TrickleConfig.MAX_INTERVAL_NANOS);
        assertThat(TrickleConfig.fromRpl(0, 0, 0).imin()).isEqualTo(Duration.ofMillis(1));
        assertThat(TrickleConfig.fromRpl(30, 0, 0).iminNanos()).isEqualTo((1L << 30) * 1_000_000L);
    }

    @Test
    void rejectsNonsense() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TrickleConfig(Duration.ZERO, 1, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new TrickleConfig(Duration.ofSeconds(1), -1, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new TrickleConfig(Duration.ofSeconds(1), 1, -1));
        assertThatIllegalArgumentException().isThrownBy(() -> TrickleConfig.fromRpl(-1, 0, 0));
    }
}
