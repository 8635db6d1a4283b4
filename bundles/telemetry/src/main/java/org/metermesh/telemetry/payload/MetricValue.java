package org.metermesh.telemetry.payload;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** The typed value of one Kura metric: one of the seven value types of {@code KuraMetric}. Immutable. */
public sealed interface MetricValue {

    MetricType type();

    static MetricValue of(double value) {
        return new OfDouble(value);
    }

    static MetricValue of(float value) {
        return new OfFloat(value);
    }

    static MetricValue of(long value) {
        return new OfLong(value);
    }

    static MetricValue of(int value) {
        return new OfInt(value);
    }

    static MetricValue of(boolean value) {
        return new OfBoolean(value);
    }

    static MetricValue of(String value) {
        return new OfString(value);
    }

    static MetricValue of(byte[] value) {
        return new OfBytes(value);
    }

    /** {@code double_value}. Equality is that of {@link Double#equals}: NaN equals NaN, 0.0 differs from -0.0. */
    record OfDouble(double value) implements MetricValue {
        @Override
        public MetricType type() {
            return MetricType.DOUBLE;
        }
    }

    /** {@code float_value}. */
    record OfFloat(float value) implements MetricValue {
        @Override
        public MetricType type() {
            return MetricType.FLOAT;
        }
    }

    /** {@code long_value} (int64). */
    record OfLong(long value) implements MetricValue {
        @Override
        public MetricType type() {
            return MetricType.INT64;
        }
    }

    /** {@code int_value} (int32). */
    record OfInt(int value) implements MetricValue {
        @Override
        public MetricType type() {
            return MetricType.INT32;
        }
    }

    /** {@code bool_value}. */
    record OfBoolean(boolean value) implements MetricValue {
        @Override
        public MetricType type() {
            return MetricType.BOOL;
        }
    }

    /** {@code string_value}. */
    record OfString(String value) implements MetricValue {
        public OfString {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public MetricType type() {
            return MetricType.STRING;
        }
    }

    /** {@code bytes_value}; the array is copied in and out. */
    record OfBytes(byte[] value) implements MetricValue {
        public OfBytes {
            value = Objects.requireNonNull(value, "value").clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        /** The length without copying the array. */
        public int length() {
            return value.length;
        }

        @Override
        public MetricType type() {
            return MetricType.BYTES;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof OfBytes bytes && Arrays.equals(value, bytes.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "OfBytes[" + HexFormat.of().formatHex(value) + "]";
        }
    }
}
