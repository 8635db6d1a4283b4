package org.metermesh.telemetry.mqtt;

/**
 * What the {@link Publisher} needs of a connection: {@link MqttSession} in the gateway, a scripted fake in unit
 * tests. Called on the event loop only; events come back through the {@link MqttSessionListener} on that loop.
 */
public interface PublishChannel {

    void addListener(MqttSessionListener listener);

    boolean isConnected();

    /** @return an id reported later by {@link MqttSessionListener#published} or {@code publishFailed} */
    long publish(String topic, byte[] payload, int qos, boolean retain) throws PublishRejectedException;
}
