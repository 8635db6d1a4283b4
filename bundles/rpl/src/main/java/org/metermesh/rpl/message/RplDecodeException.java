package org.metermesh.rpl.message;

/**
 * Internal signal from the decoding steps to {@link RplCodec}, which turns it into a {@link RplDecodeResult.Rejected}.
 * Stackless: rejecting a message costs no stack walk.
 */
final class RplDecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final RplRejectReason reason;
    private final int offset;

    RplDecodeException(RplRejectReason reason, int offset, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
        this.offset = offset;
    }

    RplDecodeResult.Rejected toResult() {
        return new RplDecodeResult.Rejected(reason, offset, getMessage());
    }
}
