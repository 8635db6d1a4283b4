/**
 * CoAP (RFC 7252), the transfer protocol between meters and the gateway over UDP port 61616 on the 6LoWPAN mesh;
 * its payloads are DLMS/COSEM APDUs. Plain Java, no OSGi, no threads, no I/O; not exported.
 *
 * <ul>
 * <li>{@link org.metermesh.telemetry.coap.CoapMessage}, {@link org.metermesh.telemetry.coap.CoapCode},
 * {@link org.metermesh.telemetry.coap.CoapOption}: the message model (RFC 7252 3, 5.4, 5.10, 12).</li>
 * <li>{@link org.metermesh.telemetry.coap.CoapCodec}: the wire format (RFC 7252 3, 3.1, 4.1); decoding gives a
 * message or a typed {@link org.metermesh.telemetry.coap.CoapRejection} and never throws.</li>
 * <li>{@link org.metermesh.telemetry.coap.CoapEndpoint}: a sans-I/O endpoint driven by the
 * {@link org.metermesh.api.clock.Scheduler}: CON retransmission with exponential back-off (4.2, 4.8), NON (4.3),
 * NSTART outstanding interactions per peer (4.7), duplicate detection (4.5), piggybacked and separate responses
 * matched by token (5.2, 5.3), RST (4.2, 4.3), and 4.02 for unrecognised critical options (5.4.1).</li>
 * </ul>
 *
 * <p>Tokens count up from 1 in their shortest encoding (1 or 2 octets by default) to keep mesh frames small; the
 * security layer, not the token, protects against spoofed responses.
 */
package org.metermesh.telemetry.coap;
