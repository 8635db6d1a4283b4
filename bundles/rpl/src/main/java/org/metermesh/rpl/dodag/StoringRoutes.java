package org.metermesh.rpl.dodag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.rpl.dodag.RouteTable.Update;

/**
 * The downward routes of a node in a storing-mode DODAG (RFC 6550 9.8): for every target of its sub-DODAG, the child
 * whose DAO announced it (the next hop), with the target's Path Sequence and its lifetime. Bounded: a target that
 * does not fit is refused ({@link Update#FULL}), and the DAO that carried it is answered with a rejecting DAO-ACK.
 *
 * <ul>
 * <li>A DAO whose Path Sequence is older than the stored one is ignored ({@link Update#STALE}); a newer or equal one
 *     sets the next hop (equal: the target's sub-DODAG moved without the target sending anything new), a
 *     desynchronised one counts as newer (RFC 6550 7.2 rule 3).</li>
 * <li>A No-Path (Path Lifetime 0, RFC 6550 6.7.8, 9.8) removes the route, but only when it comes from the stored
 *     next hop: a No-Path from a branch the target has left must not remove its route through the new one.</li>
 * <li>Expired routes are dropped when looked up, before a new target is refused for want of room, and before the
 *     root saves what changed (its record then goes too).</li>
 * <li>At the root the routes outlive its instance ({@link DurableRoutes}): each is stored with its next hop and its
 *     expiry on the wall clock.</li>
 * </ul>
 *
 * <p>Not thread-safe; runs on the scheduler's thread.
 */
final class StoringRoutes extends DurableRoutes {

    /**
     * One route.
     *
     * @param lifetimeUnits the Path Lifetime of the DAO that set it, to pass on when the node re-announces it
     */
    record Route(Ipv6Address target, MacAddress nextHop, int pathSequence, int lifetimeUnits,
            long expiresAtNanos) {
    }

    private final Scheduler scheduler;
    private final int capacity;
    private final Map<Ipv6Address, Route> routes = new HashMap<>();

    StoringRoutes(Scheduler scheduler, int capacity) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        if (capacity < 1) {
            throw new IllegalArgumentException("route capacity " + capacity + " is below 1");
        }
        this.capacity = capacity;
    }

    /**
     * Applies one Target's Transit Information from a DAO that {@code nextHop} sent.
     *
     * @param lifetimeUnits    the Path Lifetime (0: No-Path, 0xFF: infinite)
     * @param lifetimeUnitSecs seconds per lifetime unit
     */
    Update update(Ipv6Address target, MacAddress nextHop, int pathSequence, int lifetimeUnits,
            int lifetimeUnitSecs) {
        long now = scheduler.nanoTime();
        Route old = live(target, now);
        if (old != null) {
            int order = Lollipop.compare(pathSequence, old.pathSequence);
            if (order < 0 && order != Lollipop.INCOMPARABLE) {
                return Update.STALE;
            }
        }
        if (lifetimeUnits == 0) {
            if (old == null || !old.nextHop.equals(nextHop)) {
                return Update.UNCHANGED;
            }
            routes.remove(target);
            changed(target);
            return Update.REMOVED;
        }
        if (old == null && routes.size() >= capacity) {
            purgeExpired(now);
            if (routes.size() >= capacity) {
                return Update.FULL;
            }
        }
        long expires = lifetimeUnits == 0xff ? Long.MAX_VALUE
                : now + Duration.ofSeconds((long) lifetimeUnits * lifetimeUnitSecs).toNanos();
        routes.put(target, new Route(target, nextHop, pathSequence, lifetimeUnits, expires));
        changed(target);
        return old == null ? Update.ADDED : Update.UPDATED;
    }

    /** The child towards {@code target}, if a live route is stored. */
    Optional<MacAddress> nextHop(Ipv6Address target) {
        Route r = live(target, scheduler.nanoTime());
        return r == null ? Optional.empty() : Optional.of(r.nextHop);
    }

    /** Every live route, sorted by target. */
    List<Route> routes() {
        purgeExpired(scheduler.nanoTime());
        List<Route> out = new ArrayList<>(routes.values());
        out.sort((a, b) -> a.target.compareTo(b.target));
        return Collections.unmodifiableList(out);
    }

    int size() {
        return routes.size();
    }

    void clear() {
        routes.keySet().forEach(this::changed);
        routes.clear();
    }

    /** Expired routes are dropped first, so that their records go with the save. */
    @Override
    Set<Ipv6Address> drainDirty() {
        purgeExpired(scheduler.nanoTime());
        return super.drainDirty();
    }

    /** {@code target}'s live route with its next hop, its expiry turned into a wall-clock time. */
    @Override
    Optional<StoredRoute> stored(Ipv6Address target) {
        Route r = routes.get(target);
        if (r == null || r.expiresAtNanos <= scheduler.nanoTime()) {
            return Optional.empty();
        }
        return Optional.of(new StoredRoute(target, r.pathSequence, new StoredRoute.NextHop(r.nextHop,
                r.lifetimeUnits, wallClockExpiry(scheduler, r.expiresAtNanos))));
    }

    /**
     * Takes a stored route back, to expire at the same wall-clock time as before (a restart extends nothing).
     *
     * @return false if it has expired, is a non-storing one or the table is full (nothing added)
     */
    @Override
    boolean restore(StoredRoute stored) {
        if (!(stored.via() instanceof StoredRoute.NextHop hop)
                || routes.size() >= capacity && !routes.containsKey(stored.target())) {
            return false;
        }
        OptionalLong expiresAt = schedulerExpiry(scheduler, hop.expiresAtEpochMillis());
        if (expiresAt.isEmpty()) {
            return false;
        }
        routes.put(stored.target(), new Route(stored.target(), hop.address(), stored.pathSequence(),
                hop.lifetimeUnits(), expiresAt.getAsLong()));
        return true;
    }

    private Route live(Ipv6Address target, long now) {
        Route r = routes.get(target);
        if (r != null && r.expiresAtNanos <= now) {
            routes.remove(target);
            changed(target);
            return null;
        }
        return r;
    }

    private void purgeExpired(long now) {
        for (Iterator<Route> it = routes.values().iterator(); it.hasNext(); ) {
            Route r = it.next();
            if (r.expiresAtNanos <= now) {
                it.remove();
                changed(r.target);
            }
        }
    }
}
