package org.metermesh.rpl.dodag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.metermesh.api.clock.Cancellable;
import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.counters.Counters;
import org.metermesh.api.event.ErrorCode;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;
import org.metermesh.api.radio.TxStatus;
import org.metermesh.rpl.link.Neighbour;
import org.metermesh.rpl.link.NeighbourListener;
import org.metermesh.rpl.link.NeighbourTable;
import org.metermesh.rpl.link.PacketLossWarning;
import org.metermesh.rpl.link.RemovalReason;
import org.metermesh.rpl.message.RplMessage;
import org.metermesh.rpl.message.RplMessage.Dao;
import org.metermesh.rpl.message.RplMessage.DaoAck;
import org.metermesh.rpl.message.RplMessage.Dio;
import org.metermesh.rpl.message.RplMessage.Dis;
import org.metermesh.rpl.message.RplOption;
import org.metermesh.rpl.message.RplOption.DodagConfiguration;
import org.metermesh.rpl.message.RplOption.PrefixInformation;
import org.metermesh.rpl.message.RplOption.RplTarget;
import org.metermesh.rpl.message.RplOption.TransitInformation;
import org.metermesh.rpl.of.ObjectiveFunction;
import org.metermesh.rpl.of.ObjectiveFunctions;
import org.metermesh.rpl.of.ParentSet;
import org.metermesh.rpl.of.Mrhof;
import org.metermesh.rpl.of.Rank;
import org.metermesh.rpl.trickle.TrickleConfig;
import org.metermesh.rpl.trickle.TrickleListener;
import org.metermesh.rpl.trickle.TrickleTimer;

/**
 * A meter's RPL (RFC 6550): a sans-I/O core on a {@link Scheduler} that joins a DODAG, keeps a preferred parent,
 * advertises itself and registers its address with the root. It follows the Mode of Operation of the DIO it joins:
 * non-storing (MOP 1, RFC 6550 9.7), storing without multicast (MOP 2, RFC 6550 9.8, see below), or MOP 0 (joined
 * without DAOs); MOP 3 DODAGs are ignored (counted as {@code dio-ignored:mop}).
 *
 * <h2>Behaviour</h2>
 * <ul>
 * <li><b>Discovery</b> ({@link Discovery}): after a random staggered-join jitter, a multicast DIS (RFC 6550 8.3),
 *     repeated about every DIS interval while detached; after each DISCOVERY_TIMEOUT without a parent,
 *     ERR_NET_NO_BEACON (nothing heard) or ERR_RPL_NO_ROOT (neighbours heard, none offering a path to a grounded
 *     root), then a new round.</li>
 * <li><b>DIO processing</b> (RFC 6550 8.2): the first usable DIO (finite Rank, grounded, MOP 0/1, a DODAG
 *     Configuration option naming a supported objective function) makes the meter a member of its DODAG; later
 *     DIOs of the same DODAG Version update the candidate neighbours; a newer Version (RFC 6550 7.2 comparison)
 *     is joined at once, starting afresh (RFC 6550 8.2.2.1); older Versions are ignored. The Prefix Information
 *     option (A flag) gives the global address (RFC 6550 6.7.10). Every sender is recorded in the neighbour
 *     table (RSSI/LQI, idempotent).</li>
 * <li><b>Parent selection</b> ({@link ParentManager}): the DODAG's objective function (MRHOF-ETX or OF0, from the
 *     OCP) with the loop-avoidance rules of RFC 6550 8.2.2.4, re-run on every DIO, on ETX changes of a candidate
 *     and when a candidate leaves the neighbour table. L is the lowest Rank advertised in the DODAG Version (RFC
 *     6550 8.2.2.4). A better parent whose link only the signal vouches for is probed first, and taken once
 *     acknowledgements measured it (Contiki-NG rpl-lite's fresh-parent rule); see {@link ParentManager} for the
 *     rules that keep descendants, poisoned siblings and risen parents out.</li>
 * <li><b>DIO emission</b>: Trickle (RFC 6206) with the DODAG Configuration's parameters. Inconsistencies reset it
 *     (RFC 6550 8.3): a multicast DIS matching its predicates, joining a DODAG Version, a rank change of more than
 *     4 x MinHopRankIncrease (Contiki-NG RPL_SIGNIFICANT_CHANGE_THRESHOLD; smaller drifts ride on the next DIO), a
 *     DTSN increment to pass on, and a loop reported by the forwarding layer (RFC 6550 11.2.2.2). A new preferred
 *     parent alone does not (Contiki-NG rpl-lite): a parent switch in a street of hundreds of meters would
 *     otherwise reset the timers of the whole sub-DODAG through its Rank change. Two changes are told at once
 *     with a DIO outside Trickle (at most one per {@link #URGENT_DIO_SPACING}) and a reset: moving to a deeper
 *     DAGRank through a new parent (neighbours that still see our old Rank could take us into a loop), and a
 *     parent risen to our advertised DAGRank (RFC 6550 8.2.2.4 rule 1 broken until we advertise). Every
 *     multicast DIO of our Version with a finite Rank counts as consistent (Contiki-NG's dio_counter), so in a
 *     dense street k DIOs per interval suffice. A unicast DIS is answered by a unicast DIO with the DODAG
 *     Configuration (RFC 6550 6.7.6); probes and poisons are lean DIOs without options.</li>
 * <li><b>DAO</b> ({@link DaoManager}, RFC 6550 9.7): to the DODAGID with {@link RplTransport#sendRouted}, with the
 *     K flag; one RPL Target (the global address) and one Transit Information option per DAO parent (the parent
 *     set, at most PCS + 1, preferred first, Path Control bit 0x80 >>> i), each with the parent's global address,
 *     the Path Sequence and the Path Lifetime. Sent after joining, on a new preferred parent, on a new address, a
 *     new Version, and when the preferred parent's DTSN increments (which increments this meter's own DTSN, RFC
 *     6550 9.6); retransmitted with exponential back-off until acknowledged, refreshed before its lifetime ends.
 *     A switch to a better parent while the old one's link is healthy waits {@link #LAZY_DAO_FACTOR} DAO delays
 *     (the root's route still works, and a forming neighbourhood's switches are aggregated into one DAO); changes
 *     of backup parents alone wait for the next DAO (the root routes over the preferred parent). An accepting
 *     DAO-ACK makes the meter {@link #joined()}.</li>
 * <li><b>Self-healing</b>: the preferred parent is probed ({@link ParentProbe}) unless traffic measured its link
 *     lately, backups now and then; when it stops acknowledging, its ETX passes the objective function's limit
 *     and the meter switches to the next best parent at once, with a new DAO (with no other candidate it follows
 *     the parent up to twice the limit first). The same happens when the parent expires from the neighbour table,
 *     is evicted, or advertises INFINITE_RANK (RFC 6550 8.2.2.5); in that last case candidates that may be in the
 *     poisoned sub-DODAG are asked with a unicast DIS before the meter gives up.</li>
 * <li><b>Local repair</b> ({@link HoldDown}): with no feasible parent left, the meter detaches, forgets its
 *     candidates (their Ranks may run through itself; Contiki-NG's local repair forgets its RPL neighbours too, the
 *     link estimates stay), poisons its sub-DODAG with INFINITE_RANK DIOs (RFC 6550 8.2.2.5), waits out the
 *     hold-down, then takes a parent among the neighbours heard since (and, failing that, discovers with
 *     DIS). Until it has advertised a Rank again (attaching is not enough: a descendant that missed the poison
 *     still holds a Rank through our old one, and L only protects from the first advertisement on), the first
 *     DIO of a neighbour deeper than its DAGRank before the repair is not believed and is answered with a
 *     unicast poisoning DIO, which the MAC acknowledges and retries.</li>
 * <li><b>Storing mode</b> (MOP 2, RFC 6550 9.8): the DAO goes on-link to the preferred parent, its Transit option
 *     without Parent Address, and that parent acknowledges it. A DAO from a child installs a route to each of its
 *     Targets through that child ({@link StoringRoutes}, bounded by {@link NodeConfig#routeCapacity()}: a DAO that
 *     does not fit is answered with DAO-ACK status {@value RplRoot#STATUS_UNABLE_TO_ACCEPT} and counted as
 *     {@code dao-rejected}) and is passed on to the preferred parent under a DAOSequence of this meter; the
 *     parent's DAO-ACK is relayed back down to the child with the child's sequence, so the child's retransmissions
 *     cover the whole way up. A No-Path removes the route if it comes from the route's next hop, and travels up
 *     too. A switch of preferred parent is told with the next DAO (scheduled as in non-storing mode, lazily for a
 *     voluntary switch while the old link is healthy, so switches in between are aggregated): the old parent gets a
 *     No-Path DAO for this meter and its sub-DODAG, the new one a DAO for the sub-DODAG's targets (Path Sequences
 *     unchanged), in DAOs of at most {@link #MAX_TARGETS_PER_DAO} targets. {@link #nextHop(Ipv6Address)} gives
 *     forwarding the child towards a target below.</li>
 * <li><b>Errors</b>: {@link ErrorCode#HIGH_PACKET_LOSS} from the neighbour table's warnings (field manual: more
 *     than 15 %), the two discovery errors above.</li>
 * </ul>
 *
 * <p>Counters ({@link #counters()}): {@code dis-sent}, {@code dis-received}, {@code dio-sent},
 * {@code dio-received}, {@code dio-poison}, {@code poison-unicast}, {@code dio-ignored:<reason>},
 * {@code probe-sent}, {@code probe-blocked}, {@code dao-sent}, {@code dao-retransmitted}, {@code dao-refresh},
 * {@code dao-ack-received}, {@code dao-ack-unexpected}, {@code dao-nack}, {@code dao-failed}, {@code joined},
 * {@code attached}, {@code parent-switch}, {@code parent-switch:<why>} (better, link, poisoned, gone),
 * {@code local-repair}, {@code local-repair:<why>}, {@code parent-poisoned}, {@code dis-ask},
 * {@code dio-held}, {@code probe-candidate}, {@code probe-skipped}, {@code dio-urgent:<why>} (deeper, rule1),
 * {@code trickle-reset:rank}, {@code version-joined}, {@code dtsn-increment}, {@code address-configured},
 * {@code loops}, {@code flush}, {@code err-net-no-beacon}, {@code err-rpl-no-root}, {@code high-packet-loss},
 * {@code ignored:<reason>}; in storing mode {@code dao-received}, {@code dao-forwarded}, {@code dao-rejected},
 * {@code dao-ignored:<reason>}, {@code dao-dropped:detached}, {@code dao-ack-relayed}, {@code no-path-sent},
 * {@code route-added}, {@code route-removed}.
 *
 * <p>Not thread-safe and needing no locks: every method must run on the scheduler's thread. The transport and the
 * listener may call back into the node; ETX updates from {@link #transmitted} are acted on in a task of their own.
 */
public final class RplNode {

    /** Rank rise, in MinHopRankIncrease units, that resets Trickle (Contiki-NG RPL_SIGNIFICANT_CHANGE_THRESHOLD). */
    static final int SIGNIFICANT_RANK_RISE = 4;
    /** One probe tick in this many also probes a backup parent. */
    static final int BACKUP_PROBE_EVERY = 4;
    /**
     * How long acknowledgement statistics of a link count as fresh: Contiki-NG link-stats.c
     * FRESHNESS_EXPIRATION_TIME (10 min).
     */
    static final Duration LINK_FRESHNESS = Duration.ofMinutes(10);
    /** A link this good (ETX 2) still carries the root's downward route reliably. */
    static final int HEALTHY_LINK_ETX = 2 * org.metermesh.rpl.of.Etx.ONE;
    /** A DAO for a change the root's current route survives waits this many DAO delays. */
    static final int LAZY_DAO_FACTOR = 8;
    /** How long the candidates asked with a unicast DIS before a local repair have to answer. */
    static final Duration ASK_WAIT = Duration.ofSeconds(2);
    /** At most one DIO outside Trickle per this much time when the Rank must be told at once. */
    static final Duration URGENT_DIO_SPACING = Duration.ofSeconds(1);
    /** Forwarded storing-mode DAOs whose DAO-ACK is awaited to be relayed down, at most (the oldest are dropped). */
    static final int MAX_RELAYS = 32;
    /** A DIO sender's link ETX when the neighbour table holds no entry for it (it was full). */
    private static final int NOT_IN_TABLE = -1;
    /**
     * Targets per No-Path or re-announcing DAO of a parent switch: 16 Target + Transit pairs are 416 octets, well
     * inside the IPv6 minimum MTU (RFC 8200 5) and a few 6LoWPAN fragments; a larger sub-DODAG takes several DAOs.
     */
    static final int MAX_TARGETS_PER_DAO = 16;

    private final Scheduler scheduler;
    private final NodeConfig config;
    private final RplTransport transport;
    private final RplEventListener listener;
    private final Counters counters;
    // Counted for nearly every DIO a meter in a dense street hears: handles, not lookups by a name built each time.
    private final Counters.Counter dioReceived;
    private final Counters.Counter dioFromOutsideTheTable;
    private final ExtendedAddress mac;
    private final Ipv6Address linkLocal;
    private final NeighbourTable<MacAddress> neighbours;
    private final ParentManager parents = new ParentManager();
    private final Discovery discovery;
    private final DaoManager dao;
    private final ParentProbe probe;
    private final HoldDown holdDown;
    private final TrickleTimer trickle;
    private final StoringRoutes routes;
    /** Storing mode: the child's DAO behind each forwarded DAOSequence, for relaying the DAO-ACK. */
    private final Map<Integer, Relay> relays = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Relay> eldest) {
            return size() > MAX_RELAYS;
        }
    };

    private record Relay(Ipv6Address source, MacAddress child, int sequence) {
    }

    /** Storing mode: the DAO parent the root's routes still run through, until the next DAO tells the move. */
    private MacAddress movedFrom;

    private NodeState state = NodeState.STOPPED;
    private Membership dodag;
    private int rank = Rank.INFINITE_RANK;
    private int lastAdvertisedRank = Rank.INFINITE_RANK;
    private boolean joined;
    private MacAddress announcedParent = MacAddress.NONE;
    private boolean reselectPending;
    private boolean quiet;
    private long probeTicks;
    /** DAGRank before the last local repair, until a Rank is advertised again; -1 if none. */
    private int repairDagRank = -1;
    /** Possible descendants told of the local repair by a unicast poisoning DIO. */
    private final Set<MacAddress> warned = new HashSet<>();
    /** Candidates probed to measure their link before a switch, with the time of the probe. */
    private final Map<MacAddress, Long> candidateProbes = new HashMap<>();
    private Cancellable candidateProbe;
    private long lastCandidateProbe = Long.MIN_VALUE / 2;
    private long lastUrgentDio = Long.MIN_VALUE / 2;
    private Cancellable urgentDioTask;
    private Cancellable askWait;
    private boolean asked;
    /** Neighbours that asked where we stand while we were asking ourselves: answered once we know. */
    private final Map<MacAddress, Ipv6Address> heldAnswers = new LinkedHashMap<>();

    public RplNode(Scheduler scheduler, NodeConfig config, RplTransport transport, RplEventListener listener) {
        this(scheduler, config, transport, listener, new Counters());
    }

    /** @param counters where to count; the simulator may share one instance among all cores */
    public RplNode(Scheduler scheduler, NodeConfig config, RplTransport transport, RplEventListener listener,
            Counters counters) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.config = Objects.requireNonNull(config, "config");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.dioReceived = counters.counter("dio-received");
        this.dioFromOutsideTheTable = counters.counter("dio-ignored:neighbour-table-full");
        this.mac = config.mac();
        this.linkLocal = Ipv6Address.linkLocal(mac);
        this.neighbours = new NeighbourTable<>(scheduler, config.neighbours(), new NeighbourEvents());
        this.discovery = new Discovery(scheduler, config, new DiscoveryActions());
        this.dao = new DaoManager(scheduler, config, counters, new DaoActions());
        this.probe = new ParentProbe(scheduler, config, this::probeParent);
        this.routes = new StoringRoutes(scheduler, config.routeCapacity());
        this.holdDown = new HoldDown(scheduler, config.holdDown(), this::sendPoison, this::holdDownOver);
        this.trickle = new TrickleTimer(scheduler, TrickleConfig.METERMESH_DEFAULT, new TrickleListener() {
            @Override
            public void transmit() {
                if (state == NodeState.ATTACHED) {
                    sendDio(Ipv6Address.ALL_RPL_NODES, ShortAddress.BROADCAST);
                }
            }
        });
    }

    // ---- life cycle ----

    /** Starts discovery: the first DIS goes out after the staggered-join jitter. Does nothing if running. */
    public void start() {
        if (state != NodeState.STOPPED) {
            return;
        }
        state = NodeState.DISCOVERING;
        discovery.beginAfterJitter();
    }

    /** Stops every timer and forgets the DODAG and the neighbours; no callbacks. {@link #start()} begins afresh. */
    public void stop() {
        if (state == NodeState.STOPPED) {
            return;
        }
        state = NodeState.STOPPED;
        discovery.stop();
        dao.cancel();
        probe.stop();
        holdDown.stop();
        trickle.stop();
        quiet = true;
        neighbours.flush();
        quiet = false;
        parents.clearCandidates();
        parents.setParents(ParentSet.none());
        dodag = null;
        rank = Rank.INFINITE_RANK;
        lastAdvertisedRank = Rank.INFINITE_RANK;
        joined = false;
        announcedParent = MacAddress.NONE;
        repairDagRank = -1;
        warned.clear();
        cancelCandidateProbe();
        candidateProbes.clear();
        cancelUrgentDio();
        cancelAskWait();
        routes.clear();
        relays.clear();
        movedFrom = null;
    }

    /**
     * Like {@code ip -6 neigh flush all}: forgets every neighbour and forces fresh discovery. An attached meter
     * detaches first (local repair with poisoning), since its parents are gone.
     */
    public void flush() {
        if (state == NodeState.STOPPED) {
            return;
        }
        counters.increment("flush");
        quiet = true;
        neighbours.flush();
        quiet = false;
        parents.clearCandidates();
        if (state == NodeState.ATTACHED) {
            localRepair();
        } else if (state == NodeState.DISCOVERING) {
            discovery.startRound();
        }
    }

    // ---- events ----

    /** An RPL message for this meter, destination unknown: a DIS is taken as multicast. */
    public void received(RplMessage message, Ipv6Address source, MacAddress linkSource, int rssiDbm, int lqi) {
        received(message, source, Ipv6Address.ALL_RPL_NODES, linkSource, rssiDbm, lqi);
    }

    /**
     * An RPL message for this meter, on-link or routed.
     *
     * @param source      its IPv6 source (a neighbour's link-local address for DIS and DIO)
     * @param destination its IPv6 destination: multicast, or this meter's own address
     * @param linkSource  the MAC address of the neighbour it came from (the last hop)
     * @param lqi         0-255, or -1 if the radio gives none
     */
    public void received(RplMessage message, Ipv6Address source, Ipv6Address destination, MacAddress linkSource,
            int rssiDbm, int lqi) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(linkSource, "linkSource");
        if (state == NodeState.STOPPED) {
            counters.increment("ignored:stopped");
            return;
        }
        Optional<MacAddress> from = senderOf(source, linkSource);
        if (from.isEmpty() || from.get().equals(mac)) {
            counters.increment(from.isEmpty() ? "ignored:no-link-source" : "ignored:own");
            return;
        }
        // A full table admits a newcomer by the path its DIO offers (see NeighbourTable); other messages offer none.
        int offered = message instanceof Dio dio ? dio.rank() : Rank.INFINITE_RANK;
        int step = dodag != null ? dodag.minHopRankIncrease() : Mrhof.DEFAULT_MIN_HOP_RANK_INCREASE;
        int linkEtx = neighbours.heardEtx(from.get(), rssiDbm, lqi, offered, step);
        if (linkEtx != NOT_IN_TABLE) {
            parents.etxChanged(from.get(), linkEtx); // the RSSI/LQI guess may move
        }
        discovery.heard(message instanceof Dio);
        if (message instanceof Dio dio) {
            // What the table holds for the sender now, handed on: a dense street's DIOs would ask it again.
            onDio(dio, source, destination.isMulticast(), from.get(), linkEtx);
        } else if (message instanceof Dis dis) {
            onDis(dis, source, destination, from.get());
        } else if (message instanceof DaoAck ack) {
            onDaoAck(ack);
        } else if (message instanceof Dao d && storing()) {
            onDao(d, source, from.get());
        } else {
            counters.increment("ignored:dao"); // non-storing: DAOs are the root's
        }
    }

    /**
     * The MAC's verdict on a unicast frame to {@code neighbour} (any frame: RPL, data, forwarded): feeds the link's
     * ETX and loss statistics (ACKED / NO_ACK; other statuses say nothing about the link).
     */
    public void transmitted(MacAddress neighbour, TxStatus status) {
        Objects.requireNonNull(neighbour, "neighbour");
        Objects.requireNonNull(status, "status");
        if (state == NodeState.STOPPED || !neighbours.transmitted(neighbour, status)) {
            return;
        }
        parents.etxChanged(neighbour, neighbours.etx(neighbour));
        if (state == NodeState.ATTACHED && status == TxStatus.NO_ACK
                && neighbour.equals(parents.preferred().orElse(null))) {
            probe.urgent();
        }
        ParentManager.Candidate c = parents.get(neighbour);
        if (c != null && (state != NodeState.ATTACHED || parents.parents().parents().contains(neighbour)
                || status == TxStatus.ACKED && c.rank() < rank)) {
            requestReselect(); // a parent's link changed, or a better link to a possible parent (not to a child)
        }
    }

    /**
     * The forwarding layer detected a loop with the RFC 6553 option: a packet with the Rank-Error bit already set
     * met another rank error (RFC 6550 11.2.2.2), which resets the Trickle timer.
     */
    public void loopDetected() {
        counters.increment("loops");
        if (state == NodeState.ATTACHED) {
            trickle.reset();
        }
    }

    // ---- DIO ----

    /** @param linkEtx the neighbour table's ETX for the sender, {@link #NOT_IN_TABLE} if the table did not take it */
    private void onDio(Dio dio, Ipv6Address source, boolean multicast, MacAddress from, int linkEtx) {
        dioReceived.increment();
        if (config.instanceId().isPresent() && config.instanceId().getAsInt() != dio.instanceId()) {
            ignoreDio("instance");
            return;
        }
        if (dio.mop() != Dio.MOP_NON_STORING && dio.mop() != Dio.MOP_NO_DOWNWARD_ROUTES
                && dio.mop() != Dio.MOP_STORING_NO_MULTICAST) {
            ignoreDio("mop");
            return;
        }
        if (dodag != null && dodag.sameDodag(dio)) {
            int order = Lollipop.compare(dio.version(), dodag.version);
            if (order == 0) {
                sameVersion(dio, source, multicast, from, linkEtx);
            } else if (order == 1) {
                newVersion(dio, source, multicast, from, linkEtx);
            } else {
                ignoreDio("old-version");
                if (state == NodeState.ATTACHED && dio.rank() == Rank.rootRank(dodag.minHopRankIncrease())) {
                    trickle.reset(); // the root went back: let it hear our Version soon (as Contiki-NG)
                }
            }
            return;
        }
        if (state == NodeState.ATTACHED || state == NodeState.HOLD_DOWN) {
            ignoreDio("other-dodag");
            return;
        }
        Optional<ObjectiveFunction> of = usable(dio, dio.option(DodagConfiguration.class));
        if (of.isEmpty()) {
            return;
        }
        dodag = new Membership(dio, dio.option(DodagConfiguration.class).orElseThrow(), of.get());
        parents.clearCandidates();
        dio.option(PrefixInformation.class).ifPresent(this::usePrefix);
        sameVersion(dio, source, multicast, from, linkEtx);
    }

    /** The objective function if the DIO opens a path to a root we may join; counts why not. */
    private Optional<ObjectiveFunction> usable(Dio dio, Optional<DodagConfiguration> configuration) {
        if (dio.rank() >= Rank.INFINITE_RANK) {
            ignoreDio("infinite-rank");
        } else if (config.requireGrounded() && !dio.grounded()) {
            ignoreDio("floating");
        } else if (configuration.isEmpty()) {
            ignoreDio("no-configuration");
        } else if (configuration.get().defaultLifetime() == 0 || configuration.get().lifetimeUnit() == 0) {
            ignoreDio("zero-lifetime"); // every route would be dead on arrival
        } else {
            Optional<ObjectiveFunction> of = ObjectiveFunctions.forConfiguration(configuration.get());
            if (of.isEmpty()) {
                ignoreDio("objective-function");
            } else if (dio.rank() < of.get().minHopRankIncrease()) {
                ignoreDio("rank");
            } else {
                return of;
            }
        }
        return Optional.empty();
    }

    private void sameVersion(Dio dio, Ipv6Address source, boolean multicast, MacAddress from, int linkEtx) {
        int minHop = dodag.minHopRankIncrease();
        if (dio.rank() < minHop) {
            ignoreDio("rank");
            return;
        }
        if (linkEtx == NOT_IN_TABLE) {
            dioFromOutsideTheTable.increment();
            countConsistent(dio, multicast); // not a candidate of ours, yet it tells the neighbourhood the same
            return;
        }
        if (repairDagRank >= 0 && dio.rank() < Rank.INFINITE_RANK && Rank.dagRank(dio.rank(), minHop) > repairDagRank
                && warned.add(from)) {
            // Deeper than we were before our local repair, and we have not advertised since: possibly our
            // descendant, deaf to our multicast poison, whose Rank still runs through our old one. Tell it with an
            // acknowledged unicast poison and trust only its next DIO.
            counters.increment("poison-unicast");
            sendDio(source, from, true);
            return;
        }
        boolean fromPreferred = state == NodeState.ATTACHED && from.equals(parents.preferred().orElse(null));
        if (fromPreferred && dio.rank() >= Rank.INFINITE_RANK) {
            ParentManager.Candidate last = parents.get(from);
            if (last != null && last.rank() < Rank.INFINITE_RANK) {
                // Its sub-DODAG is being poisoned, siblings included, whose last DIOs still offer the old paths.
                counters.increment("parent-poisoned");
                parents.suspectDeeperThan(last.rank(), minHop, from);
            }
        }
        boolean wasSuspect = parents.suspect(from);
        ParentManager.Candidate prior = parents.heard(from, source, dio.rank(), dio.dtsn(), linkEtx);
        neighbours.setRank(from, dio.rank());
        if (fromPreferred || dodag.globalAddress().isEmpty()) {
            dio.option(PrefixInformation.class).ifPresent(this::usePrefix);
        }
        if (fromPreferred && dodag.mop != Dio.MOP_NO_DOWNWARD_ROUTES && prior != null
                && Lollipop.greaterThan(dio.dtsn(), prior.dtsn())) {
            // RFC 6550 9.6: a DAO parent's DTSN went up; increment ours (our sub-DODAG refreshes too) and re-register.
            dodag.dtsn = Lollipop.increment(dodag.dtsn);
            counters.increment("dtsn-increment");
            trickle.reset();
            dao.schedule();
        }
        // A DIO of a neighbour outside the parent set changes nothing selection would see if it repeats the Rank,
        // or if the neighbour could not be taken before and cannot now (deeper than L, or INFINITE_RANK): in a
        // dense street most DIOs a meter hears are of that kind.
        boolean inSet = parents.parents().parents().contains(from);
        boolean repeat = prior != null && prior.rank() == dio.rank() && !wasSuspect && !inSet;
        boolean unusable = !inSet && !wasSuspect && state == NodeState.ATTACHED
                && outOfReach(dio.rank(), minHop) && (prior == null || outOfReach(prior.rank(), minHop));
        if (!repeat && !unusable) {
            reselect();
        }
        countConsistent(dio, multicast);
    }

    private void countConsistent(Dio dio, boolean multicast) {
        if (multicast && state == NodeState.ATTACHED && dio.rank() < Rank.INFINITE_RANK) {
            // Trickle redundancy: every multicast DIO of our DODAG Version with a finite Rank counts (Contiki-NG
            // rpl-lite and rpl-classic increment dio_counter so). In a street where a meter hears dozens of
            // neighbours, k of them per interval say all there is to say.
            trickle.consistent();
        }
    }

    /** Whether a neighbour advertising {@code neighbourRank} is no candidate for us now: INFINITE or deeper than L. */
    private boolean outOfReach(int neighbourRank, int minHop) {
        return neighbourRank >= Rank.INFINITE_RANK || dodag.lowestRank < Rank.INFINITE_RANK
                && Rank.dagRank(neighbourRank, minHop) > Rank.dagRank(dodag.lowestRank, minHop);
    }

    /** RFC 6550 8.2.2.1: a newer DODAG Version is a fresh start, with new candidates and a new L. */
    private void newVersion(Dio dio, Ipv6Address source, boolean multicast, MacAddress from, int linkEtx) {
        DodagConfiguration configuration = dio.option(DodagConfiguration.class).orElse(dodag.configuration);
        Optional<ObjectiveFunction> of = usable(dio, Optional.of(configuration));
        if (of.isEmpty()) {
            return;
        }
        counters.increment("version-joined");
        holdDown.stop();
        routes.clear(); // every meter registers again in the new Version
        relays.clear();
        movedFrom = null;
        repairDagRank = -1; // ranks of the new Version owe nothing to the old one
        warned.clear();
        dodag.update(dio, configuration, of.get());
        dodag.lowestRank = Rank.INFINITE_RANK;
        setParentFlags(parents.parents(), ParentSet.none());
        parents.setParents(ParentSet.none());
        parents.clearCandidates();
        rank = Rank.INFINITE_RANK;
        state = NodeState.DISCOVERING;
        dio.option(PrefixInformation.class).ifPresent(this::usePrefix);
        sameVersion(dio, source, multicast, from, linkEtx);
        if (state != NodeState.ATTACHED) {
            enterDiscovery();
        }
    }

    private void usePrefix(PrefixInformation pio) {
        if (dodag.usePrefix(pio, mac)) {
            counters.increment("address-configured");
            if (state == NodeState.ATTACHED) {
                dao.schedule();
            }
        }
    }

    private void ignoreDio(String reason) {
        counters.increment("dio-ignored:" + reason);
    }

    private void sendDio(Ipv6Address destination, MacAddress nextHop) {
        sendDio(destination, nextHop, false);
    }

    /**
     * @param lean without options: a probe or a unicast poison, to a neighbour that already has the DODAG
     *             Configuration (RFC 6550 6.7.6: the option need not be in every DIO; it must be in the answer to a
     *             unicast DIS, which is not lean) and the prefix. Half the octets of a full DIO.
     */
    private void sendDio(Ipv6Address destination, MacAddress nextHop, boolean lean) {
        if (askWait != null && rank < Rank.INFINITE_RANK) {
            // Our preferred parent is gone and we are asking whether a candidate still offers a path: the Rank we
            // hold may no longer be true. A sibling in the same position, told it, would take us as its parent
            // while we take it as ours.
            counters.increment("dio-held");
            return;
        }
        Dio dio = lean ? Dios.lean(dodag.instanceId, dodag.version, rank, dodag.grounded, dodag.mop,
                dodag.preference, dodag.dtsn, dodag.dodagId)
                : Dios.build(dodag.instanceId, dodag.version, rank, dodag.grounded, dodag.mop, dodag.preference,
                        dodag.dtsn, dodag.dodagId, dodag.configuration, dodag.prefixInformation());
        if (destination.isMulticast()) {
            lastAdvertisedRank = rank;
        }
        if (rank < Rank.INFINITE_RANK) {
            dodag.lowestRank = Math.min(dodag.lowestRank, rank); // L: the lowest Rank advertised (RFC 6550 8.2.2.4)
            if (destination.isMulticast() && repairDagRank >= 0) {
                // Our new Rank is out: descendants left over from before the repair now take theirs from it, and
                // the rule on L keeps them out.
                repairDagRank = -1;
                warned.clear();
            }
        }
        counters.increment("dio-sent");
        transport.sendOnLink(dio, destination, nextHop);
    }

    // ---- DIS, DAO-ACK ----

    private void onDis(Dis dis, Ipv6Address source, Ipv6Address destination, MacAddress from) {
        counters.increment("dis-received");
        if (destination.isMulticast()) {
            discovery.heardDis();
        }
        if (state == NodeState.HOLD_DOWN && !destination.isMulticast() && dodag != null) {
            sendDio(source, from, true); // asked where we stand: nowhere (INFINITE_RANK), as our poison says
            return;
        }
        if (state != NodeState.ATTACHED) {
            return; // nothing to offer
        }
        if (!destination.isMulticast() && askWait != null) {
            heldAnswers.put(from, source); // our Rank is in doubt until our own question is answered
        } else if (!destination.isMulticast()) {
            sendDio(source, from); // RFC 6550 8.3: unicast DIS, unicast DIO, no Trickle reset
        } else if (Dios.solicited(dis, dodag.instanceId, dodag.dodagId, dodag.version)) {
            trickle.reset();
        }
    }

    private void onDaoAck(DaoAck ack) {
        if (dodag == null || ack.instanceId() != dodag.instanceId) {
            counters.increment("ignored:dao-ack-instance");
            return;
        }
        Relay relay = relays.remove(ack.sequence());
        if (relay != null) {
            // Storing mode: the answer to a child's DAO we passed on goes back down with the child's sequence.
            counters.increment("dao-ack-relayed");
            transport.sendOnLink(new DaoAck(ack.instanceId(), relay.sequence(), ack.status(), ack.dodagId(),
                    List.of()), relay.source(), relay.child());
            return;
        }
        dao.acknowledged(ack);
    }

    // ---- storing mode (RFC 6550 9.8) ----

    private boolean storing() {
        return dodag != null && dodag.mop == Dio.MOP_STORING_NO_MULTICAST;
    }

    /** A child's DAO: routes to its targets through it, passed on to our preferred parent. */
    private void onDao(Dao message, Ipv6Address source, MacAddress child) {
        counters.increment("dao-received");
        Optional<MacAddress> parent = preferredParent();
        if (state != NodeState.ATTACHED || parent.isEmpty()) {
            counters.increment("dao-dropped:detached"); // the child retransmits, or finds another parent
            return;
        }
        if (message.instanceId() != dodag.instanceId
                || message.dodagId().isPresent() && !message.dodagId().get().equals(dodag.dodagId)) {
            counters.increment("dao-ignored:dodag");
            return;
        }
        int unit = dodag.configuration.lifetimeUnit();
        List<RplOption> forward = new ArrayList<>();
        boolean any = false;
        boolean full = false;
        for (DaoGroup group : DaoGroup.of(message)) {
            Optional<TransitInformation> transit = group.transits().stream()
                    .filter(t -> t.parentAddress().isEmpty()).findFirst();
            if (transit.isEmpty()) {
                counters.increment("dao-ignored:non-storing-transit");
                continue;
            }
            TransitInformation t = transit.get();
            if (t.pathLifetime() != TransitInformation.NO_PATH && child.equals(parent.get())) {
                // A route down through our preferred parent would meet our default route up: a loop. Only its
                // No-Paths are taken (it may have been our child before it became our parent).
                counters.increment("dao-ignored:from-parent");
                continue;
            }
            for (RplTarget target : group.targets()) {
                if (target.prefixLength() != 128 || dodag.globalAddress().map(target.prefix()::equals).orElse(false)) {
                    counters.increment("dao-ignored:target");
                    continue;
                }
                any = true;
                RouteTable.Update update = routes.update(target.prefix(), child, t.pathSequence(), t.pathLifetime(),
                        unit);
                if (update == RouteTable.Update.ADDED || update == RouteTable.Update.REMOVED) {
                    counters.increment(update == RouteTable.Update.ADDED ? "route-added" : "route-removed");
                }
                switch (update) {
                    case ADDED, UPDATED, REMOVED -> {
                        forward.add(target);
                        forward.add(t);
                    }
                    case FULL -> full = true;
                    default -> {
                    }
                }
            }
        }
        if (!any) {
            counters.increment("dao-ignored:no-target");
            return;
        }
        if (full) {
            counters.increment("dao-rejected");
            answer(message, source, child, RplRoot.STATUS_UNABLE_TO_ACCEPT);
            return;
        }
        if (forward.isEmpty()) {
            answer(message, source, child, DaoAck.STATUS_ACCEPTED); // nothing new for the nodes above
            return;
        }
        Dao up = new Dao(dodag.instanceId, message.ackRequested(), dao.nextSequence(), message.dodagId(), forward);
        if (message.ackRequested()) {
            relays.put(up.sequence(), new Relay(source, child, message.sequence()));
        }
        counters.increment("dao-forwarded");
        sendToParent(up, parent.get());
    }

    private void answer(Dao message, Ipv6Address source, MacAddress child, int status) {
        if (message.ackRequested()) {
            transport.sendOnLink(new DaoAck(message.instanceId(), message.sequence(), status, message.dodagId(),
                    List.of()), source, child);
        }
    }

    private void sendToParent(Dao message, MacAddress parent) {
        ParentManager.Candidate c = parents.get(parent);
        transport.sendOnLink(message, c == null ? Ipv6Address.linkLocal(parent) : c.address(), parent);
    }

    /**
     * RFC 6550 9.8: the preferred parent changed since the last DAO, which is about to go out with a new Path
     * Sequence. The parent the routes ran through gets a No-Path DAO for this meter (with the Path Sequence it knows)
     * and its sub-DODAG; the new one learns the sub-DODAG's targets at once, with their Path Sequences, so the way
     * down is whole again without waiting for each descendant's refresh. Switches between two DAOs are told once
     * (a switch back and forth tells nothing), which keeps a forming neighbourhood's churn from multiplying DAOs.
     */
    private void announceMove(MacAddress newParent) {
        MacAddress oldParent = movedFrom;
        movedFrom = null;
        if (oldParent == null || oldParent.equals(newParent)) {
            return;
        }
        List<RplOption> gone = new ArrayList<>();
        List<RplOption> moved = new ArrayList<>();
        Optional<Ipv6Address> own = dodag.globalAddress();
        if (own.isPresent() && dao.pathSequenceSent()) {
            gone.add(RplTarget.host(own.get()));
            gone.add(new TransitInformation(false, 0x80, dao.pathSequence(), TransitInformation.NO_PATH,
                    Optional.empty()));
        }
        for (StoringRoutes.Route r : routes.routes()) {
            if (r.nextHop().equals(newParent)) {
                continue; // the new parent was our child: its own DAO says where it is now
            }
            gone.add(RplTarget.host(r.target()));
            gone.add(new TransitInformation(false, 0x80, r.pathSequence(), TransitInformation.NO_PATH,
                    Optional.empty()));
            moved.add(RplTarget.host(r.target()));
            moved.add(new TransitInformation(false, 0x80, r.pathSequence(), r.lifetimeUnits(), Optional.empty()));
        }
        if (parents.get(oldParent) != null) {
            for (List<RplOption> chunk : chunks(gone)) {
                counters.increment("no-path-sent");
                sendToParent(storingDao(chunk), oldParent);
            }
        }
        for (List<RplOption> chunk : chunks(moved)) {
            counters.increment("dao-forwarded");
            sendToParent(storingDao(chunk), newParent);
        }
    }

    private Dao storingDao(List<RplOption> options) {
        Optional<Ipv6Address> dodagIdField = dodag.instanceId >= 128 ? Optional.of(dodag.dodagId) : Optional.empty();
        return new Dao(dodag.instanceId, false, dao.nextSequence(), dodagIdField, options);
    }

    /** Target + Transit pairs in DAOs of at most {@link #MAX_TARGETS_PER_DAO} targets. */
    private static List<List<RplOption>> chunks(List<RplOption> pairs) {
        List<List<RplOption>> out = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i += 2 * MAX_TARGETS_PER_DAO) {
            out.add(pairs.subList(i, Math.min(pairs.size(), i + 2 * MAX_TARGETS_PER_DAO)));
        }
        return out;
    }

    /**
     * In a storing-mode DODAG, the child towards {@code target} in this meter's sub-DODAG (RFC 6550 9.8); empty
     * otherwise.
     */
    public Optional<MacAddress> nextHop(Ipv6Address target) {
        Objects.requireNonNull(target, "target");
        return state == NodeState.ATTACHED && storing() ? routes.nextHop(target) : Optional.empty();
    }

    /** Storing-mode routes held for the sub-DODAG. */
    public int routeCount() {
        return routes.size();
    }

    // ---- parent selection and state ----

    private void requestReselect() {
        if (!reselectPending) {
            reselectPending = true;
            scheduler.execute(() -> {
                reselectPending = false;
                reselect();
            });
        }
    }

    /** Runs parent selection and acts on the result; returns whether the parents or the rank changed. */
    private boolean reselect() {
        if (dodag == null || state != NodeState.ATTACHED && state != NodeState.DISCOVERING) {
            return false;
        }
        ParentManager.Selection selection = parents.select(dodag.objectiveFunction, dodag.lowestRank,
                state == NodeState.ATTACHED ? lastAdvertisedRank : Rank.INFINITE_RANK, this::verified);
        if (selection.probe() != null) {
            probeCandidateSoon(selection.probe());
        }
        ParentSet<MacAddress> set = selection.set();
        ParentSet<MacAddress> old = parents.parents();
        MacAddress oldPreferred = old.preferred().orElse(null);
        if (set.isEmpty() && state == NodeState.ATTACHED && !selection.ask().isEmpty()) {
            if (askBeforeDetaching(selection.ask())) {
                return false; // their answers (or the wait running out) make selection run again
            }
        }
        if (set.isEmpty()) {
            if (state == NodeState.ATTACHED) {
                counters.increment("local-repair:" + whyUnusable(oldPreferred));
                localRepair();
                return true;
            }
            if (parents.bestBlockedByLink(dodag.objectiveFunction).isPresent()) {
                probe.urgent(); // see whether a link the OF refuses has recovered
            }
            return false;
        }
        cancelAskWait();
        setParentFlags(old, set);
        parents.setParents(set);
        int oldRank = rank;
        rank = set.rank();
        MacAddress preferred = set.preferred().orElseThrow();
        if (state != NodeState.ATTACHED) {
            attach(preferred);
            return true;
        }
        int minHop = dodag.minHopRankIncrease();
        boolean switched = !preferred.equals(oldPreferred);
        boolean advertised = lastAdvertisedRank < Rank.INFINITE_RANK;
        int advertisedDagRank = advertised ? Rank.dagRank(lastAdvertisedRank, minHop) : Integer.MAX_VALUE;
        // RFC 6550 8.2.2.4 rule 1, compared by DAGRank (3.5.1): the Rank we advertise must stay above every parent's.
        // A parent that rose to our advertised level (or a loop closing through stale Ranks) breaks it until we
        // advertise again; so does moving deeper through a new parent, which may put us below neighbours that
        // still see our old Rank and could take us on its strength. Both are said at once, not at the next Trickle
        // interval.
        boolean belowParent = advertised && highestParentDagRank(set, minHop) >= advertisedDagRank;
        boolean deeper = advertised && switched && Rank.dagRank(rank, minHop) > advertisedDagRank;
        if (belowParent || deeper) {
            counters.increment(deeper ? "dio-urgent:deeper" : "dio-urgent:rule1");
            trickle.reset();
            urgentDio();
        } else if (advertised && rank - lastAdvertisedRank > SIGNIFICANT_RANK_RISE * minHop) {
            // RFC 6550 8.3 lists the events that must reset Trickle and leaves others, such as Rank changes, to the
            // implementation. A Rank that rose by more than RPL_SIGNIFICANT_CHANGE_THRESHOLD (Contiki-NG: 4 x
            // MinHopRankIncrease) is said at once: paths through us got worse. Smaller drifts, and improvements of
            // any size, ride on the next DIO. Contiki-NG resets on improvements too; in a forming neighbourhood
            // each improvement lets the meters around improve and reset in turn, and the 10,000-meter hour then
            // carried twice the DIOs and formed in 3,557 s instead of 2,066 s.
            counters.increment("trickle-reset:rank");
            trickle.reset();
        }
        if (switched) {
            String why = whyUnusable(oldPreferred);
            counters.increment("parent-switch");
            counters.increment("parent-switch:" + why);
            probe.start();
            if (storing() && movedFrom == null) {
                movedFrom = oldPreferred; // told when the next DAO goes out: switches until then are aggregated
            }
            if (why.equals("better") && neighbours.etx(oldPreferred) <= HEALTHY_LINK_ETX) {
                dao.schedule(config.daoDelay().multipliedBy(LAZY_DAO_FACTOR)); // the old path still works
            } else {
                dao.schedule();
            }
            announce(preferred);
            return true;
        }
        return rank != oldRank || !set.parents().equals(old.parents());
    }

    /**
     * A multicast DIO now, outside Trickle, or as soon as {@link #URGENT_DIO_SPACING} allows (one DIO then carries
     * every change since). A loop closed on stale Ranks is undone by each member advertising its new Rank in turn.
     */
    private void urgentDio() {
        if (urgentDioTask != null) {
            return; // one is coming, with the Rank of that moment
        }
        long wait = lastUrgentDio + URGENT_DIO_SPACING.toNanos() - scheduler.nanoTime();
        if (wait <= 0) {
            lastUrgentDio = scheduler.nanoTime();
            sendDio(Ipv6Address.ALL_RPL_NODES, ShortAddress.BROADCAST);
            return;
        }
        urgentDioTask = scheduler.schedule(Duration.ofNanos(wait), () -> {
            urgentDioTask = null;
            if (state == NodeState.ATTACHED) {
                lastUrgentDio = scheduler.nanoTime();
                sendDio(Ipv6Address.ALL_RPL_NODES, ShortAddress.BROADCAST);
            }
        });
    }

    private void cancelUrgentDio() {
        if (urgentDioTask != null) {
            urgentDioTask.cancel();
            urgentDioTask = null;
        }
    }

    /** The highest DAGRank among the parents' advertised Ranks. */
    private int highestParentDagRank(ParentSet<MacAddress> set, int minHop) {
        int highest = 0;
        for (MacAddress p : set.parents()) {
            ParentManager.Candidate c = parents.get(p);
            if (c != null) {
                highest = Math.max(highest, Rank.dagRank(c.rank(), minHop));
            }
        }
        return highest;
    }

    /**
     * Why {@code parent} is no longer the preferred parent, for the counters: {@code better} if it still is an
     * acceptable candidate (a voluntary switch), else {@code gone}, {@code poisoned}, {@code link} or {@code rank}.
     */
    private String whyUnusable(MacAddress parent) {
        ParentManager.Candidate c = parent == null ? null : parents.get(parent);
        if (c == null) {
            return "gone";
        }
        if (c.rank() >= Rank.INFINITE_RANK) {
            return "poisoned";
        }
        int etx = neighbours.etx(parent);
        if (etx < 0 || !dodag.objectiveFunction.acceptable(
                org.metermesh.rpl.of.ParentCandidate.of(parent, c.rank(), etx))) {
            return "link";
        }
        return "better";
    }

    /**
     * No candidate is left but some whose last DIO may no longer say where they stand (see
     * {@link ParentManager.Selection#ask()}): ask them with a unicast DIS each (RFC 6550 8.3: answered by a unicast
     * DIO, and the MAC acknowledges and retries both), and select again when the answers come in or
     * {@link #ASK_WAIT} runs out. Asked once: after the wait the node repairs locally.
     *
     * @return whether the node is waiting for answers (false: the wait ran out, repair now)
     */
    private boolean askBeforeDetaching(List<MacAddress> candidates) {
        if (askWait != null) {
            return true;
        }
        if (asked) {
            asked = false;
            return false;
        }
        asked = true;
        for (MacAddress m : candidates) {
            ParentManager.Candidate c = parents.get(m);
            if (c != null) {
                counters.increment("dis-ask");
                transport.sendOnLink(new Dis(), c.address(), m);
            }
        }
        askWait = scheduler.schedule(ASK_WAIT, () -> {
            askWait = null;
            reselect();
            asked = false;
        });
        return true;
    }

    private void cancelAskWait() {
        if (askWait != null) {
            askWait.cancel();
            askWait = null;
        }
        asked = false;
        if (!heldAnswers.isEmpty()) {
            scheduler.execute(this::answerHeldDis); // once the selection or repair under way has settled our Rank
        }
    }

    /** Answers the unicast DISes held while we asked: with our new Rank, or INFINITE_RANK if we detached. */
    private void answerHeldDis() {
        if (askWait != null) {
            return; // asking again: they wait for that answer
        }
        Map<MacAddress, Ipv6Address> held = new LinkedHashMap<>(heldAnswers);
        heldAnswers.clear();
        held.forEach((neighbour, address) -> {
            if (state == NodeState.ATTACHED) {
                sendDio(address, neighbour);
            } else if (state == NodeState.HOLD_DOWN && dodag != null) {
                sendDio(address, neighbour, true);
            }
        });
    }

    /** Whether acknowledgements measured the link to {@code neighbour} within {@link #LINK_FRESHNESS}. */
    private boolean verified(MacAddress neighbour) {
        long last = neighbours.lastTransmittedNanos(neighbour);
        return last != Long.MIN_VALUE && scheduler.nanoTime() - last < LINK_FRESHNESS.toNanos();
    }

    /**
     * Selection found a better parent whose link only the signal vouches for: measure it with a unicast DIO
     * (acknowledged by its MAC) after a short random delay, at most once per probe interval per candidate; its
     * acknowledgement or NO_ACK makes selection run again (Contiki-NG's urgent probing of a non-fresh best parent).
     */
    private void probeCandidateSoon(MacAddress candidate) {
        long now = scheduler.nanoTime();
        if (candidateProbe != null || now - lastCandidateProbe < config.probeInterval().toNanos()) {
            return; // one candidate per probe interval: measuring must not add to the congestion it measures
        }
        Long last = candidateProbes.get(candidate);
        if (last != null && now - last < LINK_FRESHNESS.toNanos()) {
            return;
        }
        candidateProbes.put(candidate, now);
        lastCandidateProbe = now;
        candidateProbe = scheduler.schedule(Timing.upTo(scheduler, config.urgentProbeDelay()), () -> {
            candidateProbe = null;
            if (state == NodeState.ATTACHED && !verified(candidate) && parents.get(candidate) != null) {
                counters.increment("probe-candidate");
                probe(candidate);
            }
        });
    }

    private void cancelCandidateProbe() {
        if (candidateProbe != null) {
            candidateProbe.cancel();
            candidateProbe = null;
        }
    }

    private void attach(MacAddress preferred) {
        state = NodeState.ATTACHED;
        counters.increment("attached");
        discovery.stop();
        TrickleConfig tc = dodag.trickle();
        if (!tc.equals(trickle.config())) {
            trickle.reconfigure(tc);
        }
        trickle.start();
        probe.start();
        if (dodag.mop == Dio.MOP_NO_DOWNWARD_ROUTES) {
            setJoined(true); // no downward routes: nothing to register
        } else {
            dao.schedule();
        }
        announce(preferred);
    }

    /** RFC 6550 8.2.2.5: detach, poison, hold down, then look again. */
    private void localRepair() {
        counters.increment("local-repair");
        if (rank < Rank.INFINITE_RANK) {
            int dagRank = Rank.dagRank(rank, dodag.minHopRankIncrease());
            repairDagRank = repairDagRank < 0 ? dagRank : Math.min(repairDagRank, dagRank); // not advertised since
        }
        warned.clear();
        setParentFlags(parents.parents(), ParentSet.none());
        parents.setParents(ParentSet.none());
        parents.clearCandidates(); // their Ranks may run through us; only DIOs heard from now on count
        cancelCandidateProbe();
        candidateProbes.clear();
        cancelUrgentDio();
        cancelAskWait();
        rank = Rank.INFINITE_RANK;
        dodag.lowestRank = Rank.INFINITE_RANK;
        state = NodeState.HOLD_DOWN;
        trickle.stop();
        probe.stop();
        dao.cancel();
        discovery.stop();
        setJoined(false);
        announce(MacAddress.NONE);
        holdDown.start();
    }

    private void sendPoison() {
        if (state == NodeState.HOLD_DOWN && dodag != null) {
            counters.increment("dio-poison");
            sendDio(Ipv6Address.ALL_RPL_NODES, ShortAddress.BROADCAST, true); // INFINITE_RANK needs no options
        }
    }

    private void holdDownOver() {
        if (state != NodeState.HOLD_DOWN) {
            return;
        }
        state = NodeState.DISCOVERING;
        reselect();
        if (state == NodeState.DISCOVERING) {
            discovery.startRound();
        }
    }

    /** Detached without poisoning (no parent in a new DODAG Version): back to discovery. */
    private void enterDiscovery() {
        state = NodeState.DISCOVERING;
        rank = Rank.INFINITE_RANK;
        trickle.stop();
        probe.stop();
        dao.cancel();
        setJoined(false);
        announce(MacAddress.NONE);
        if (!discovery.active()) {
            discovery.startRound();
        }
    }

    /**
     * Probes the preferred parent; every {@link #BACKUP_PROBE_EVERY}th time also the least recently heard backup
     * parent, so that a backup that died is noticed (its ETX rises) and leaves the parent set and the next DAO. A
     * detached meter instead probes, every urgent-probe delay, the best neighbour that the objective function
     * refuses only for the ETX of its link: without unicast traffic that estimate would never come down again.
     */
    private void probeParent() {
        if (state == NodeState.DISCOVERING && dodag != null) {
            Optional<MacAddress> blocked = parents.bestBlockedByLink(dodag.objectiveFunction);
            if (blocked.isPresent()) {
                counters.increment("probe-blocked");
                probe(blocked.get());
                probe.urgent();
            }
            return;
        }
        if (state != NodeState.ATTACHED) {
            return;
        }
        List<MacAddress> set = parents.parents().parents();
        if (measuredLately(set.get(0))) {
            counters.increment("probe-skipped"); // traffic measured the link already (Contiki-NG probes stale links)
        } else {
            probe(set.get(0));
        }
        if (++probeTicks % BACKUP_PROBE_EVERY == 0 && set.size() > 1) {
            MacAddress stalest = null;
            long oldest = Long.MAX_VALUE;
            for (MacAddress backup : set.subList(1, set.size())) {
                long heard = neighbours.get(backup).map(Neighbour::lastHeardNanos).orElse(Long.MIN_VALUE);
                if (heard < oldest) {
                    oldest = heard;
                    stalest = backup;
                }
            }
            if (!measuredLately(stalest)) {
                probe(stalest);
            }
        }
    }

    private void probe(MacAddress neighbour) {
        ParentManager.Candidate c = parents.get(neighbour);
        if (c != null) {
            counters.increment("probe-sent");
            sendDio(c.address(), neighbour, true);
        }
    }

    /**
     * Whether traffic got an acknowledgement from {@code neighbour} within the last half probe interval (an
     * unacknowledged frame asks for a probe, it does not replace one).
     */
    private boolean measuredLately(MacAddress neighbour) {
        long last = neighbours.lastAckedNanos(neighbour);
        return last != Long.MIN_VALUE && scheduler.nanoTime() - last < config.probeInterval().toNanos() / 2;
    }

    private void setParentFlags(ParentSet<MacAddress> old, ParentSet<MacAddress> now) {
        for (MacAddress m : old.parents()) {
            if (!now.parents().contains(m)) {
                neighbours.setParent(m, false);
            }
        }
        for (MacAddress m : now.parents()) {
            neighbours.setParent(m, true);
        }
    }

    private void announce(MacAddress parent) {
        if (!parent.equals(announcedParent)) {
            announcedParent = parent;
            listener.parentChanged(parent);
        }
    }

    private void setJoined(boolean value) {
        if (value && !joined) {
            joined = true;
            counters.increment("joined");
            listener.joined();
        } else if (!value) {
            joined = false;
        }
    }

    private Optional<MacAddress> senderOf(Ipv6Address source, MacAddress linkSource) {
        if (linkSource instanceof ExtendedAddress || linkSource instanceof ShortAddress s && !s.isBroadcast()) {
            return Optional.of(linkSource);
        }
        if (source.isLinkLocal()) {
            return Optional.of(new ExtendedAddress(Ipv6Address.eui64FromInterfaceId(source.interfaceId())));
        }
        return Optional.empty();
    }

    // ---- DAO ----

    private Optional<Dao> buildDao(int sequence, int pathSequence) {
        if (state != NodeState.ATTACHED || dodag == null || dodag.mop == Dio.MOP_NO_DOWNWARD_ROUTES
                || dodag.globalAddress().isEmpty()) {
            return Optional.empty();
        }
        int lifetime = daoLifetimeUnits();
        if (storing()) {
            // RFC 6550 9.8: to the DAO parent itself, the Transit option without Parent Address.
            Optional<MacAddress> parent = preferredParent();
            if (parent.isEmpty()) {
                return Optional.empty();
            }
            announceMove(parent.get());
            return Optional.of(new Dao(dodag.instanceId, true, sequence, dodag.instanceId >= 128
                    ? Optional.of(dodag.dodagId) : Optional.empty(), List.of(RplTarget.host(dodag.globalAddress()
                    .get()), new TransitInformation(false, 0x80, pathSequence, lifetime, Optional.empty()))));
        }
        int maxParents = dodag.configuration.pathControlSize() + 1;
        List<RplOption> options = new ArrayList<>(1 + maxParents);
        options.add(RplTarget.host(dodag.globalAddress().get()));
        int i = 0;
        for (MacAddress p : parents.parents().parents()) {
            if (i >= maxParents) {
                break;
            }
            ParentManager.Candidate c = parents.get(p);
            Optional<Ipv6Address> address = c == null ? Optional.empty() : dodag.globalOf(c.address());
            if (address.isPresent()) {
                options.add(new TransitInformation(false, 0x80 >>> i, pathSequence, lifetime, address));
                i++;
            }
        }
        if (i == 0) {
            return Optional.empty();
        }
        Optional<Ipv6Address> dodagIdField = dodag.instanceId >= 128 ? Optional.of(dodag.dodagId) : Optional.empty();
        return Optional.of(new Dao(dodag.instanceId, true, sequence, dodagIdField, options));
    }

    private int daoLifetimeUnits() {
        return config.daoLifetimeUnits().orElse(dodag.configuration.defaultLifetime());
    }

    // ---- queries ----

    /** The preferred parent (the default route's next hop), while attached. */
    public Optional<MacAddress> preferredParent() {
        return state == NodeState.ATTACHED ? parents.preferred() : Optional.empty();
    }

    /** The preferred parent's link-local address, while attached. */
    public Optional<Ipv6Address> preferredParentAddress() {
        return preferredParent().map(p -> parents.get(p)).map(ParentManager.Candidate::address);
    }

    /** The DODAG parent set, preferred parent first; empty when detached. */
    public List<MacAddress> parents() {
        return state == NodeState.ATTACHED ? parents.parents().parents() : List.of();
    }

    /** The Rank this meter advertises; {@link Rank#INFINITE_RANK} when detached. */
    public int rank() {
        return rank;
    }

    /** DAGRank(rank) = floor(rank / MinHopRankIncrease) (RFC 6550 3.5.1): a depth hint; 0xFFFF when detached. */
    public int dagRank() {
        return dodag == null || rank >= Rank.INFINITE_RANK ? Rank.INFINITE_RANK
                : Rank.dagRank(rank, dodag.minHopRankIncrease());
    }

    /** Whether the root acknowledged this meter's DAO since it last attached (MOP 0: whether it is attached). */
    public boolean joined() {
        return joined;
    }

    public NodeState state() {
        return state;
    }

    /** prefix + IID, once a DIO's Prefix Information option gave the prefix. */
    public Optional<Ipv6Address> globalAddress() {
        return dodag == null ? Optional.empty() : dodag.globalAddress();
    }

    /** {@code fe80::} + IID of the EUI-64. */
    public Ipv6Address linkLocalAddress() {
        return linkLocal;
    }

    public ExtendedAddress mac() {
        return mac;
    }

    /** The DODAGID (the root's global address) of the DODAG this meter belongs to. */
    public Optional<Ipv6Address> dodagId() {
        return dodag == null ? Optional.empty() : Optional.of(dodag.dodagId);
    }

    /** The RPLInstanceID, for the RFC 6553 option of forwarded packets. */
    public OptionalInt instanceId() {
        return dodag == null ? OptionalInt.empty() : OptionalInt.of(dodag.instanceId);
    }

    /** The DODAG Version Number followed. */
    public OptionalInt dodagVersion() {
        return dodag == null ? OptionalInt.empty() : OptionalInt.of(dodag.version);
    }

    /** The DTSN this meter advertises. */
    public OptionalInt dtsn() {
        return dodag == null ? OptionalInt.empty() : OptionalInt.of(dodag.dtsn);
    }

    /** The neighbour table, in order of first contact: for the {@code neighbors} command. */
    public List<Neighbour<MacAddress>> neighbours() {
        return neighbours.neighbours();
    }

    public Counters counters() {
        return counters;
    }

    public NodeConfig config() {
        return config;
    }

    /** The current DIO Trickle interval (for diagnostics and tests). */
    Duration trickleInterval() {
        return trickle.interval();
    }

    long trickleResets() {
        return trickle.resets();
    }

    @Override
    public String toString() {
        return "RplNode[" + mac + ", " + state + ", rank " + rank + ", parent "
                + parents.preferred().map(Object::toString).orElse("none") + "]";
    }

    // ---- callbacks of the helpers ----

    private final class NeighbourEvents implements NeighbourListener<MacAddress> {
        @Override
        public void removed(Neighbour<MacAddress> neighbour, RemovalReason reason) {
            if (!quiet && parents.remove(neighbour.address())) {
                requestReselect();
            }
        }

        @Override
        public void highPacketLoss(PacketLossWarning<MacAddress> warning) {
            counters.increment("high-packet-loss");
            listener.error(ErrorCode.HIGH_PACKET_LOSS, warning.reason());
        }
    }

    private final class DiscoveryActions implements Discovery.Actions {
        @Override
        public void sendDis() {
            counters.increment("dis-sent");
            transport.sendOnLink(new Dis(), Ipv6Address.ALL_RPL_NODES, ShortAddress.BROADCAST);
        }

        @Override
        public void disSuppressed() {
            counters.increment("dis-suppressed");
        }

        @Override
        public void timedOut(int neighboursHeard, int diosHeard) {
            long seconds = config.discoveryTimeout().toSeconds();
            if (neighboursHeard == 0) {
                counters.increment("err-net-no-beacon");
                listener.error(ErrorCode.ERR_NET_NO_BEACON,
                        "no DIO heard within DISCOVERY_TIMEOUT (" + seconds + " s) on " + linkLocal);
            } else {
                counters.increment("err-rpl-no-root");
                listener.error(ErrorCode.ERR_RPL_NO_ROOT, neighboursHeard + " messages (" + diosHeard
                        + " DIOs) from neighbours within DISCOVERY_TIMEOUT (" + seconds + " s), none offers a path to"
                        + (config.requireGrounded() ? " a grounded" : " a") + " DODAG root");
            }
        }
    }

    private final class DaoActions implements DaoManager.Actions {
        @Override
        public Optional<Dao> build(int sequence, int pathSequence) {
            return buildDao(sequence, pathSequence);
        }

        @Override
        public void send(Dao message) {
            if (storing()) {
                preferredParent().ifPresent(p -> sendToParent(message, p));
            } else {
                transport.sendRouted(message, dodag.dodagId);
            }
        }

        @Override
        public void accepted() {
            setJoined(true);
        }

        @Override
        public void failed(String why) {
            setJoined(false);
        }

        @Override
        public Optional<Duration> lifetime() {
            return dodag == null ? Optional.empty()
                    : dodag.lifetimeSeconds(daoLifetimeUnits()).map(Duration::ofSeconds);
        }

        @Override
        public int hopsToRoot() {
            // The root's DAGRank is 1 and every hop adds at least one (RFC 6550 3.5.1); an ETX-weighted Rank counts
            // a lossy hop as several, which a lossy path's acknowledgement needs too.
            return state == NodeState.ATTACHED ? Math.max(1, dagRank() - 1) : 1;
        }
    }
}
