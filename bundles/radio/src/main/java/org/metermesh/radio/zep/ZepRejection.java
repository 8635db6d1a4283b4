package org.metermesh.radio.zep;

/** Why a UDP datagram is not a usable ZEP v2 packet. Counted as {@code dropped:<reason>}. */
public enum ZepRejection {
    /** Shorter than the header its version and type require. */
    TOO_SHORT("too-short"),
    /** Does not start with the preamble "EX". */
    BAD_PREAMBLE("bad-preamble"),
    /** Version other than 2 (version 1 has no sequence number or timestamp). */
    UNSUPPORTED_VERSION("unsupported-version"),
    /** Version 2 type other than 1 (data) and 2 (ack). */
    UNKNOWN_TYPE("unknown-type"),
    /** The length field announces a PSDU shorter than two octets or longer than the codec's limit. */
    BAD_PSDU_LENGTH("bad-psdu-length"),
    /** The datagram ends before the PSDU its length field announces. */
    TRUNCATED("truncated"),
    /** Octets follow the PSDU (or the ack); Wireshark calls such packets mis-reported. */
    TRAILING_OCTETS("trailing-octets");

    private final String reason;

    ZepRejection(String reason) {
        this.reason = reason;
    }

    /** Stable lower-case name used in counters and logs. */
    public String reason() {
        return reason;
    }
}
