package org.metermesh.telemetry.coap;

import java.util.Objects;

/** The outcome of decoding one datagram: a message, or a typed rejection. Decoding never throws for any input. */
public sealed interface CoapDecodeResult permits CoapDecodeResult.Decoded, CoapDecodeResult.Rejected {

    /** The datagram is a well-formed CoAP message. */
    record Decoded(CoapMessage message) implements CoapDecodeResult {
        public Decoded {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The datagram was rejected.
     *
     * @param reason why
     * @param offset octet offset where the problem was found
     * @param detail a human-readable explanation for logs
     */
    record Rejected(CoapRejection reason, int offset, String detail) implements CoapDecodeResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
