package org.metermesh.telemetry.coap;

import java.util.List;

/** One received request and the means to answer it, once. Created by {@link CoapEndpoint} for its handler. */
public final class CoapExchange<P> {

    /** How the endpoint sends the response: piggybacked, separate or NON, depending on the exchange's state. */
    interface Responder<P> {
        void respond(CoapExchange<P> exchange, CoapCode code, List<CoapOption> options, byte[] payload);
    }

    private final P peer;
    private final CoapMessage request;
    private final Responder<P> responder;
    private boolean responded;

    CoapExchange(P peer, CoapMessage request, Responder<P> responder) {
        this.peer = peer;
        this.request = request;
        this.responder = responder;
    }

    public P peer() {
        return peer;
    }

    public CoapMessage request() {
        return request;
    }

    public boolean isResponded() {
        return responded;
    }

    public void respond(CoapCode code, byte[] payload) {
        respond(code, List.of(), payload);
    }

    /**
     * Sends the response.
     *
     * @throws IllegalStateException if the exchange was already answered
     * @throws IllegalArgumentException if {@code code} is not a response code
     */
    public void respond(CoapCode code, List<CoapOption> options, byte[] payload) {
        if (!code.isResponse()) {
            throw new IllegalArgumentException(code + " is not a response code");
        }
        if (responded) {
            throw new IllegalStateException("already answered: " + request);
        }
        responded = true;
        responder.respond(this, code, options, payload);
    }
}
