package org.metermesh.radio.zep;

import java.time.Instant;

/**
 * 64-bit NTP timestamps as ZEP carries them: seconds since 1900-01-01 in the high 32 bits, binary fraction of a
 * second in the low 32 (<a href="https://www.rfc-editor.org/rfc/rfc5905#section-6">RFC 5905 section 6</a>).
 * Seconds wrap in 2036; values with the top bit clear are read as era 1 (2036-2104), the rule of
 * <a href="https://www.rfc-editor.org/rfc/rfc4330#section-3">RFC 4330 section 3</a>.
 */
public final class NtpTimestamp {

    /** Seconds from 1900-01-01 (NTP epoch) to 1970-01-01 (Unix epoch). */
    static final long UNIX_EPOCH_SECONDS = 2_208_988_800L;

    private NtpTimestamp() {
    }

    public static long of(Instant instant) {
        long seconds = (instant.getEpochSecond() + UNIX_EPOCH_SECONDS) & 0xffffffffL;
        long fraction = ((long) instant.getNano() << 32) / 1_000_000_000L;
        return seconds << 32 | fraction;
    }

    public static Instant toInstant(long ntp) {
        long seconds = ntp >>> 32;
        long fraction = ntp & 0xffffffffL;
        long era = (seconds & 0x8000_0000L) == 0 ? 1L << 32 : 0;
        long nanos = (fraction * 1_000_000_000L + (1L << 31)) >>> 32;
        return Instant.ofEpochSecond(seconds + era - UNIX_EPOCH_SECONDS, nanos);
    }
}
