package org.metermesh.telemetry.cosem;

/**
 * Internal signal from the decoding steps to the codecs, which turn it into a {@link DecodeResult.Rejected}.
 * Stackless: rejecting input costs no stack walk.
 */
final class CosemDecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final CosemRejection reason;
    private final int offset;

    CosemDecodeException(CosemRejection reason, int offset, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
        this.offset = offset;
    }

    <T> DecodeResult.Rejected<T> toResult() {
        return new DecodeResult.Rejected<>(reason, offset, getMessage());
    }
}
