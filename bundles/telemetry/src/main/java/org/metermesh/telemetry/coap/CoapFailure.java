package org.metermesh.telemetry.coap;

/** Why a request got no response. */
public enum CoapFailure {
    /** No ACK after MAX_RETRANSMIT retransmissions (RFC 7252 4.2), or no response within the response timeout. */
    TIMEOUT,
    /** The peer rejected the request with an RST (RFC 7252 4.2, 4.3). */
    RESET,
    /** The endpoint was closed before a response came. */
    CLOSED
}
