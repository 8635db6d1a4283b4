package org.metermesh.telemetry.payload;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable Eclipse Kura payload: an optional timestamp, an optional position, named typed metrics in the order
 * they were added, and an optional opaque body. Metric names are unique (Kura keeps them in a map). The timestamp is
 * held to the millisecond, as it travels as epoch milliseconds.
 */
public final class KuraPayload {

    private final Instant timestamp;
    private final KuraPosition position;
    private final Map<String, MetricValue> metrics;
    private final byte[] body;

    private KuraPayload(Builder builder) {
        this.timestamp = builder.timestamp;
        this.position = builder.position;
        this.metrics = Collections.unmodifiableMap(new LinkedHashMap<>(builder.metrics));
        this.body = builder.body == null ? null : builder.body.clone();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<Instant> timestamp() {
        return Optional.ofNullable(timestamp);
    }

    public Optional<KuraPosition> position() {
        return Optional.ofNullable(position);
    }

    /** Metrics by name, in insertion (and wire) order; unmodifiable. */
    public Map<String, MetricValue> metrics() {
        return metrics;
    }

    public Optional<MetricValue> metric(String name) {
        return Optional.ofNullable(metrics.get(name));
    }

    /** A copy of the body, if there is one. */
    public Optional<byte[]> body() {
        return body == null ? Optional.empty() : Optional.of(body.clone());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KuraPayload that && Objects.equals(timestamp, that.timestamp)
                && Objects.equals(position, that.position) && metrics.equals(that.metrics)
                && Arrays.equals(body, that.body)
                // the order of metrics is part of the value (it is the wire order)
                && metrics.keySet().stream().toList().equals(that.metrics.keySet().stream().toList());
    }

    @Override
    public int hashCode() {
        return Objects.hash(timestamp, position, metrics) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "KuraPayload[timestamp=" + timestamp + ", position=" + position + ", metrics=" + metrics
                + ", body=" + (body == null ? "none" : body.length + " octets") + "]";
    }

    /** Builds a payload; metric names must be unique and non-empty. */
    public static final class Builder {
        private Instant timestamp;
        private KuraPosition position;
        private final Map<String, MetricValue> metrics = new LinkedHashMap<>();
        private byte[] body;

        private Builder() {
        }

        public Builder timestamp(Instant at) {
            this.timestamp = at == null ? null : at.truncatedTo(ChronoUnit.MILLIS);
            return this;
        }

        public Builder position(KuraPosition position) {
            this.position = position;
            return this;
        }

        /** @throws IllegalArgumentException if the name is empty or already used */
        public Builder metric(String name, MetricValue value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("metric name must not be empty");
            }
            if (metrics.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("duplicate metric name '" + name + "'");
            }
            return this;
        }

        public Builder metric(String name, double value) {
            return metric(name, MetricValue.of(value));
        }

        public Builder metric(String name, float value) {
            return metric(name, MetricValue.of(value));
        }

        public Builder metric(String name, long value) {
            return metric(name, MetricValue.of(value));
        }

        public Builder metric(String name, int value) {
            return metric(name, MetricValue.of(value));
        }

        public Builder metric(String name, boolean value) {
            return metric(name, MetricValue.of(value));
        }

        public Builder metric(String name, String value) {
            return metric(name, MetricValue.of(value));
        }

        public Builder metric(String name, byte[] value) {
            return metric(name, MetricValue.of(value));
        }

        /** Whether a metric of that name was added already. */
        public boolean hasMetric(String name) {
            return metrics.containsKey(name);
        }

        public Builder body(byte[] body) {
            this.body = body == null ? null : body.clone();
            return this;
        }

        public KuraPayload build() {
            return new KuraPayload(this);
        }
    }
}
