package org.metermesh.rpl.message;

import java.util.Objects;

/** The outcome of decoding one RPL control message: a message, or a typed rejection. Never an exception. */
public sealed interface RplDecodeResult permits RplDecodeResult.Decoded, RplDecodeResult.Rejected {

    /** The body is a well-formed RPL control message. */
    record Decoded(RplMessage message) implements RplDecodeResult {
        public Decoded {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The body was rejected.
     *
     * @param reason why
     * @param offset octet offset in the message body (after the 4-octet ICMPv6 header) where the problem was found;
     *               for {@link RplRejectReason#NOT_RPL} an offset in the ICMPv6 message
     * @param detail a human-readable explanation for logs
     */
    record Rejected(RplRejectReason reason, int offset, String detail) implements RplDecodeResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
