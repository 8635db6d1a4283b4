package org.metermesh.telemetry.payload;

import java.util.Objects;

/** A topic or topic level that does not fit the Kura namespace, with the typed reason. */
public final class InvalidTopicException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final TopicError error;

    public InvalidTopicException(TopicError error, String detail) {
        super(error + ": " + detail);
        this.error = Objects.requireNonNull(error, "error");
    }

    public TopicError error() {
        return error;
    }
}
