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
        BAD_CHECKSUM
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
