package org.metermesh.telemetry.store;

import java.util.Locale;

/** Why a stored outbox entry could not be read back. The entry is skipped, counted and quarantined. */
public enum StoredEntryRejection {
    /** The map key is not 16 lowercase hex digits of a positive id. */
    BAD_KEY,
    /** A version octet this codec does not know. */
    UNKNOWN_VERSION,
    /** Shorter than its fields say. */
    TRUNCATED,
    /** Octets after the CRC. */
    TRAILING_OCTETS,
    /** The CRC-32 over the entry does not match. */
    BAD_CHECKSUM,
    /** The id inside the entry differs from its key. */
    ID_MISMATCH,
    /** A priority code that {@link Priority} does not have. */
    BAD_PRIORITY,
    /** Meter key or topic is not valid UTF-8. */
    BAD_UTF8,
    /** The fields decode but do not make a valid entry (QoS above 2, empty topic, ...). */
    INVALID_ENTRY;

    /** The counter name, e.g. {@code corrupt:bad_checksum}. */
    public String counterName() {
        return "corrupt:" + name().toLowerCase(Locale.ROOT);
    }
}
