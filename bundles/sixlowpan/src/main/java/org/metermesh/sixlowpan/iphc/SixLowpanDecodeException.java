package org.metermesh.sixlowpan.iphc;

/**
 * A 6LoWPAN datagram that cannot be decoded, with a typed reason; counted as {@code dropped:<reason>} and dropped.
 * Checked, so that no decoding path can forget it.
 */
public final class SixLowpanDecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a datagram was refused. Helpers may add reasons; each one is a counter name. */
    public enum Reason {
        TRUNCATED,
        UNKNOWN_DISPATCH,
        RESERVED_MODE,
        UNKNOWN_CONTEXT,
        UNSUPPORTED_NEXT_HEADER,
        BAD_LENGTH,
        BAD_CHECKSUM,
        /** Fragmentation header (RFC 4944 5.3): datagram_size above the configured maximum (the 1280-octet MTU of
         * RFC 4944 section 4 by default). */
        TOO_LARGE,
        /** A fragment reaches past the datagram_size it announces (RFC 4944 5.3). */
        FRAGMENT_OVERRUN,
        /** An empty fragment, or one that is not the last but whose uncompressed length is not a multiple of
         * eight octets (RFC 4944 5.3). */
        FRAGMENT_MISALIGNED,
        /** A fragment overlaps an accumulated one with a different offset, size or content: the accumulated
         * fragments are discarded (RFC 4944 5.3). */
        OVERLAP,
        /** The sender reused a datagram_tag with a different datagram_size: the older datagram is discarded. */
        SIZE_CHANGED,
        /** The datagram was not complete when its reassembly timer expired (RFC 4944 5.3). */
        REASSEMBLY_TIMEOUT,
        /** A new datagram was refused because the reassembly memory budget was used up. */
        BUFFER_FULL,
        /** A new datagram was refused because its sender already had its maximum of datagrams in reassembly. */
        SENDER_BUFFERS_FULL,
        /** Dispatch 00xxxxxx: not a LoWPAN frame (RFC 4944 section 5.1), e.g. another protocol on the PAN. */
        NOT_LOWPAN,
        /** An IPHC address is elided but the encapsulating header has no link-layer address to derive it from
         * (RFC 6282 section 3.2.2). */
        NO_LINK_ADDRESS,
        /** The UDP checksum is elided (RFC 6282 section 4.3.2) and this receiver is not configured to accept it. */
        ELIDED_CHECKSUM_REFUSED,
        /** More LOWPAN_NHC headers in one datagram than the configured limit. */
        TOO_MANY_HEADERS,
        /** An NHC-compressed extension header out of place or of a length it cannot have (RFC 6282 4.2). */
        BAD_EXTENSION_HEADER,
        /** Mesh, broadcast and fragment headers out of the order RFC 4944 section 5 requires. */
        BAD_HEADER_ORDER,
        /** A fragment where a whole datagram was expected: it must go to reassembly first. */
        FRAGMENTED,
        /** The decompressed datagram is not a well-formed IPv6 packet. */
        MALFORMED_IPV6
    }

    private final Reason reason;

    public SixLowpanDecodeException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** The name under which drops for this reason are counted. */
    public String counterName() {
        return "dropped:" + reason.name().toLowerCase(java.util.Locale.ROOT);
    }
}
