package org.metermesh.telemetry.coap;

/** Events of a {@link CoapEndpoint} worth logging; they are counted in its counters as well. */
public interface CoapEndpointListener<P> {

    /** A datagram from {@code peer} was not a CoAP message and was dropped. */
    default void rejected(P peer, CoapDecodeResult.Rejected rejection) {
    }

    /** The handler threw; the request was answered with 5.00 Internal Server Error if still unanswered. */
    default void handlerFailed(P peer, CoapMessage request, RuntimeException failure) {
    }
}
