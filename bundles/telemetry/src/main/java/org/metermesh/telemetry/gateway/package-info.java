/**
 * The gateway end of the meter application: meters' CoAP notifications to Kura payloads in the durable outbox
 * ({@link org.metermesh.telemetry.gateway.GatewayApplication}), the utility's requests on {@code $EDC} down to meters
 * ({@link org.metermesh.telemetry.gateway.RequestHandler}) and their replies, and the outbox as the MQTT publisher's
 * source ({@link org.metermesh.telemetry.gateway.OutboxSource}). Plain Java on the stack's event loop; the topic and
 * payload layout is the README's "What the utility sees (MQTT)". Private to the bundle.
 */
package org.metermesh.telemetry.gateway;
