package org.metermesh.radio.frame;

/**
 * Internal signal from the decoding steps to {@link MacFrameCodec}, which turns it into a
 * {@link FrameDecodeResult.Rejected}. Stackless: rejecting a frame costs no stack walk.
 */
final class DecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final RejectReason reason;
    private final int offset;

    DecodeException(RejectReason reason, int offset, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
        this.offset = offset;
    }

    FrameDecodeResult.Rejected toResult() {
        return new FrameDecodeResult.Rejected(reason, offset, getMessage());
    }
}
