package org.metermesh.telemetry.coap;

/** Where a {@link CoapEndpoint} hands datagrams to send: UDP port 61616 over IPv6 in the stack, memory in tests. */
@FunctionalInterface
public interface CoapTransport<P> {

    void send(P peer, byte[] datagram);
}
