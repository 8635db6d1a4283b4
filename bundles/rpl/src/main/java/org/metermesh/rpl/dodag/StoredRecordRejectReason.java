package org.metermesh.rpl.dodag;

import java.util.Locale;

/**
 * Why a record read back from the {@link RouteStore} was not accepted. The record is skipped, counted under
 * {@link #counterName()} and reported to {@link RplEventListener#stateProblem}; the root carries on without it.
 */
public enum StoredRecordRejectReason {
    /** No octets at all. */
    EMPTY,
    /** The first octet names a record format this version does not know (written by a newer bundle, or garbage). */
    UNKNOWN_FORMAT,
    /** Shorter than its format and counts say. */
    TRUNCATED,
    /** Longer than its format and counts say. */
    TRAILING_BYTES,
    /** The CRC-32 trailer does not match the contents: the record was damaged. */
    BAD_CHECKSUM,
    /**
     * A field is out of its range (a parent count of 0, a Path Control of 0, a MOP above 7, an unknown route kind, a
     * next hop that is no MAC address, a next hop's Path Lifetime of 0).
     */
    BAD_VALUE;

    /** The counter name, e.g. {@code restore-rejected:bad_checksum}. */
    public String counterName() {
        return "restore-rejected:" + name().toLowerCase(Locale.ROOT);
    }
}
