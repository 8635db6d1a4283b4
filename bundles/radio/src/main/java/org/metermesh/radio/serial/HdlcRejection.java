package org.metermesh.radio.serial;

/** Why the HDLC-lite decoder dropped a frame. Each is counted as {@code dropped:<reason>}. */
public enum HdlcRejection {
    /** The frame check sequence does not match the octets received (line noise, lost octets). */
    BAD_FCS("bad-fcs"),
    /** More octets than the decoder's limit arrived before a closing flag; the rest up to the next flag is skipped. */
    TOO_LONG("too-long"),
    /** Fewer octets than one payload octet and the FCS between two flags. */
    TOO_SHORT("too-short"),
    /** Control Escape followed by a flag: the sender aborted the frame (RFC 1662 4.3, invalid frames). */
    ABORTED("aborted");

    private final String reason;

    HdlcRejection(String reason) {
        this.reason = reason;
    }

    /** Stable lower-case name used in counters and logs. */
    public String reason() {
        return reason;
    }
}
