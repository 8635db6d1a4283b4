package org.metermesh.telemetry.coap;

import java.util.Locale;

/** Why a datagram was not accepted as a CoAP message (RFC 7252 3). It is dropped and counted under this reason. */
public enum CoapRejection {
    /** Shorter than the 4-octet fixed header. */
    TOO_SHORT,
    /** Version is not 1; such messages are silently ignored (RFC 7252 3). */
    BAD_VERSION,
    /** Token Length 9-15 is reserved and a message format error (RFC 7252 3). */
    BAD_TOKEN_LENGTH,
    /** The datagram ends inside the token. */
    TRUNCATED_TOKEN,
    /** Code class 1, 6 or 7 (RFC 7252 4.2, 12.1). */
    RESERVED_CODE_CLASS,
    /** Option Delta or Length nibble 15 that is not the payload marker 0xFF (RFC 7252 3.1). */
    RESERVED_OPTION_NIBBLE,
    /** The datagram ends inside an option's extended delta, extended length or value. */
    TRUNCATED_OPTION,
    /** The option number runs past 65535 (RFC 7252 12.2). */
    OPTION_NUMBER_TOO_LARGE,
    /** An option value is longer than this codec accepts ({@link CoapOption#MAX_VALUE_LENGTH}). */
    OPTION_TOO_LONG,
    /** A payload marker followed by nothing: a message format error (RFC 7252 3). */
    EMPTY_PAYLOAD_AFTER_MARKER,
    /** Code 0.00 with a token, options or payload: a message format error (RFC 7252 4.1). */
    EMPTY_WITH_CONTENT;

    /** The counter name, e.g. {@code rejected:bad_version}. */
    public String counterName() {
        return "rejected:" + name().toLowerCase(Locale.ROOT);
    }
}
