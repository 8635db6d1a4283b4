package org.metermesh.radio.serial;

/** Either a decoded message or the reason the payload was rejected; exactly one of the two is non-null. */
public record RcpDecodeResult(RcpMessage message, RcpRejection rejection) {

    public RcpDecodeResult {
        if ((message == null) == (rejection == null)) {
            throw new IllegalArgumentException("exactly one of message and rejection must be given");
        }
    }

    static RcpDecodeResult of(RcpMessage message) {
        return new RcpDecodeResult(message, null);
    }

    static RcpDecodeResult rejected(RcpRejection rejection) {
        return new RcpDecodeResult(null, rejection);
    }

    public boolean isSuccess() {
        return message != null;
    }
}
