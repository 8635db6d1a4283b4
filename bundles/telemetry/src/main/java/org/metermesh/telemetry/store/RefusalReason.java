package org.metermesh.telemetry.store;

import java.util.Locale;

/** Why the outbox refused to store an entry (see {@link OutboxLimits} for the capacity policy). */
public enum RefusalReason {
    /** A {@link Priority#USAGE} entry arrived while the outbox is at capacity and holds no usage entry to evict. */
    FULL,
    /** A never-drop entry arrived while the outbox is at its hard ceiling: nothing may be evicted for it. */
    HARD_CEILING,
    /** The stored entry alone is larger than the byte capacity. */
    TOO_LARGE;

    /** The counter name, e.g. {@code refused:hard_ceiling}. */
    public String counterName() {
        return "refused:" + name().toLowerCase(Locale.ROOT);
    }
}
