package org.metermesh.telemetry.store;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One message to publish, as handed to {@link Outbox#accept}: the meter it comes from (the key of its per-meter
 * order, e.g. the EUI-64 in hex), its priority, the MQTT topic, the payload and the QoS. Immutable; the payload is
 * copied in and out.
 */
public record OutboxEntry(String meterKey, Priority priority, String topic, byte[] payload, int qos) {

    /** MQTT strings (topic) have a two-octet length (MQTT 3.1.1 section 1.5.3). */
    public static final int MAX_STRING_OCTETS = 65_535;

    public OutboxEntry {
        Objects.requireNonNull(meterKey, "meterKey");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        if (meterKey.isEmpty()) {
            throw new IllegalArgumentException("meter key must not be empty");
        }
        if (topic.isEmpty()) {
            throw new IllegalArgumentException("topic must not be empty");
        }
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2, not " + qos);
        }
        if (utf8Length(meterKey) > MAX_STRING_OCTETS || utf8Length(topic) > MAX_STRING_OCTETS) {
            throw new IllegalArgumentException("meter key and topic must fit in " + MAX_STRING_OCTETS + " UTF-8 octets");
        }
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload length without copying it. */
    public int payloadLength() {
        return payload.length;
    }

    private static int utf8Length(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OutboxEntry that && meterKey.equals(that.meterKey) && priority == that.priority
                && topic.equals(that.topic) && Arrays.equals(payload, that.payload) && qos == that.qos;
    }

    @Override
    public int hashCode() {
        return Objects.hash(meterKey, priority, topic, qos) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "OutboxEntry[meter=" + meterKey + ", " + priority + ", topic=" + topic + ", qos=" + qos + ", payload="
                + (payload.length <= 32 ? HexFormat.of().formatHex(payload) : payload.length + " octets") + "]";
    }
}
