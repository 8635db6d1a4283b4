/**
 * The gateway's MQTT connection on Eclipse Paho: {@link org.metermesh.telemetry.mqtt.MqttSession} (Kura's BIRTH, DC
 * and last will, request subscriptions, reconnect with our own jittered backoff, TLS) and
 * {@link org.metermesh.telemetry.mqtt.Publisher} (QoS 1 in order within an in-flight window, resent after every
 * reconnect). Paho's callbacks only hand events to the stack's event loop. Private to the bundle.
 */
package org.metermesh.telemetry.mqtt;
