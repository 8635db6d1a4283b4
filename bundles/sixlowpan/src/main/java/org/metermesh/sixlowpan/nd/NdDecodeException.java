package org.metermesh.sixlowpan.nd;

import java.util.Locale;

/**
 * An ICMPv6 Neighbor Discovery message that cannot be accepted, with a typed reason; counted as {@code
 * dropped:<reason>} and dropped. RFC 4861 6.1 and 7.1: a node "MUST silently discard" a message that fails
 * validation; silently means without an ICMP error, not without a count.
 */
public final class NdDecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a message was refused. Each one is a counter name. */
    public enum Reason {
        /** The message, a fixed field or an option header ends before it should. */
        TRUNCATED,
        /** Not Router Solicitation (133), Router Advertisement (134), Neighbor Solicitation (135) or Neighbor
         * Advertisement (136). */
        UNKNOWN_TYPE,
        /** ICMP Code is not 0 (RFC 4861 6.1.1, 6.1.2, 7.1.1, 7.1.2). */
        BAD_CODE,
        /** The checksum does not match the pseudo-header and message (RFC 4443 2.3, RFC 4861 6.1/7.1). */
        BAD_CHECKSUM,
        /** The IP Hop Limit is not 255, so the message may come from off link (RFC 4861 6.1/7.1). */
        BAD_HOP_LIMIT,
        /** An option with Length 0 (RFC 4861 4.6: "Nodes MUST silently discard an ND packet that contains an
         * option with length zero"). */
        ZERO_LENGTH_OPTION,
        /** An option's Length reaches past the end of the message. */
        OPTION_OVERRUN,
        /** A known option with a Length its format does not allow (e.g. a PIO that is not 4, an ARO outside 2..5,
         * a 6CO of Length 2 with more than 64 context bits). */
        BAD_OPTION_LENGTH,
        /** A Prefix Length or Context Length above 128. */
        BAD_PREFIX_LENGTH,
        /** The Target Address of an NS or NA is a multicast address (RFC 4861 7.1.1, 7.1.2). */
        MULTICAST_TARGET,
        /** A message whose addresses and options disagree, e.g. an NS from the unspecified address carrying an
         * SLLAO (RFC 4861 7.1.1) or an RS likewise (RFC 4861 6.1.1). */
        INVALID_SOURCE
    }

    private final Reason reason;

    public NdDecodeException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** The name under which drops for this reason are counted, e.g. {@code dropped:zero_length_option}. */
    public String counterName() {
        return counterName(reason);
    }

    public static String counterName(Reason reason) {
        return "dropped:" + reason.name().toLowerCase(Locale.ROOT);
    }
}
