package org.metermesh.telemetry.cosem;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The COSEM {@code date-time}: a 12-octet octet-string (DLMS UA Blue Book 4.1.6.1 "Date and time formats"):
 * <pre>
 * year-highbyte year-lowbyte month day-of-month day-of-week hour minute second hundredths
 * deviation-highbyte deviation-lowbyte clock-status
 * </pre>
 * Each field may be "not specified" ({@code 0xFFFF} year, {@code 0x8000} deviation, {@code 0xFF} otherwise). Month
 * also has 0xFD (daylight saving end) and 0xFE (begin); day-of-month 0xFD (second last) and 0xFE (last day).
 *
 * <p>{@code deviation} is "minutes of local time to UTC" as the Blue Book defines it: UTC = local time + deviation,
 * so local time UTC+01:00 has deviation -60. {@link #of(OffsetDateTime, int)} and {@link #toOffsetDateTime()} apply
 * this.
 *
 * @param year 0..0xFFFE, or {@link #YEAR_NOT_SPECIFIED}
 * @param month 1..12, 0xFD, 0xFE, or 0xFF
 * @param dayOfMonth 1..31, 0xFD, 0xFE, or 0xFF
 * @param dayOfWeek 1 (Monday)..7, or 0xFF
 * @param hour 0..23 or 0xFF
 * @param minute 0..59 or 0xFF
 * @param second 0..59 or 0xFF
 * @param hundredths 0..99 or 0xFF
 * @param deviation -720..720 minutes, or {@link #DEVIATION_NOT_SPECIFIED}
 * @param clockStatus the clock status bits ({@link #STATUS_INVALID} ...), or {@link #STATUS_NOT_SPECIFIED}
 */
public record CosemDateTime(int year, int month, int dayOfMonth, int dayOfWeek, int hour, int minute, int second,
        int hundredths, int deviation, int clockStatus) {

    public static final int NOT_SPECIFIED = 0xFF;
    public static final int YEAR_NOT_SPECIFIED = 0xFFFF;
    /** 0x8000 read as a signed 16-bit integer. */
    public static final int DEVIATION_NOT_SPECIFIED = Short.MIN_VALUE;
    public static final int MONTH_DAYLIGHT_SAVINGS_END = 0xFD;
    public static final int MONTH_DAYLIGHT_SAVINGS_BEGIN = 0xFE;
    public static final int DAY_SECOND_LAST = 0xFD;
    public static final int DAY_LAST = 0xFE;

    // Clock status bits, Blue Book 4.1.6.1 (bits 4..6 reserved).
    public static final int STATUS_OK = 0x00;
    public static final int STATUS_INVALID = 0x01;
    public static final int STATUS_DOUBTFUL = 0x02;
    public static final int STATUS_DIFFERENT_CLOCK_BASE = 0x04;
    public static final int STATUS_INVALID_CLOCK_STATUS = 0x08;
    public static final int STATUS_DAYLIGHT_SAVING_ACTIVE = 0x80;
    public static final int STATUS_NOT_SPECIFIED = 0xFF;

    /** Octets of the encoded form. */
    public static final int LENGTH = 12;

    public CosemDateTime {
        String problem = problem(year, month, dayOfMonth, dayOfWeek, hour, minute, second, hundredths, deviation,
                clockStatus);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * The date-time of {@code time}, with every field specified, day-of-week filled in, and the deviation taken from
     * its offset.
     *
     * @param clockStatus the clock status octet, e.g. {@link #STATUS_OK}
     */
    public static CosemDateTime of(OffsetDateTime time, int clockStatus) {
        if (time.getYear() < 0 || time.getYear() >= YEAR_NOT_SPECIFIED) {
            throw new IllegalArgumentException("year " + time.getYear() + " does not fit a COSEM date-time");
        }
        int offsetMinutes = time.getOffset().getTotalSeconds() / 60;
        return new CosemDateTime(time.getYear(), time.getMonthValue(), time.getDayOfMonth(),
                time.getDayOfWeek().getValue(), time.getHour(), time.getMinute(), time.getSecond(),
                time.getNano() / 10_000_000, -offsetMinutes, clockStatus);
    }

    /** {@code instant} in UTC (deviation 0) with clock status OK. */
    public static CosemDateTime ofUtc(Instant instant) {
        return of(instant.atOffset(ZoneOffset.UTC), STATUS_OK);
    }

    /** True if year, month, day, hour, minute, second and deviation are plain values, so the instant is known. */
    public boolean isInstant() {
        return year != YEAR_NOT_SPECIFIED && month >= 1 && month <= 12 && dayOfMonth >= 1 && dayOfMonth <= 31
                && hour != NOT_SPECIFIED && minute != NOT_SPECIFIED && second != NOT_SPECIFIED
                && deviation != DEVIATION_NOT_SPECIFIED;
    }

    /**
     * This date-time as a java.time value; unspecified hundredths count as 0.
     *
     * @throws IllegalStateException if {@link #isInstant()} is false
     */
    public OffsetDateTime toOffsetDateTime() {
        if (!isInstant()) {
            throw new IllegalStateException("date-time with unspecified fields is not an instant: " + this);
        }
        int nanos = hundredths == NOT_SPECIFIED ? 0 : hundredths * 10_000_000;
        return OffsetDateTime.of(year, month, dayOfMonth, hour, minute, second, nanos,
                ZoneOffset.ofTotalSeconds(-deviation * 60));
    }

    /** {@link #toOffsetDateTime()} as an instant. */
    public Instant toInstant() {
        return toOffsetDateTime().toInstant();
    }

    /** The 12-octet encoding. */
    public byte[] toBytes() {
        return new byte[] {(byte) (year >>> 8), (byte) year, (byte) month, (byte) dayOfMonth, (byte) dayOfWeek,
            (byte) hour, (byte) minute, (byte) second, (byte) hundredths, (byte) (deviation >>> 8),
            (byte) deviation, (byte) clockStatus};
    }

    /** This date-time as the octet-string that carries it in COSEM attributes. */
    public CosemData.OctetString toData() {
        return new CosemData.OctetString(toBytes());
    }

    /** Decodes 12 octets; any other length or an out-of-range field is {@link CosemRejection#BAD_DATE_TIME}. */
    public static DecodeResult<CosemDateTime> decode(byte[] octets) {
        if (octets.length != LENGTH) {
            return new DecodeResult.Rejected<>(CosemRejection.BAD_DATE_TIME, 0,
                    "date-time has " + LENGTH + " octets, not " + octets.length);
        }
        int year = ((octets[0] & 0xFF) << 8) | (octets[1] & 0xFF);
        int deviation = (short) (((octets[9] & 0xFF) << 8) | (octets[10] & 0xFF));
        int[] f = new int[12];
        for (int i = 0; i < 12; i++) {
            f[i] = octets[i] & 0xFF;
        }
        String problem = problem(year, f[2], f[3], f[4], f[5], f[6], f[7], f[8], deviation, f[11]);
        if (problem != null) {
            return new DecodeResult.Rejected<>(CosemRejection.BAD_DATE_TIME, 0, problem);
        }
        return new DecodeResult.Decoded<>(
                new CosemDateTime(year, f[2], f[3], f[4], f[5], f[6], f[7], f[8], deviation, f[11]));
    }

    /** Decodes the octet-string form; any other Data type is {@link CosemRejection#BAD_DATE_TIME}. */
    public static DecodeResult<CosemDateTime> fromData(CosemData data) {
        if (data instanceof CosemData.OctetString s) {
            return decode(s.value());
        }
        return new DecodeResult.Rejected<>(CosemRejection.BAD_DATE_TIME, 0,
                "date-time is an octet-string, not " + data.tag());
    }

    private static String problem(int year, int month, int day, int dayOfWeek, int hour, int minute, int second,
            int hundredths, int deviation, int clockStatus) {
        if (year < 0 || year > 0xFFFF) {
            return "year " + year + " out of 0..0xFFFF";
        }
        if (!(month >= 1 && month <= 12) && month != 0xFD && month != 0xFE && month != NOT_SPECIFIED) {
            return "month " + month;
        }
        if (!(day >= 1 && day <= 31) && day != 0xFD && day != 0xFE && day != NOT_SPECIFIED) {
            return "day-of-month " + day;
        }
        if (!(dayOfWeek >= 1 && dayOfWeek <= 7) && dayOfWeek != NOT_SPECIFIED) {
            return "day-of-week " + dayOfWeek;
        }
        if (hour > 23 && hour != NOT_SPECIFIED || hour < 0) {
            return "hour " + hour;
        }
        if (minute > 59 && minute != NOT_SPECIFIED || minute < 0) {
            return "minute " + minute;
        }
        if (second > 59 && second != NOT_SPECIFIED || second < 0) {
            return "second " + second;
        }
        if (hundredths > 99 && hundredths != NOT_SPECIFIED || hundredths < 0) {
            return "hundredths " + hundredths;
        }
        if ((deviation < -720 || deviation > 720) && deviation != DEVIATION_NOT_SPECIFIED) {
            return "deviation " + deviation + " out of -720..720 minutes";
        }
        if (clockStatus < 0 || clockStatus > 0xFF) {
            return "clock status " + clockStatus;
        }
        if (year != YEAR_NOT_SPECIFIED && month <= 12 && day <= 31) {
            try {
                LocalDate.of(year, month, day);
            } catch (DateTimeException e) {
                return "no such date: " + year + "-" + month + "-" + day;
            }
        }
        return null;
    }
}
