package org.metermesh.telemetry.payload;

import java.util.Optional;

/**
 * The value types of a Kura metric, with the numbers of {@code KuraPayload.KuraMetric.ValueType} in Eclipse Kura's
 * {@code kurapayload.proto} (see src/main/proto/kurapayload.proto).
 */
public enum MetricType {
    DOUBLE(0),
    FLOAT(1),
    INT64(2),
    INT32(3),
    BOOL(4),
    STRING(5),
    BYTES(6);

    private final int wireNumber;

    MetricType(int wireNumber) {
        this.wireNumber = wireNumber;
    }

    /** The enum number on the wire. */
    public int wireNumber() {
        return wireNumber;
    }

    public static Optional<MetricType> fromWireNumber(int number) {
        for (MetricType type : values()) {
            if (type.wireNumber == number) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
