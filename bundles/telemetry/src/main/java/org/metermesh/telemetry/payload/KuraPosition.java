package org.metermesh.telemetry.payload;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The position of a Kura payload ({@code KuraPayload.KuraPosition}). Latitude and longitude (degrees) are required;
 * every other field is optional and {@code null} when absent. The timestamp is held to the millisecond, as it
 * travels as epoch milliseconds.
 */
public record KuraPosition(double latitude, double longitude, Double altitude, Double precision, Double heading,
        Double speed, Instant timestamp, Integer satellites, Integer status) {

    public KuraPosition {
        if (timestamp != null) {
            timestamp = timestamp.truncatedTo(ChronoUnit.MILLIS);
        }
    }

    /** A position with only the required fields. */
    public static KuraPosition of(double latitude, double longitude) {
        return new KuraPosition(latitude, longitude, null, null, null, null, null, null, null);
    }

    public KuraPosition withAltitude(double metres) {
        return new KuraPosition(latitude, longitude, metres, precision, heading, speed, timestamp, satellites, status);
    }

    public KuraPosition withTimestamp(Instant at) {
        return new KuraPosition(latitude, longitude, altitude, precision, heading, speed, at, satellites, status);
    }
}
