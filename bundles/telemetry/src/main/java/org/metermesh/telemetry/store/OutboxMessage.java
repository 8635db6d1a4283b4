package org.metermesh.telemetry.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An accepted entry as the outbox hands it out for publishing.
 *
 * @param id the outbox id: unique, increasing in acceptance order, never reused (also across restarts); subscribers
 *        use it to discard the duplicates that at-least-once delivery can produce
 * @param entry what was accepted
 * @param acceptedAt when it was accepted, on the outbox's scheduler clock, to the millisecond
 */
public record OutboxMessage(long id, OutboxEntry entry, Instant acceptedAt) {
    public OutboxMessage {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
    }
}
