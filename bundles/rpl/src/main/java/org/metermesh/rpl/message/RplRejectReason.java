package org.metermesh.rpl.message;

import java.util.Locale;

/**
 * Why the body of an RPL control message (ICMPv6 type 155) was not accepted. The message is dropped and counted
 * under {@link #counterName()}; nothing is thrown.
 */
public enum RplRejectReason {
    /** The ICMPv6 type is not 155 (RFC 6550 6), or the ICMPv6 header itself is cut short. */
    NOT_RPL,
    /** Longer than the codec's limit (by default what fits the IPv6 minimum MTU, RFC 8200 5). */
    MESSAGE_TOO_LONG,
    /**
     * A secure variant: Secure DIS/DIO/DAO/DAO-ACK (codes 0x80-0x83) or Consistency Check (0x8A), RFC 6550 6.1 and
     * 6.6. MeterMesh protects meters above the network layer (DLMS/COSEM) and does not implement RPL security.
     */
    UNSUPPORTED_SECURE,
    /** An RPL code RFC 6550 6 does not define. */
    UNKNOWN_CODE,
    /** The fixed part of the message base (or its DODAGID when the D flag asks for one) is cut short. */
    TRUNCATED_BASE,
    /** An option other than Pad1 has its Type but no Option Length octet (RFC 6550 6.7.1). */
    TRUNCATED_OPTION,
    /** An option's Option Length runs past the end of the message (RFC 6550 6.7.1). */
    OPTION_OVERRUN,
    /**
     * An option's length does not fit its type: PadN longer than 5 (6.7.3), DODAG Configuration not 14 (6.7.6),
     * Transit Information neither 4 nor 20 (6.7.8), Solicited Information not 19 (6.7.9), Prefix Information not 30
     * (6.7.10), Target Descriptor not 4 (6.7.11), Route Information or RPL Target shorter than their fixed part.
     */
    BAD_OPTION_LENGTH,
    /**
     * A Prefix Length above 128, or a variable prefix field too short for its Prefix Length or longer than 16
     * octets (RPL Target 6.7.7, Route Information 6.7.5, Prefix Information 6.7.10).
     */
    BAD_PREFIX_LENGTH,
    /** More options than the codec's limit. */
    TOO_MANY_OPTIONS;

    /** The counter name, e.g. {@code dropped:bad_option_length}. */
    public String counterName() {
        return "dropped:" + name().toLowerCase(Locale.ROOT);
    }
}
