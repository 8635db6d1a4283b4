package org.metermesh.telemetry.store;

import java.util.Optional;

/**
 * How urgent a queued message is, highest first. The telemetry component maps the meter model's message classes
 * onto these: warnings and error codes (ERR_NET_NO_BEACON, ERR_SEC_AUTH_FAIL, ...) to {@link #WARNING}; replies to
 * utility requests and control acknowledgements to {@link #CONTROL}; billing reads to {@link #BILLING}; interval
 * usage readings (load profile) to {@link #USAGE}.
 *
 * <p>Only {@link #USAGE} may be evicted when the outbox is full: a later reading supersedes it, whereas a lost
 * warning, bill or reply cannot be reconstructed.
 */
public enum Priority {
    USAGE(0),
    BILLING(1),
    CONTROL(2),
    WARNING(3);

    private final int code;

    Priority(int code) {
        this.code = code;
    }

    /** The stored code (one octet in the entry format); never renumber. */
    public int code() {
        return code;
    }

    /** Whether the outbox may evict entries of this priority to make room. */
    public boolean evictable() {
        return this == USAGE;
    }

    public static Optional<Priority> fromCode(int code) {
        for (Priority priority : values()) {
            if (priority.code == code) {
                return Optional.of(priority);
            }
        }
        return Optional.empty();
    }
}
