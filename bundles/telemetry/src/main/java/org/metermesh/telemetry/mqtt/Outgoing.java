package org.metermesh.telemetry.mqtt;

import java.util.Objects;

/**
 * One message to publish, as a {@link PublishSource} hands it out. The payload array is not copied: the source must
 * not change it afterwards.
 *
 * @param id      the source's own id, given back in {@link PublishSource#delivered} or {@link PublishSource#failed}
 * @param qos     0 or 1
 */
public record Outgoing(long id, String topic, byte[] payload, int qos, boolean retain) {

    public Outgoing {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        if (topic.isEmpty()) {
            throw new IllegalArgumentException("message " + id + ": empty topic");
        }
        if (qos != 0 && qos != 1) {
            throw new IllegalArgumentException("message " + id + " on " + topic + ": QoS " + qos
                    + " is not supported (0 or 1)");
        }
    }
}
