package org.metermesh.radio.serial;

/** Why a frame that passed the HDLC-lite FCS check is still not a valid RCP message. Counted as dropped. */
public enum RcpRejection {
    /** The command octet is not defined by this protocol version. */
    UNKNOWN_COMMAND("unknown-command"),
    /** The payload ends before the fields of its command (or before the PSDU its length field announces). */
    TRUNCATED("truncated"),
    /** Octets follow the last field of the command. */
    TRAILING_OCTETS("trailing-octets"),
    /** A PSDU longer than the codec's limit, or of length zero. */
    BAD_PSDU_LENGTH("bad-psdu-length"),
    /** A field holds a value the protocol does not define (status code, boolean, UTF-8 text). */
    BAD_VALUE("bad-value");

    private final String reason;

    RcpRejection(String reason) {
        this.reason = reason;
    }

    /** Stable lower-case name used in counters and logs. */
    public String reason() {
        return reason;
    }
}
