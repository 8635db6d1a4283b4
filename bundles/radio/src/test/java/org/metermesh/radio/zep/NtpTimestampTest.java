package org.metermesh.radio.zep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class NtpTimestampTest {

    @Test
    void unixEpochIsSecond2208988800() {
        assertThat(NtpTimestamp.of(Instant.EPOCH)).isEqualTo(0x83aa7e80_00000000L);
    }

    @Test
    void halfASecondIsTheTopFractionBit() {
        assertThat(NtpTimestamp.of(Instant.EPOCH.plusMillis(500)) & 0xffffffffL).isEqualTo(0x80000000L);
    }

    @Test
    void roundTripsToTheNanosecond() {
        Instant instant = Instant.parse("2026-01-01T12:34:56.123456789Z");
        assertThat(NtpTimestamp.toInstant(NtpTimestamp.of(instant))).isEqualTo(instant);
    }

    @Test
    void secondsWrapIn2036AndAreReadBackInEraOne() {
        Instant after = Instant.parse("2040-06-01T00:00:00Z");
        long ntp = NtpTimestamp.of(after);
        assertThat(ntp >>> 63).isZero();
        assertThat(NtpTimestamp.toInstant(ntp)).isEqualTo(after);
    }
}
