package org.metermesh.telemetry.store;

import java.util.Objects;

/**
 * @param mapName the state map of the entries; the outbox also uses {@code mapName + ".meta"} (the next id) and
 *        {@code mapName + ".corrupt"} (quarantined entries)
 * @param limits capacity and hard ceiling
 * @param deliveredCommitBatch how many {@link Outbox#delivered} removals may wait for one commit: 1 commits every
 *        removal; larger values trade a few re-deliveries after a crash (at-least-once) for far fewer disk syncs
 */
public record OutboxConfig(String mapName, OutboxLimits limits, int deliveredCommitBatch) {

    public static final String DEFAULT_MAP = "telemetry.outbox";

    /** The default map, {@link OutboxLimits#DEFAULT}, a commit per 64 removals. */
    public static final OutboxConfig DEFAULT = new OutboxConfig(DEFAULT_MAP, OutboxLimits.DEFAULT, 64);

    public OutboxConfig {
        Objects.requireNonNull(mapName, "mapName");
        Objects.requireNonNull(limits, "limits");
        if (mapName.isBlank()) {
            throw new IllegalArgumentException("outbox map name must not be blank");
        }
        if (deliveredCommitBatch < 1) {
            throw new IllegalArgumentException("deliveredCommitBatch must be at least 1, not " + deliveredCommitBatch);
        }
    }

    public OutboxConfig withLimits(OutboxLimits newLimits) {
        return new OutboxConfig(mapName, newLimits, deliveredCommitBatch);
    }

    public OutboxConfig withDeliveredCommitBatch(int batch) {
        return new OutboxConfig(mapName, limits, batch);
    }
}
