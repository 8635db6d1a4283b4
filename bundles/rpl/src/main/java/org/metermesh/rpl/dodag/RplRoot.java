package org.metermesh.rpl.dodag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.metermesh.api.clock.Cancellable;
import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.counters.Counters;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;
import org.metermesh.rpl.message.RplMessage;
import org.metermesh.rpl.message.RplMessage.Dao;
import org.metermesh.rpl.message.RplMessage.DaoAck;
import org.metermesh.rpl.message.RplMessage.Dio;
import org.metermesh.rpl.message.RplMessage.Dis;
import org.metermesh.rpl.message.RplOption;
import org.metermesh.rpl.message.RplOption.PrefixInformation;
import org.metermesh.rpl.message.RplOption.RplTarget;
import org.metermesh.rpl.message.RplOption.TransitInformation;
import org.metermesh.rpl.of.Rank;
import org.metermesh.rpl.trickle.TrickleListener;
import org.metermesh.rpl.trickle.TrickleTimer;

/**
 * The gateway as DODAG root, in non-storing mode (RFC 6550 9.7) by default or in storing mode (RFC 6550 9.8) if
 * {@link RootConfig#mop()} says so: a sans-I/O core on a {@link Scheduler}.
 *
 * <ul>
 * <li><b>DIO</b>: multicast by a Trickle timer (RFC 6206, RFC 6550 8.3) at ROOT_RANK (RFC 6550 17) with the DODAG
 *     Configuration option (6.7.6) and a Prefix Information option (6.7.10: A set so meters form their global
 *     address, R set with the root's own address in the prefix field).</li>
 * <li><b>DIS</b> (RFC 6550 8.3): a multicast DIS whose Solicited Information predicates match (6.7.9) resets the
 *     Trickle timer; a unicast DIS is answered with a unicast DIO and leaves the timer alone.</li>
 * <li><b>DAO</b> (RFC 6550 9.7): each RPL Target /128 gets the parents of the Transit Information options that
 *     follow it (6.4.3), kept in a {@link RouteTable} with Path Sequence, Path Control and lifetime; a DAO with
 *     the K flag is answered with a DAO-ACK (6.5) routed back to its source: status 0, or 128 (unable to accept)
 *     when the table is full. A retransmitted DAO (same source and DAOSequence) whose DAO-ACK is still queued on
 *     the root is not answered again ({@code dao-ack-queued}): in a forming neighbourhood of thousands the root's
 *     radio is the bottleneck every DAO-ACK crosses, and answering each retransmission queued a second and third
 *     DAO-ACK behind the first, whose delay had caused the retransmissions. Targets of other lengths, storing-mode
 *     Transit options (without Parent Address) and DAOs of another instance or DODAG are ignored and counted.</li>
 * <li><b>Storing mode</b> (RFC 6550 9.8): DAOs come from the root's children, each Target with a Transit option
 *     without Parent Address; the child that sent it is the target's next hop ({@link StoringRoutes}), and
 *     {@link #nextHop(Ipv6Address)} routes down hop by hop instead of {@link #sourceRoute(Ipv6Address)}. The
 *     DAO-ACK goes back to that child on-link.</li>
 * <li><b>Durable state</b> ({@link RouteStore}): the DODAG Version and DTSN, and every target's route with its Path
 *     Sequence and wall-clock expiries (its parents in non-storing mode, its next hop in storing mode:
 *     {@link StoredRoute}), are restored by {@link #start()} (records of another DODAG, expired routes and damaged
 *     records are left out, the last counted as {@code restore-rejected:<reason>}) and saved in batches: every
 *     {@link #SAVE_INTERVAL} while running if anything changed, and on {@link #stop()}. A new root instance on the
 *     same store (a bundle update) so routes down at once, without waiting for DAOs.</li>
 * <li><b>Global repair</b> ({@link #globalRepair()}, RFC 6550 3.2.3, 8.2.2.1): a new DODAG Version; hearing a
 *     newer version of its own DODAG (the root rebooted and forgot its version) makes the root jump past it, as
 *     Contiki-NG does. {@link #incrementDtsn()} (RFC 6550 9.6) asks every meter for a fresh DAO.</li>
 * </ul>
 *
 * <p>Counters: {@code dio-sent}, {@code dio-received}, {@code dis-received}, {@code dao-received},
 * {@code dao-ack-sent}, {@code dao-ack-queued}, {@code dao-rejected}, {@code dao-stale},
 * {@code dao-ignored:<reason>}, {@code no-path},
 * {@code route-added}, {@code route-removed}, {@code route-expired}, {@code loops}, {@code global-repair},
 * {@code dtsn-increment}, {@code ignored:<reason>}, {@code restored-routes}, {@code restored-dodag},
 * {@code restore-ignored:other-dodag}, {@code restore-rejected:<reason>}, {@code saved}, {@code save-failed},
 * {@code load-failed}.
 *
 * <p>Not thread-safe and needing no locks: every method must run on the scheduler's thread.
 */
public final class RplRoot {

    /** DAO-ACK status when the route table is full: the "unable to accept" rejection (RFC 6550 6.5.1, 128+). */
    public static final int STATUS_UNABLE_TO_ACCEPT = 128;

    /** How often changed routes are written to the {@link RouteStore}: at most one commit per interval. */
    public static final Duration SAVE_INTERVAL = Duration.ofSeconds(10);

    private final Scheduler scheduler;
    private final RootConfig config;
    private final RplTransport transport;
    private final RplEventListener listener;
    private final Counters counters;
    private final Ipv6Address dodagId;
    private final int rank;
    private final PrefixInformation prefixInformation;
    private final RouteTable routes;
    /** The DAOSequence of each DAO-ACK still queued on this node, by the DAO's source. */
    private final Map<Ipv6Address, Integer> queuedAcks = new HashMap<>();
    private final StoringRoutes storingRoutes;
    /** The table of the configured mode: the one saved to and restored from the store. */
    private final DurableRoutes durableRoutes;
    private final TrickleTimer trickle;
    private final RouteStore store;

    private boolean running;
    private boolean restored;
    private boolean dodagDirty = true;
    /** Keys of stored records to delete at the next save: damaged ones, or another DODAG's. */
    private final Set<String> staleKeys = new HashSet<>();
    private Cancellable saveTask;
    private int version = Lollipop.INIT;
    private int dtsn = Lollipop.INIT;

    public RplRoot(Scheduler scheduler, RootConfig config, RplTransport transport, RplEventListener listener) {
        this(scheduler, config, transport, listener, new Counters());
    }

    /** @param counters where to count; the simulator may share one instance among cores */
    public RplRoot(Scheduler scheduler, RootConfig config, RplTransport transport, RplEventListener listener,
            Counters counters) {
        this(scheduler, config, transport, listener, counters, RouteStore.NONE);
    }

    /** @param store where the DODAG state and the routes outlive this instance */
    public RplRoot(Scheduler scheduler, RootConfig config, RplTransport transport, RplEventListener listener,
            Counters counters, RouteStore store) {
        this.store = Objects.requireNonNull(store, "store");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.config = Objects.requireNonNull(config, "config");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.dodagId = config.dodagId();
        this.rank = Rank.rootRank(config.configuration().minHopRankIncrease());
        this.prefixInformation = new PrefixInformation(config.prefix().length(), false, true, true,
                RplOption.INFINITE_LIFETIME_32, RplOption.INFINITE_LIFETIME_32, dodagId);
        this.routes = new RouteTable(scheduler, counters, config.routeCapacity());
        this.storingRoutes = new StoringRoutes(scheduler, config.routeCapacity());
        this.durableRoutes = config.storing() ? storingRoutes : routes;
        this.durableRoutes.trackChanges(store != RouteStore.NONE);
        this.trickle = new TrickleTimer(scheduler, config.trickle(), new TrickleListener() {
            @Override
            public void transmit() {
                sendDio(Ipv6Address.ALL_RPL_NODES, ShortAddress.BROADCAST);
            }
        });
    }

    /** Starts advertising the DODAG; the first start restores the durable state. */
    public void start() {
        if (running) {
            return;
        }
        if (!restored) {
            restored = true;
            restore();
        }
        running = true;
        trickle.start();
        if (store != RouteStore.NONE) {
            saveTask = scheduler.schedule(SAVE_INTERVAL, this::saveTick);
        }
    }

    /** Stops advertising and saves what changed; the routes stay (they still expire). */
    public void stop() {
        running = false;
        trickle.stop();
        if (saveTask != null) {
            saveTask.cancel();
            saveTask = null;
        }
        save();
    }

    // ---- durable state ----

    private void restore() {
        Optional<byte[]> dodagRecord;
        Map<String, byte[]> routeRecords;
        try {
            dodagRecord = store.loadDodag();
            routeRecords = store.loadRoutes();
        } catch (RuntimeException e) {
            counters.increment("load-failed");
            listener.stateProblem("loading the RPL state failed, starting without it: " + e);
            return;
        }
        boolean ours = false;
        if (dodagRecord.isPresent()) {
            StoredRecordResult<StoredDodag> result = StoredDodag.decode(dodagRecord.get());
            if (result instanceof StoredRecordResult.Decoded<StoredDodag> decoded) {
                StoredDodag d = decoded.value();
                ours = d.instanceId() == config.instanceId() && d.mop() == config.mop() && d.dodagId().equals(dodagId);
                if (ours) {
                    version = d.version();
                    dtsn = d.dtsn();
                    counters.increment("restored-dodag");
                } else {
                    counters.increment("restore-ignored:other-dodag");
                    listener.stateProblem("stored RPL state is of " + d + ", not of DODAG " + dodagId + " instance "
                            + config.instanceId() + " MOP " + config.mop() + ": its routes are dropped");
                }
            } else if (result instanceof StoredRecordResult.Rejected<StoredDodag> rejected) {
                reject(rejected.reason(), rejected.detail());
            }
        }
        for (Map.Entry<String, byte[]> record : routeRecords.entrySet()) {
            if (!ours || !restoreRoute(record.getKey(), record.getValue())) {
                staleKeys.add(record.getKey());
            }
        }
        durableRoutes.drainDirty(); // what was just read needs no writing back
    }

    /** Takes one stored route back; false if its record is to go (damaged, misplaced, expired, no room). */
    private boolean restoreRoute(String key, byte[] value) {
        StoredRecordResult<StoredRoute> result = StoredRoute.decode(value);
        if (result instanceof StoredRecordResult.Rejected<StoredRoute> rejected) {
            reject(rejected.reason(), "key " + key + ": " + rejected.detail());
            return false;
        }
        StoredRoute route = ((StoredRecordResult.Decoded<StoredRoute>) result).value();
        if (!route.target().toString().equals(key)) {
            reject(StoredRecordRejectReason.BAD_VALUE, "key " + key + " holds the record of another target");
            return false;
        }
        if (route.storing() != config.storing()) {
            // The DODAG record matched our MOP, so a route of the other mode was never written by this DODAG.
            reject(StoredRecordRejectReason.BAD_VALUE, "key " + key + " holds a " + (route.storing() ? "storing"
                    : "non-storing") + "-mode route, the DODAG is of MOP " + config.mop());
            return false;
        }
        if (!durableRoutes.restore(route)) {
            return false; // expired while the root was away, or no room
        }
        counters.increment("restored-routes");
        return true;
    }

    private void reject(StoredRecordRejectReason reason, String detail) {
        counters.increment(reason.counterName());
        listener.stateProblem("stored RPL record skipped (" + reason + "): " + detail);
    }

    private void saveTick() {
        saveTask = running ? scheduler.schedule(SAVE_INTERVAL, this::saveTick) : null;
        save();
    }

    /**
     * Writes to the {@link RouteStore} what changed since the last save, in one batch: nothing if nothing changed.
     * A failing store is counted and reported, and the changes are tried again at the next save.
     */
    public void save() {
        Set<Ipv6Address> changed = durableRoutes.drainDirty();
        if (store == RouteStore.NONE || changed.isEmpty() && !dodagDirty && staleKeys.isEmpty()) {
            return;
        }
        Map<String, byte[]> records = new HashMap<>();
        Set<String> removed = new HashSet<>(staleKeys);
        for (Ipv6Address target : changed) {
            String key = target.toString();
            durableRoutes.stored(target).ifPresentOrElse(r -> records.put(key, r.encode()), () -> removed.add(key));
        }
        Optional<byte[]> dodag = dodagDirty
                ? Optional.of(new StoredDodag(config.instanceId(), config.mop(), version, dtsn, dodagId).encode())
                : Optional.empty();
        try {
            store.save(dodag, records, removed);
        } catch (RuntimeException e) {
            durableRoutes.markDirty(changed);
            counters.increment("save-failed");
            listener.stateProblem("saving the RPL state failed, retrying at the next save: " + e);
            return;
        }
        removed.forEach(staleKeys::remove);
        dodagDirty = false;
        counters.increment("saved");
    }

    /** An RPL message delivered to the root, destination unknown (a DIS is then taken as multicast). */
    public void received(RplMessage message, Ipv6Address source, MacAddress linkSource, int rssiDbm, int lqi) {
        received(message, source, Ipv6Address.ALL_RPL_NODES, linkSource, rssiDbm, lqi);
    }

    /**
     * An RPL message delivered to the root.
     *
     * @param destination the IPv6 destination it was sent to: multicast or the root's own address
     */
    public void received(RplMessage message, Ipv6Address source, Ipv6Address destination, MacAddress linkSource,
            int rssiDbm, int lqi) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(linkSource, "linkSource");
        if (!running) {
            counters.increment("ignored:stopped");
            return;
        }
        if (message instanceof Dis dis) {
            onDis(dis, source, destination, linkSource);
        } else if (message instanceof Dio dio) {
            onDio(dio);
        } else if (message instanceof Dao dao) {
            onDao(dao, source, linkSource);
        } else {
            counters.increment("ignored:dao-ack");
        }
    }

    private void onDis(Dis dis, Ipv6Address source, Ipv6Address destination, MacAddress linkSource) {
        counters.increment("dis-received");
        if (destination.isMulticast()) {
            if (Dios.solicited(dis, config.instanceId(), dodagId, version)) {
                trickle.reset(); // RFC 6550 8.3: a multicast DIS is an inconsistency
            }
        } else {
            sendDio(source, linkSource); // RFC 6550 8.3: answer a unicast DIS with a unicast DIO
        }
    }

    private void onDio(Dio dio) {
        counters.increment("dio-received");
        if (dio.instanceId() == config.instanceId() && dio.dodagId().equals(dodagId)
                && Lollipop.greaterThan(dio.version(), version)) {
            // Someone advertises a newer version of our DODAG: we rebooted and lost ours. Go past it.
            version = dio.version();
            globalRepair(); // saved with the next batch
        }
    }

    private void onDao(Dao dao, Ipv6Address source, MacAddress linkSource) {
        counters.increment("dao-received");
        if (dao.instanceId() != config.instanceId()) {
            counters.increment("dao-ignored:instance");
            return;
        }
        if (dao.dodagId().isPresent() && !dao.dodagId().get().equals(dodagId)) {
            counters.increment("dao-ignored:dodag");
            return;
        }
        boolean any = false;
        boolean full = false;
        int unit = config.configuration().lifetimeUnit();
        for (DaoGroup group : DaoGroup.of(dao)) {
            // Non-storing Transit options name a Parent Address, storing ones do not (RFC 6550 6.7.8).
            List<TransitInformation> transits = new ArrayList<>();
            for (TransitInformation t : group.transits()) {
                if (t.parentAddress().isPresent() != config.storing()) {
                    transits.add(t);
                } else {
                    counters.increment(config.storing() ? "dao-ignored:non-storing-transit"
                            : "dao-ignored:storing-transit");
                }
            }
            if (transits.isEmpty()) {
                continue;
            }
            for (RplTarget target : group.targets()) {
                if (!usable(target)) {
                    continue;
                }
                any = true;
                TransitInformation first = transits.get(0);
                RouteTable.Update outcome = config.storing()
                        ? storingRoutes.update(target.prefix(), linkSource, first.pathSequence(), first.pathLifetime(),
                                unit)
                        : routes.update(target.prefix(), first.pathSequence(), transits, unit);
                switch (outcome) {
                    case ADDED -> counters.increment("route-added");
                    case REMOVED -> counters.increment("route-removed");
                    case STALE -> counters.increment("dao-stale");
                    case FULL -> full = true;
                    default -> {
                    }
                }
                if (config.storing() && first.pathLifetime() == TransitInformation.NO_PATH) {
                    counters.increment("no-path");
                }
            }
        }
        if (!any) {
            counters.increment("dao-ignored:no-target");
            return;
        }
        if (full) {
            counters.increment("dao-rejected");
        }
        if (dao.ackRequested()) {
            DaoAck ack = new DaoAck(dao.instanceId(), dao.sequence(),
                    full ? STATUS_UNABLE_TO_ACCEPT : DaoAck.STATUS_ACCEPTED, dao.dodagId(), List.of());
            if (!config.storing() && Integer.valueOf(dao.sequence()).equals(queuedAcks.get(source))) {
                counters.increment("dao-ack-queued"); // the DAO-ACK already waiting answers this repetition too
                return;
            }
            counters.increment("dao-ack-sent");
            if (config.storing()) {
                transport.sendOnLink(ack, source, linkSource); // RFC 6550 9.8: the DAO came from a child, on-link
            } else {
                queuedAcks.put(source, dao.sequence());
                transport.sendRouted(ack, source)
                        .whenComplete((status, failure) -> queuedAcks.remove(source, dao.sequence()));
            }
        }
    }

    private boolean usable(RplTarget target) {
        if (target.prefixLength() != 128) {
            counters.increment("dao-ignored:prefix-target");
            return false;
        }
        if (target.prefix().equals(dodagId)) {
            counters.increment("dao-ignored:root-target");
            return false;
        }
        return true;
    }

    private void sendDio(Ipv6Address destination, MacAddress nextHop) {
        Dio dio = Dios.build(config.instanceId(), version, rank, config.grounded(), config.mop(), config.preference(),
                dtsn, dodagId, config.configuration(), Optional.of(prefixInformation));
        counters.increment("dio-sent");
        transport.sendOnLink(dio, destination, nextHop);
    }

    /**
     * The hops from the root to {@code target} for an RFC 6554 source route: the target last, the root excluded;
     * empty if the table has no complete, loop-free path of live parents (a cycle counts in {@code loops}).
     */
    public Optional<List<Ipv6Address>> sourceRoute(Ipv6Address target) {
        Objects.requireNonNull(target, "target");
        return config.storing() ? Optional.empty() : routes.sourceRoute(target, dodagId);
    }

    /** In storing mode, the child towards {@code target} (RFC 6550 9.8); empty in non-storing mode. */
    public Optional<MacAddress> nextHop(Ipv6Address target) {
        Objects.requireNonNull(target, "target");
        return config.storing() ? storingRoutes.nextHop(target) : Optional.empty();
    }

    /** Whether the root has a route down to {@code target}: a source route, or in storing mode a next hop. */
    public boolean canRoute(Ipv6Address target) {
        return config.storing() ? nextHop(target).isPresent() : sourceRoute(target).isPresent();
    }

    /**
     * Every target with its parents, depth and lifetime, sorted by address: for the {@code dodag} command. In
     * storing mode the root knows only the next hop, shown as the one parent (its global address), and the depth is
     * 1 for its children and 2 for targets further down (at least 2).
     */
    public List<RouteSnapshot> routes() {
        if (!config.storing()) {
            return routes.snapshot(dodagId);
        }
        long now = scheduler.nanoTime();
        List<RouteSnapshot> out = new ArrayList<>();
        for (StoringRoutes.Route r : storingRoutes.routes()) {
            Ipv6Address via = Ipv6Address.of(config.prefix(), r.nextHop());
            Duration left = r.expiresAtNanos() == Long.MAX_VALUE ? RouteSnapshot.INFINITE
                    : Duration.ofNanos(Math.max(0, r.expiresAtNanos() - now));
            out.add(new RouteSnapshot(r.target(), List.of(new RouteSnapshot.Parent(via, 0x80, left)),
                    r.pathSequence(), via.equals(r.target()) ? 1 : 2, left));
        }
        return List.copyOf(out);
    }

    /** Targets in the route table. */
    public int routeCount() {
        return config.storing() ? storingRoutes.size() : routes.size();
    }

    /** Global repair (RFC 6550 3.2.3): a new DODAG Version Number, advertised at once. */
    public void globalRepair() {
        version = Lollipop.increment(version);
        dodagDirty = true;
        counters.increment("global-repair");
        trickle.reset();
    }

    /** Asks every meter for a fresh DAO (RFC 6550 9.6): a new DTSN, advertised at once. */
    public void incrementDtsn() {
        dtsn = Lollipop.increment(dtsn);
        dodagDirty = true;
        counters.increment("dtsn-increment");
        trickle.reset();
    }

    /**
     * The forwarding layer detected a loop with the RFC 6553 option (RFC 6550 11.2.2.2): reset the Trickle timer.
     */
    public void loopDetected() {
        counters.increment("loops");
        trickle.reset();
    }

    public Counters counters() {
        return counters;
    }

    /** The DODAGID: the root's global address. */
    public Ipv6Address dodagId() {
        return dodagId;
    }

    /** The current DODAG Version Number. */
    public int version() {
        return version;
    }

    /** The current DTSN. */
    public int dtsn() {
        return dtsn;
    }

    /** ROOT_RANK: MinHopRankIncrease (RFC 6550 17). */
    public int rank() {
        return rank;
    }

    public int instanceId() {
        return config.instanceId();
    }

    public RootConfig config() {
        return config;
    }

    public boolean isRunning() {
        return running;
    }

    @Override
    public String toString() {
        return "RplRoot[" + dodagId + ", version " + version + ", " + routes.size() + " routes]";
    }
}
