package org.metermesh.telemetry.coap;

/**
 * Serves requests. A handler that calls {@link CoapExchange#respond} before returning has its response
 * piggybacked on the ACK (RFC 7252 5.2.1); one that responds later, e.g. after a durable write, gets an Empty ACK
 * sent for it after {@link CoapConfig#separateAckDelay()} and its response sent separately (5.2.2). Runs on the
 * scheduler's thread; {@code respond} must be called there too.
 */
@FunctionalInterface
public interface CoapHandler<P> {

    void handle(CoapExchange<P> exchange);

    /** Answers every request with 4.04 Not Found: for endpoints that only send requests. */
    static <P> CoapHandler<P> notFound() {
        return exchange -> exchange.respond(CoapCode.NOT_FOUND, new byte[0]);
    }
}
