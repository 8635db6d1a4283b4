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
 * <li>Expired routes are dropped when looked up and before a new target is refused for want of room.</li>
 * </ul>
 *
 * <p>Not thread-safe; runs on the scheduler's thread.
 */
final class StoringRoutes {

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
        routes.clear();
    }

    private Route live(Ipv6Address target, long now) {
        Route r = routes.get(target);
        if (r != null && r.expiresAtNanos <= now) {
            routes.remove(target);
            return null;
        }
        return r;
    }

    private void purgeExpired(long now) {
        for (Iterator<Route> it = routes.values().iterator(); it.hasNext(); ) {
            if (it.next().expiresAtNanos <= now) {
                it.remove();
            }
        }
    }
}
