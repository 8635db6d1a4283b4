package org.metermesh.telemetry.coap;

import java.util.Objects;

/** A request's stage completes exceptionally with this when no response came; {@link #failure()} says why. */
public final class CoapException extends Exception {

    private static final long serialVersionUID = 1L;

    private final CoapFailure failure;

    public CoapException(CoapFailure failure, String message) {
        super(failure + ": " + message);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    public CoapFailure failure() {
        return failure;
    }
}
