package org.metermesh.rpl.dodag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Set;

import org.metermesh.api.clock.Cancellable;
import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.counters.Counters;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.rpl.message.RplOption.TransitInformation;

/**
 * The non-storing root's downward routes (RFC 6550 9.7): for every target (a meter's global address) the DAO
 * parents it reported, each with its Path Control bits and its own expiry, and the Path Sequence of the DAO that
 * reported them. Source routes (RFC 6554) are assembled from it on demand by following each hop's most preferred
 * live parent up to the root.
 *
 * <ul>
 * <li><b>Path Sequence</b> (RFC 6550 7.2, 9.2.1): a DAO with a newer Path Sequence replaces the target's parent
 *     set, one with the same refreshes or adds to it (a retransmission, or more Transit options), an older one is
 *     ignored ({@link Update#STALE}). A desynchronised value is taken as newer: the target has most likely
 *     rebooted (RFC 6550 7.2 rule 3).</li>
 * <li><b>No-Path</b>: a Transit option with Path Lifetime 0 removes that parent (RFC 6550 6.7.8, 9.8); a target
 *     left without parents is removed.</li>
 * <li><b>Lifetimes</b>: a parent expires Path Lifetime x Lifetime Unit after the DAO that reported it, 0xFF never
 *     (RFC 6550 6.7.8). One scheduler task, due at the earliest expiry, removes expired parents.</li>
 * <li><b>Preference</b> (RFC 6550 9.9): parents are ordered by the most significant Path Control bit set (PC1
 *     before PC2 and so on), then by their order in the DAO.</li>
 * <li><b>Loop safety</b>: a source route that revisits an address is refused and counted as {@code loops}. A DAO
 *     whose parents lead back to its own target drops the older entry's parent that closes the cycle (counted as
 *     {@code route-stale-parent}): the newest DAO is the best word on the topology.</li>
 * </ul>
 *
 * <p>Not thread-safe; runs on the scheduler's thread like the rest of the core.
 */
final class RouteTable extends DurableRoutes {

    /** How a DAO changed a target's entry. */
    enum Update {
        /** A new target. */
        ADDED,
        /** An existing target's parents were replaced, refreshed or extended. */
        UPDATED,
        /** The target lost its last parent and left the table. */
        REMOVED,
        /** The DAO's Path Sequence is older than the one stored: nothing changed. */
        STALE,
        /** The table is full: the new target was not added. */
        FULL,
        /** Nothing to do: a No-Path for an unknown target. */
        UNCHANGED
    }

    /** Stale parents dropped, at most, after one DAO (each drop may reveal another way back). */
    private static final int MAX_CYCLE_BREAKS = 4;

    private static final Comparator<Parent> PREFERENCE = Comparator
            .comparingInt((Parent p) -> -Integer.highestOneBit(p.pathControl))
            .thenComparingInt(p -> p.order);

    private final Scheduler scheduler;
    private final Counters counters;
    private final int capacity;
    private final Map<Ipv6Address, Entry> routes = new HashMap<>();
    private final PriorityQueue<Expiry> expiries = new PriorityQueue<>();

    private Cancellable sweep;
    private long sweepDue;

    RouteTable(Scheduler scheduler, Counters counters, int capacity) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.counters = Objects.requireNonNull(counters, "counters");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " is below 1");
        }
        this.capacity = capacity;
    }

    /**
     * Applies the Transit Information options that a DAO gave for {@code target}.
     *
     * @param transits         non-storing Transit options, each with a Parent Address, in DAO order
     * @param lifetimeUnitSecs seconds per Path Lifetime unit (DODAG Configuration Lifetime Unit)
     */
    Update update(Ipv6Address target, int pathSequence, List<TransitInformation> transits, int lifetimeUnitSecs) {
        long now = scheduler.nanoTime();
        Entry entry = routes.get(target);
        Update result;
        if (entry == null) {
            if (transits.stream().allMatch(t -> t.pathLifetime() == TransitInformation.NO_PATH)) {
                return Update.UNCHANGED;
            }
            if (routes.size() >= capacity) {
                return Update.FULL;
            }
            entry = new Entry(target, pathSequence);
            routes.put(target, entry);
            result = Update.ADDED;
            changed(target);
        } else {
            int order = Lollipop.compare(pathSequence, entry.pathSequence);
            if (order < 0 && order != Lollipop.INCOMPARABLE) {
                return Update.STALE;
            }
            changed(target);
            if (order != 0) {
                entry.parents.clear();
                entry.pathSequence = pathSequence;
            }
            result = Update.UPDATED;
        }
        int index = 0;
        for (TransitInformation t : transits) {
            int order = index++;
            Ipv6Address address = t.parentAddress().orElseThrow();
            if (address.equals(target)) {
                continue; // a node cannot be its own parent
            }
            entry.parents.removeIf(p -> p.address.equals(address));
            if (t.pathLifetime() == TransitInformation.NO_PATH) {
                counters.increment("no-path");
                continue;
            }
            long expiresAt = t.pathLifetime() == TransitInformation.INFINITE ? Long.MAX_VALUE
                    : now + Duration.ofSeconds((long) t.pathLifetime() * lifetimeUnitSecs).toNanos();
            entry.parents.add(new Parent(address, t.pathControl(), order, expiresAt));
            if (expiresAt != Long.MAX_VALUE) {
                expiries.add(new Expiry(expiresAt, target, address));
            }
        }
        entry.parents.sort(PREFERENCE);
        if (entry.parents.isEmpty()) {
            routes.remove(target);
            return Update.REMOVED;
        }
        breakCyclesThrough(target, now);
        scheduleSweep();
        return result;
    }

    /**
     * The DAO just applied is the newest word on where {@code target} hangs. If the way up from it now leads back to
     * it, the entry that points at {@code target} was reported earlier (its meter has most likely moved since and
     * its new DAO is still on the way, or a DAO delay away): that parent is dropped, and the entry falls back on its
     * other reported parents. Without this a meter that moved under a former child keeps both unreachable until
     * the child's next DAO, and every route computed through them meets the cycle.
     */
    private void breakCyclesThrough(Ipv6Address target, long now) {
        for (int round = 0; round < MAX_CYCLE_BREAKS; round++) {
            Ipv6Address hop = target;
            Entry pointing = null;
            Set<Ipv6Address> seen = new HashSet<>();
            while (pointing == null) {
                Entry e = routes.get(hop);
                Parent p = e == null ? null : e.preferredLive(now);
                if (p == null || !seen.add(hop)) {
                    return; // the way up ends, or cycles elsewhere (older entries: not this DAO's business)
                }
                if (p.address.equals(target) && !hop.equals(target)) {
                    pointing = e;
                } else {
                    hop = p.address;
                }
            }
            Entry stale = pointing;
            stale.parents.removeIf(p -> p.address.equals(target));
            changed(stale.target);
            counters.increment("route-stale-parent");
            if (stale.parents.isEmpty()) {
                routes.remove(stale.target);
                counters.increment("route-removed");
            }
        }
    }

    /**
     * The hops from the root to {@code target}: the target last, the root excluded; empty if some hop has no live
     * parent or the parents form a cycle (counted as {@code loops}).
     */
    Optional<List<Ipv6Address>> sourceRoute(Ipv6Address target, Ipv6Address root) {
        return path(target, root, true);
    }

    private Optional<List<Ipv6Address>> path(Ipv6Address target, Ipv6Address root, boolean countLoops) {
        if (target.equals(root)) {
            return Optional.empty();
        }
        long now = scheduler.nanoTime();
        List<Ipv6Address> hops = new ArrayList<>();
        Set<Ipv6Address> seen = new HashSet<>();
        Ipv6Address hop = target;
        while (true) {
            if (!seen.add(hop)) {
                if (countLoops) {
                    counters.increment("loops");
                }
                return Optional.empty();
            }
            hops.add(hop);
            Entry entry = routes.get(hop);
            Parent parent = entry == null ? null : entry.preferredLive(now);
            if (parent == null) {
                return Optional.empty();
            }
            if (parent.address.equals(root)) {
                Collections.reverse(hops);
                return Optional.of(List.copyOf(hops));
            }
            hop = parent.address;
        }
    }

    /** Whether {@code target} has an entry (complete path or not). */
    boolean contains(Ipv6Address target) {
        return routes.containsKey(target);
    }

    int size() {
        return routes.size();
    }

    /** Every target, sorted by address, with its depth from {@code root}. */
    List<RouteSnapshot> snapshot(Ipv6Address root) {
        long now = scheduler.nanoTime();
        List<Ipv6Address> targets = new ArrayList<>(routes.keySet());
        Collections.sort(targets);
        List<RouteSnapshot> out = new ArrayList<>(targets.size());
        for (Ipv6Address target : targets) {
            Entry e = routes.get(target);
            List<RouteSnapshot.Parent> parents = new ArrayList<>(e.parents.size());
            long latest = 0;
            for (Parent p : e.parents) {
                parents.add(new RouteSnapshot.Parent(p.address, p.pathControl, left(p.expiresAt, now)));
                latest = Math.max(latest, p.expiresAt);
            }
            int depth = path(target, root, false).map(List::size).orElse(-1);
            out.add(new RouteSnapshot(target, parents, e.pathSequence, depth, left(latest, now)));
        }
        return List.copyOf(out);
    }

    /** Forgets every route (and so every stored record) and cancels the expiry task. */
    void clear() {
        routes.keySet().forEach(this::changed);
        routes.clear();
        expiries.clear();
        if (sweep != null) {
            sweep.cancel();
            sweep = null;
        }
    }

    /** {@code target}'s entry with its parents, their expiries turned into wall-clock times. */
    @Override
    Optional<StoredRoute> stored(Ipv6Address target) {
        Entry e = routes.get(target);
        if (e == null) {
            return Optional.empty();
        }
        List<StoredRoute.Parent> parents = new ArrayList<>(e.parents.size());
        for (Parent p : e.parents) {
            parents.add(new StoredRoute.Parent(p.address, p.pathControl, Math.min(p.order, 0xff),
                    wallClockExpiry(scheduler, p.expiresAt)));
        }
        return Optional.of(new StoredRoute(target, e.pathSequence, parents));
    }

    /**
     * Takes a stored entry back: parents whose wall-clock expiry has passed are left out, the others expire at the
     * same wall-clock time as before (a restart extends nothing).
     *
     * @return false if every parent had expired, the entry is a storing-mode one or the table is full (nothing
     *     added)
     */
    @Override
    boolean restore(StoredRoute stored) {
        if (!(stored.via() instanceof StoredRoute.Parents via)
                || routes.size() >= capacity && !routes.containsKey(stored.target())) {
            return false;
        }
        Entry entry = new Entry(stored.target(), stored.pathSequence());
        for (StoredRoute.Parent p : via.parents()) {
            OptionalLong expiresAt = schedulerExpiry(scheduler, p.expiresAtEpochMillis());
            if (expiresAt.isEmpty() || p.address().equals(stored.target())) {
                continue;
            }
            entry.parents.add(new Parent(p.address(), p.pathControl(), p.order(), expiresAt.getAsLong()));
        }
        if (entry.parents.isEmpty()) {
            return false;
        }
        entry.parents.sort(PREFERENCE);
        routes.put(stored.target(), entry);
        for (Parent p : entry.parents) {
            if (p.expiresAt != Long.MAX_VALUE) {
                expiries.add(new Expiry(p.expiresAt, stored.target(), p.address));
            }
        }
        scheduleSweep();
        return true;
    }

    private static Duration left(long expiresAt, long now) {
        return expiresAt == Long.MAX_VALUE ? RouteSnapshot.INFINITE : Duration.ofNanos(Math.max(0, expiresAt - now));
    }

    private void scheduleSweep() {
        Expiry head = expiries.peek();
        if (head == null || sweep != null && sweepDue <= head.due) {
            return;
        }
        if (sweep != null) {
            sweep.cancel();
        }
        long now = scheduler.nanoTime();
        sweepDue = head.due;
        sweep = scheduler.schedule(Duration.ofNanos(Math.max(0, head.due - now)), this::sweep);
    }

    private void sweep() {
        sweep = null;
        long now = scheduler.nanoTime();
        Expiry head;
        while ((head = expiries.peek()) != null && head.due <= now) {
            expiries.poll();
            Entry entry = routes.get(head.target);
            if (entry == null) {
                continue;
            }
            Expiry due = head;
            if (entry.parents.removeIf(p -> p.address.equals(due.parent) && p.expiresAt == due.due)) {
                counters.increment("route-expired");
                changed(head.target);
                if (entry.parents.isEmpty()) {
                    routes.remove(head.target);
                    counters.increment("route-removed");
                }
            }
        }
        scheduleSweep();
    }

    private static final class Entry {
        final Ipv6Address target;
        int pathSequence;
        final List<Parent> parents = new ArrayList<>(3);

        Entry(Ipv6Address target, int pathSequence) {
            this.target = target;
            this.pathSequence = pathSequence;
        }

        Parent preferredLive(long now) {
            for (Parent p : parents) {
                if (p.expiresAt > now) {
                    return p;
                }
            }
            return null;
        }
    }

    private record Parent(Ipv6Address address, int pathControl, int order, long expiresAt) {
    }

    private record Expiry(long due, Ipv6Address target, Ipv6Address parent) implements Comparable<Expiry> {
        @Override
        public int compareTo(Expiry o) {
            return Long.compare(due, o.due);
        }
    }
}
