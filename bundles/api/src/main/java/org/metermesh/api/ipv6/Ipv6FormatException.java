package org.metermesh.api.ipv6;

import java.util.Locale;

/**
 * Bytes that are not a well-formed IPv6 packet, extension header, UDP datagram or ICMPv6 message, with a typed
 * reason. Checked, so that no decoding path can forget it; the caller drops the input and counts the reason.
 */
public final class Ipv6FormatException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the input was refused. Each one is a counter name. */
    public enum Reason {
        /** Fewer octets than a header or a length field announces. */
        TRUNCATED,
        /** The version field is not 6 (RFC 8200 section 3). */
        BAD_VERSION,
        /** The Payload Length field disagrees with the octets present (RFC 8200 section 3). */
        BAD_PAYLOAD_LENGTH,
        /** An extension header out of place, e.g. Hop-by-Hop Options not first (RFC 8200 section 4.1). */
        BAD_EXTENSION_HEADER,
        /** A malformed option in a Hop-by-Hop or Destination Options header (RFC 8200 section 4.2, RFC 6553). */
        BAD_OPTION,
        /** A Routing header whose fields are inconsistent (RFC 6554 section 3). */
        BAD_ROUTING_HEADER,
        /** The UDP Length field disagrees with the octets present (RFC 768, RFC 8200 section 8.1). */
        BAD_UDP_LENGTH,
        /** The upper-layer protocol is not the one asked for. */
        WRONG_PROTOCOL
    }

    private final Reason reason;

    public Ipv6FormatException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** The name under which drops for this reason are counted. */
    public String counterName() {
        return "dropped:" + reason.name().toLowerCase(Locale.ROOT);
    }
}
