package org.metermesh.rpl.dodag;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.ipv6.Ipv6Address;

/**
 * A table of the root's downward routes that outlives the root's instance through the {@link RouteStore}, whichever
 * the Mode of Operation: it remembers the targets changed since the last save (only while there is a store to save
 * to), and turns each target's entry into a {@link StoredRoute} and back. Expiries are kept on the scheduler's clock,
 * which starts again with the next bundle instance, and stored on the wall clock, which does not: a restart must not
 * extend a lifetime.
 *
 * <p>Not thread-safe; runs on the scheduler's thread.
 */
abstract class DurableRoutes {

    /** Targets changed since the last {@link #drainDirty()}: what the next save must write or remove. */
    private final Set<Ipv6Address> dirty = new HashSet<>();
    /** Whether changed targets are remembered for a save: only with a store to save to. */
    private boolean tracking;

    /** {@code target}'s entry for the {@link RouteStore}; empty if the table has none (its record is to go). */
    abstract Optional<StoredRoute> stored(Ipv6Address target);

    /**
     * Takes a stored entry back; it expires at the same wall-clock time as before.
     *
     * @return false if it has expired, is of the other Mode of Operation, or the table is full (nothing added)
     */
    abstract boolean restore(StoredRoute stored);

    /** Starts or stops remembering changed targets for {@link #drainDirty()}. */
    final void trackChanges(boolean on) {
        tracking = on;
        if (!on) {
            dirty.clear();
        }
    }

    /** Notes that {@code target}'s entry was added, changed or removed. */
    final void changed(Ipv6Address target) {
        if (tracking) {
            dirty.add(target);
        }
    }

    /** The targets changed since the last call: each is to be saved with {@link #stored} or removed if absent. */
    Set<Ipv6Address> drainDirty() {
        Set<Ipv6Address> out = Set.copyOf(dirty);
        dirty.clear();
        return out;
    }

    /** Marks targets to be saved again (a save failed). */
    final void markDirty(Set<Ipv6Address> targets) {
        dirty.addAll(targets);
    }

    /** An expiry on the scheduler's clock as a wall-clock one; Long.MAX_VALUE is {@link StoredRoute#NEVER}. */
    static long wallClockExpiry(Scheduler scheduler, long expiresAtNanos) {
        return expiresAtNanos == Long.MAX_VALUE ? StoredRoute.NEVER : scheduler.now().toEpochMilli()
                + Duration.ofNanos(expiresAtNanos - scheduler.nanoTime()).toMillis();
    }

    /**
     * A stored wall-clock expiry on the scheduler's clock: Long.MAX_VALUE for {@link StoredRoute#NEVER}, empty if it
     * has passed.
     */
    static OptionalLong schedulerExpiry(Scheduler scheduler, long expiresAtEpochMillis) {
        if (expiresAtEpochMillis == StoredRoute.NEVER) {
            return OptionalLong.of(Long.MAX_VALUE);
        }
        long leftMillis = expiresAtEpochMillis - scheduler.now().toEpochMilli();
        return leftMillis <= 0 ? OptionalLong.empty()
                : OptionalLong.of(scheduler.nanoTime() + Duration.ofMillis(leftMillis).toNanos());
    }
}
