package org.metermesh.telemetry.mqtt;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Payloads of the Kura lifecycle messages, asked for at the moment each is needed (a birth certificate carries
 * the current uptime, for example). The encoding (KuraPayload protobuf) is the caller's business.
 *
 * @param birth      published on {@code $EDC/account/client-id/MQTT/BIRTH} after every connect
 * @param disconnect published on {@code .../MQTT/DC} before a clean disconnect
 * @param lastWill   registered as the will on {@code .../MQTT/LWT} at every connect
 */
public record LifecycleMessages(Supplier<byte[]> birth, Supplier<byte[]> disconnect, Supplier<byte[]> lastWill) {

    public LifecycleMessages {
        Objects.requireNonNull(birth, "birth");
        Objects.requireNonNull(disconnect, "disconnect");
        Objects.requireNonNull(lastWill, "lastWill");
    }
}
