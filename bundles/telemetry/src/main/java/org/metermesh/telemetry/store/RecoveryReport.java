package org.metermesh.telemetry.store;

import java.util.List;
import java.util.Objects;

/**
 * What an outbox found in its state map when it opened.
 *
 * @param recovered accepted, undelivered entries found and queued again
 * @param nextId the id the next accepted entry gets
 * @param corrupt stored entries that could not be read: moved to the quarantine map, not queued
 */
public record RecoveryReport(int recovered, long nextId, List<CorruptEntry> corrupt) {

    public RecoveryReport {
        corrupt = List.copyOf(Objects.requireNonNull(corrupt, "corrupt"));
    }

    /** One unreadable stored entry, by its map key. */
    public record CorruptEntry(String key, StoredEntryRejection reason, String detail) {
    }
}
