package org.metermesh.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import org.metermesh.api.counters.Counters;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.radio.frame.FcsType;
import org.metermesh.radio.frame.MacFrameCodec;
import org.metermesh.radio.mac.FrameTap;
import org.metermesh.radio.medium.MediumCounters;
import org.metermesh.radio.medium.MediumSettings;
import org.metermesh.radio.medium.Position;
import org.metermesh.radio.medium.SimulatedMedium;
import org.metermesh.radio.pcap.PcapCapture;
import org.metermesh.radio.phy.ChannelHopping;
import org.metermesh.radio.phy.ChannelPlan;
import org.metermesh.rpl.dodag.NodeConfig;
import org.metermesh.rpl.dodag.RootConfig;
import org.metermesh.rpl.dodag.RouteSnapshot;
import org.metermesh.rpl.dodag.RplEventListener;
import org.metermesh.rpl.dodag.RplNode;
import org.metermesh.rpl.dodag.RplRoot;
import org.metermesh.rpl.forwarding.RoutingCores;
import org.metermesh.sixlowpan.iphc.ContextTable;
import org.metermesh.sixlowpan.iphc.IphcCodec;

/**
 * A neighbourhood in virtual time: one gateway (the DODAG root) and the scenario's meters on one simulated medium,
 * every node running the gateway's own MAC, 6LoWPAN and RPL cores. Deterministic: the same options give the same
 * run, event for event.
 */
final class Simulation {

    /**
     * 902-928 MHz SUN FSK at 150 kb/s (Wi-SUN operating mode 3), PAN 0xcafe; hopping over the plan's channels, or all
     * on channel 17 with {@code --channels single}.
     */
    static final ChannelPlan PLAN = ChannelPlan.sunFskNorthAmerica(150);
    static final int CHANNEL = 17;
    static final int PAN = 0xcafe;
    static final int TX_POWER_DBM = 14;
    static final Ipv6Prefix MESH_PREFIX = Ipv6Prefix.parse("fd00:cafe::/64");
    /** Progress and fault checks happen between steps of this much virtual time. */
    private static final Duration STEP = Duration.ofSeconds(5);

    private final ScenarioOptions options;
    private final VirtualScheduler scheduler;
    private final SimulatedMedium medium;
    /** The meters' RPL counts, one set for all; the root counts on its own (its loops are not the meters'). */
    private final Counters rplCounters = new Counters();
    private final Counters rootCounters = new Counters();
    /** The meters' MAC and 6LoWPAN counts, one pair for all: the report gives their sums. */
    private final SimulatedNode.LayerCounters meterCounts = SimulatedNode.LayerCounters.own();
    private final List<SimulatedNode> meters = new ArrayList<>();
    private final List<RplNode> meterCores = new ArrayList<>();
    private final long[] firstJoinNanos;
    private SimulatedNode gateway;
    private RplRoot root;
    private PcapCapture capture;
    private long heapPerMeter = -1;

    Simulation(ScenarioOptions options) {
        this.options = options;
        this.scheduler = new VirtualScheduler(options.seed());
        this.medium = new SimulatedMedium(scheduler, PLAN, options.medium());
        this.firstJoinNanos = new long[options.meters()];
        Arrays.fill(firstJoinNanos, -1);
    }

    /** Builds the neighbourhood, starts every node and runs the scenario's simulated time. */
    SimulationReport run(ProgressBar progress) {
        long heapBefore = usedHeapAfterGc();
        long wallStart = System.nanoTime();
        start();
        advance(options.simTime(), progress);
        double wall = (System.nanoTime() - wallStart) / 1e9;
        heapPerMeter = options.meters() == 0 ? 0 : (usedHeapAfterGc() - heapBefore) / options.meters();
        SimulationReport report = report(wall);
        close();
        return report;
    }

    /** Heap in use once the collector has run: what the neighbourhood really holds. */
    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    void start() {
        build();
        root.start();
        meterCores.forEach(RplNode::start);
        scheduleFaults();
    }

    /** Runs {@code duration} more of simulated time. */
    void advance(Duration duration, ProgressBar progress) {
        long end = scheduler.nanoTime() + duration.toNanos();
        for (long t = Math.min(scheduler.nanoTime() + STEP.toNanos(), end); ; t = Math.min(t + STEP.toNanos(), end)) {
            scheduler.runUntil(t);
            progress.show(joinedNow(), meters.size(), t, t == end);
            if (t == end) {
                break;
            }
        }
    }

    void close() {
        if (capture != null) {
            capture.close();
        }
    }

    private void build() {
        MacFrameCodec codec = new MacFrameCodec(FcsType.CRC32, PLAN.maxPsdu());
        IphcCodec iphc = new IphcCodec(new ContextTable().set(0, MESH_PREFIX));
        FrameTap tap = FrameTap.NONE;
        if (options.pcap() != null) {
            try {
                capture = new PcapCapture(options.pcap(), scheduler, PLAN, FcsType.CRC32);
                tap = capture;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write capture " + options.pcap(), e);
            }
        }
        gateway = new SimulatedNode(0, scheduler, medium.attach(new Position(0, 0), CHANNEL, TX_POWER_DBM), PLAN,
                codec, iphc, MESH_PREFIX, PAN, tap, SimulatedNode.LayerCounters.own(), forwarder -> {
                    root = new RplRoot(scheduler, RootConfig.defaults(SimulatedNodes.eui64(0), MESH_PREFIX)
                            .withMop(options.mop()), forwarder, RplEventListener.NONE, rootCounters);
                    return RoutingCores.of(root);
                });
        List<Position> positions = Neighbourhood.place(options.layout(), options.meters(), options.density(),
                options.seed());
        for (int i = 0; i < positions.size(); i++) {
            int meter = i;
            SimulatedNode node = new SimulatedNode(i + 1, scheduler,
                    medium.attach(positions.get(i), CHANNEL, TX_POWER_DBM), PLAN, codec, iphc, MESH_PREFIX, PAN,
                    FrameTap.NONE, meterCounts, forwarder -> {
                        RplNode core = new RplNode(scheduler, NodeConfig.defaults(SimulatedNodes.eui64(meter + 1)),
                                forwarder, joinRecorder(meter), rplCounters);
                        meterCores.add(core);
                        return RoutingCores.of(core);
                    });
            meters.add(node);
        }
        if (options.hopping()) {
            ChannelHopping schedule = ChannelHopping.wiSun(PLAN, PAN);
            gateway.mac().hop(schedule);
            meters.forEach(meter -> meter.mac().hop(schedule));
        }
    }

    private RplEventListener joinRecorder(int meter) {
        return new RplEventListener() {
            @Override
            public void joined() {
                if (firstJoinNanos[meter] < 0) {
                    firstJoinNanos[meter] = scheduler.nanoTime();
                }
            }
        };
    }

    private void scheduleFaults() {
        for (ScenarioOptions.Kill kill : options.kills()) {
            int index = kill.meter() - 1;
            scheduler.schedule(kill.at(), () -> {
                meters.get(index).phy().close();
                meterCores.get(index).stop();
            });
        }
        for (ScenarioOptions.Cut cut : options.cuts()) {
            scheduler.schedule(cut.at(), () -> medium.blockLink(node(cut.a()).phy(), node(cut.b()).phy()));
        }
    }

    private SimulatedNode node(int number) {
        return number == 0 ? gateway : meters.get(number - 1);
    }

    private int joinedNow() {
        int joined = 0;
        for (RplNode core : meterCores) {
            if (core.joined()) {
                joined++;
            }
        }
        return joined;
    }

    /** Live meters whose route the root holds now (a dead meter's route lingers until its DAO lifetime ends). */
    BitSet routedAtRoot() {
        BitSet routed = new BitSet();
        for (int i = 0; i < meters.size(); i++) {
            if (meters.get(i).phy().linkState() == org.metermesh.api.radio.LinkState.DOWN) {
                continue;
            }
            Ipv6Address address = Ipv6Address.of(MESH_PREFIX, meters.get(i).eui64());
            if (root.canRoute(address)) {
                routed.set(i);
            }
        }
        return routed;
    }

    SimulationReport report(double wallSeconds) {
        BitSet routed = routedAtRoot();
        BitSet reachableIds = Reachability.from(medium, gateway.phy());
        int reachable = 0;
        boolean everyReachableJoined = true;
        long formation = 0;
        for (int i = 0; i < meters.size(); i++) {
            if (!reachableIds.get(meters.get(i).phy().id())) {
                continue;
            }
            reachable++;
            if (firstJoinNanos[i] < 0) {
                everyReachableJoined = false;
            } else {
                formation = Math.max(formation, firstJoinNanos[i]);
            }
        }
        double[] joinTimes = Arrays.stream(firstJoinNanos).filter(t -> t >= 0).mapToDouble(t -> t / 1e9).toArray();
        int maxDepth = root.config().storing() ? deepestParentChain()
                : root.routes().stream().mapToInt(RouteSnapshot::depth).max().orElse(0);
        long loops = root.counters().get("loops");
        long controlBytes = gateway.forwarding().counters().get("control-bytes");
        for (SimulatedNode meter : meters) {
            loops += meter.forwarding().counters().get("loops");
            controlBytes += meter.forwarding().counters().get("control-bytes");
        }
        return new SimulationReport(meters.size(), routed.cardinality(), reachable,
                everyReachableJoined && reachable > 0 ? formation / 1e9 : (reachable == 0 ? 0 : Double.NaN),
                Percentiles.of(joinTimes, 50), Percentiles.of(joinTimes, 95), maxDepth, loops, controlBytes,
                scheduler.nanoTime() / 1e9, wallSeconds, heapPerMeter, options.seed(), counters());
    }

    /**
     * Storing mode: the root knows only next hops, so the depth comes from the meters' preferred parents (a chain
     * that does not reach the root within as many hops as there are meters counts as no depth).
     */
    private int deepestParentChain() {
        Map<MacAddress, RplNode> byMac = new HashMap<>();
        for (RplNode core : meterCores) {
            byMac.put(core.mac(), core);
        }
        int deepest = 0;
        for (RplNode core : meterCores) {
            int depth = 0;
            RplNode at = core;
            while (at != null && depth <= meterCores.size()) {
                Optional<MacAddress> parent = at.preferredParent();
                if (parent.isEmpty()) {
                    depth = 0;
                    break;
                }
                depth++;
                at = byMac.get(parent.get());
            }
            if (depth <= meterCores.size()) {
                deepest = Math.max(deepest, depth);
            }
        }
        return deepest;
    }

    private Map<String, Long> counters() {
        MediumCounters c = medium.counters();
        Map<String, Long> counters = new TreeMap<>();
        counters.put("frames_sent", c.transmissions());
        counters.put("frames_delivered", c.delivered());
        counters.put("frames_collided", c.collisions());
        counters.put("frames_corrupted", c.packetErrors());
        counters.put("events", scheduler.executed());
        prefixed(counters, "rpl_", rplCounters);
        // Over all the meters: the MAC, the 6LoWPAN adaptation and RPL forwarding (where packets die on the way).
        prefixed(counters, "mac_", meterCounts.mac());
        prefixed(counters, "lowpan_", meterCounts.lowpan());
        summed(counters, "fwd_", node -> node.forwarding().counters());
        // The gateway's own: every DAO ends and every DAO-ACK starts there.
        prefixed(counters, "gw_mac_", gateway.mac().counters());
        prefixed(counters, "gw_fwd_", gateway.forwarding().counters());
        prefixed(counters, "gw_rpl_", rootCounters);
        return counters;
    }

    private static String key(String counter) {
        return counter.replace('-', '_').replace(':', '_');
    }

    private static void prefixed(Map<String, Long> counters, String prefix, Counters layer) {
        layer.snapshot().forEach((name, value) -> counters.put(prefix + key(name), value));
    }

    private void summed(Map<String, Long> counters, String prefix,
            Function<SimulatedNode, Counters> layer) {
        Map<String, Long> sums = new TreeMap<>();
        for (SimulatedNode node : meters) {
            layer.apply(node).snapshot().forEach((name, value) -> sums.merge(name, value, Long::sum));
        }
        sums.forEach((name, value) -> counters.put(prefix + key(name), value));
    }

    RplRoot root() {
        return root;
    }

    SimulatedNode gatewayNode() {
        return gateway;
    }

    SimulatedNode meterNode(int index) {
        return meters.get(index);
    }

    int meterCount() {
        return meters.size();
    }

    List<RplNode> meterCores() {
        return meterCores;
    }

    SimulatedMedium medium() {
        return medium;
    }
}
