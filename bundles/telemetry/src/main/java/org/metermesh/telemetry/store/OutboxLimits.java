package org.metermesh.telemetry.store;

/**
 * The capacity of an outbox and its policy when full.
 *
 * <p>Size counts stored octets (the encoded entry: payload, topic, meter key and a fixed overhead; see
 * {@link StoredEntryCodec}). Policy for a new entry that does not fit in {@code maxEntries}/{@code maxOctets}:
 * <ol>
 * <li>the oldest {@link Priority#USAGE} entries (lowest id, of any meter) are evicted until it fits; this makes room
 * for any new entry, usage included (drop-oldest for usage data);</li>
 * <li>if no usage entry is left and it still does not fit, a new USAGE entry is refused ({@link RefusalReason#FULL});
 * a never-drop entry (WARNING, CONTROL, BILLING) is still accepted into the headroom between the capacity and the
 * hard ceiling ({@code hardMaxEntries}/{@code hardMaxOctets}), and refused ({@link RefusalReason#HARD_CEILING})
 * beyond it: the store's disk budget is the ceiling, and a gateway that cannot publish for that long needs a
 * human anyway;</li>
 * <li>an entry larger than {@code maxOctets} on its own is refused ({@link RefusalReason#TOO_LARGE}).</li>
 * </ol>
 * Never-drop entries are never evicted. Every eviction and refusal is counted.
 */
public record OutboxLimits(int maxEntries, long maxOctets, int hardMaxEntries, long hardMaxOctets) {

    /**
     * 100,000 entries or 64 MiB, with a hard ceiling of 125,000 entries or 80 MiB for never-drop entries: four days
     * of 15-minute readings of 250 meters.
     */
    public static final OutboxLimits DEFAULT = new OutboxLimits(100_000, 64L << 20, 125_000, 80L << 20);

    public OutboxLimits {
        if (maxEntries < 1 || maxOctets < 1) {
            throw new IllegalArgumentException("outbox capacity must be positive: " + maxEntries + " entries, "
                    + maxOctets + " octets");
        }
        if (hardMaxEntries < maxEntries || hardMaxOctets < maxOctets) {
            throw new IllegalArgumentException("the hard ceiling (" + hardMaxEntries + " entries, " + hardMaxOctets
                    + " octets) must not be below the capacity (" + maxEntries + ", " + maxOctets + ")");
        }
    }
}
