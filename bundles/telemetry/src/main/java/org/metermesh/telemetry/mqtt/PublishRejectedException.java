package org.metermesh.telemetry.mqtt;

/** A publish the session did not take; {@link #reason()} says whether trying again later can help. */
public final class PublishRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Not connected now: try again after the next connect. */
        NOT_CONNECTED(true),
        /** The in-flight window is full: try again after a publish completes. */
        WINDOW_FULL(true),
        /** Topic, QoS or payload can never be published: give up on this message. */
        INVALID(false),
        /** The client refused it for another reason (see the cause); try again after the next connect. */
        CLIENT_ERROR(true);

        private final boolean retriable;

        Reason(boolean retriable) {
            this.retriable = retriable;
        }

        public boolean retriable() {
            return retriable;
        }
    }

    private final Reason reason;

    public PublishRejectedException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
