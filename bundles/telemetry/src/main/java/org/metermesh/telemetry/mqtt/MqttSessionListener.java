package org.metermesh.telemetry.mqtt;

/**
 * What an {@link MqttSession} reports. Every method is called on the session's event loop (the {@code Scheduler}
 * given to the session), never on a Paho thread, so a listener may touch single-threaded cores directly.
 */
public interface MqttSessionListener {

    /** Connected, BIRTH handed to the client and the request topics subscribed. */
    default void connected() {
    }

    /**
     * The connection ended. {@code cause} is null after {@link MqttSession#disconnect()}; otherwise the session
     * reconnects by itself, and every publish not yet reported by {@link #published} is void: it will never be.
     */
    default void disconnected(Throwable cause) {
    }

    /** A message arrived on one of the request subscriptions. */
    default void messageArrived(String topic, byte[] payload) {
    }

    /** Publish {@code publishId} is complete: PUBACK received for QoS 1, written to the socket for QoS 0. */
    default void published(long publishId) {
    }

    /** Publish {@code publishId} failed on a live connection (Paho reported an error for it). */
    default void publishFailed(long publishId, Throwable cause) {
    }
}
