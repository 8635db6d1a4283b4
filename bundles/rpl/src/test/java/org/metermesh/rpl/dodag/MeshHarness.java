package org.metermesh.rpl.dodag;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

import org.metermesh.api.event.ErrorCode;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;
import org.metermesh.api.radio.TxStatus;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.rpl.message.RplMessage;
import org.metermesh.rpl.message.RplMessage.Dao;
import org.metermesh.rpl.message.RplMessage.DaoAck;
import org.metermesh.rpl.message.RplMessage.Dio;
import org.metermesh.rpl.message.RplOption.TransitInformation;

/**
 * An in-memory mesh for the DODAG cores: a root (id 0) and meters (ids 1..) on an explicit graph of links, each
 * with an RSSI and an optional loss probability, all on one {@link VirtualScheduler}.
 *
 * <ul>
 * <li>{@code sendOnLink}: a multicast reaches every graph neighbour after {@link #HOP_DELAY} (each copy lost with
 *     the link's loss probability, no retries); a unicast reaches its next hop if the link exists and one of the
 *     MAC's 1 + 3 attempts gets through, and the sender hears {@code transmitted(ACKED)} or
 *     {@code transmitted(NO_ACK)}.</li>
 * <li>{@code sendRouted} plays the IPv6 layer below: a meter's message climbs hop by hop along each meter's
 *     {@code preferredParent()} to the root; the root's goes down {@code root.sourceRoute(destination)}. Each hop
 *     is a unicast with its ACK/NO_ACK reported to the meter that sent it; a packet exceeding 255 hops (the
 *     largest IPv6 Hop Limit) is dropped as looping.</li>
 * </ul>
 * Every transmission is written to {@link #trace} with the virtual time, so two runs can be compared event for
 * event.
 */
final class MeshHarness {

    static final Ipv6Prefix PREFIX = Ipv6Prefix.parse("fd00:cafe::/64");
    static final Duration HOP_DELAY = Duration.ofMillis(5);
    static final int ROOT = 0;
    static final int MAC_MAX_FRAME_RETRIES = 3;
    /** The IPv6 Hop Limit a routed packet starts with (its largest value). */
    static final int MAX_HOPS = 255;

    record Link(int rssi, double loss) {
    }

    record ErrorEvent(long timeNanos, ErrorCode code, String detail) {
    }

    final VirtualScheduler scheduler;
    final RplRoot root;
    final Map<Integer, RplNode> nodes = new TreeMap<>();
    final Map<Integer, List<ErrorEvent>> errors = new TreeMap<>();
    final List<String> trace = new ArrayList<>();
    final Set<Integer> dead = new LinkedHashSet<>();
    long routedDrops;
    long routedLoops;
    /** Whether transmissions go to {@link #trace} (off for large runs). */
    boolean tracing = true;

    private final Map<Integer, Map<Integer, Link>> links = new TreeMap<>();
    private final Map<MacAddress, Integer> idsByMac = new HashMap<>();
    private final Map<Ipv6Address, Integer> idsByGlobal = new HashMap<>();
    private final UnaryOperator<NodeConfig> nodeConfig;

    MeshHarness(long seed) {
        this(seed, UnaryOperator.identity(), UnaryOperator.identity());
    }

    MeshHarness(long seed, UnaryOperator<NodeConfig> nodeConfig, UnaryOperator<RootConfig> rootConfig) {
        this.scheduler = new VirtualScheduler(seed);
        this.nodeConfig = nodeConfig;
        RootConfig rc = rootConfig.apply(RootConfig.defaults(mac(ROOT), PREFIX).withConfiguration(Fixtures.CONFIG));
        register(ROOT);
        this.root = new RplRoot(scheduler, rc, new Transport(ROOT), RplEventListener.NONE);
    }

    /**
     * {@code meters} meters at random positions in a square, about 60 m apart on average, the root in the middle;
     * RSSI falls with distance (-40 dBm at 1 m, 30 dB per decade), links down to -95 dBm, each with a random loss
     * probability in [0, maxLoss).
     */
    static MeshHarness randomNeighbourhood(long seed, int meters, double maxLoss) {
        MeshHarness h = new MeshHarness(seed);
        SplittableRandom r = new SplittableRandom(seed * 31 + 7);
        double side = Math.sqrt(meters) * 60;
        double[][] p = new double[meters + 1][];
        p[ROOT] = new double[] {side / 2, side / 2};
        for (int i = 1; i <= meters; i++) {
            h.add(i);
            p[i] = new double[] {r.nextDouble() * side, r.nextDouble() * side};
        }
        for (int a = 0; a <= meters; a++) {
            for (int b = a + 1; b <= meters; b++) {
                double d = Math.hypot(p[a][0] - p[b][0], p[a][1] - p[b][1]);
                int rssi = (int) Math.round(-40 - 30 * Math.log10(Math.max(1, d)));
                if (rssi >= -95) {
                    h.link(a, b, rssi, maxLoss * r.nextDouble());
                }
            }
        }
        return h;
    }

    static ExtendedAddress mac(int id) {
        return new ExtendedAddress(0x0012_4b00_0000_0000L | id);
    }

    static Ipv6Address global(int id) {
        return Ipv6Address.of(PREFIX, mac(id));
    }

    static Ipv6Address linkLocal(int id) {
        return Ipv6Address.linkLocal(mac(id));
    }

    private void register(int id) {
        idsByMac.put(mac(id), id);
        idsByGlobal.put(global(id), id);
        links.computeIfAbsent(id, k -> new TreeMap<>());
    }

    RplNode add(int id) {
        if (id == ROOT || nodes.containsKey(id)) {
            throw new IllegalArgumentException("id " + id + " is taken");
        }
        register(id);
        RplNode node = new RplNode(scheduler, nodeConfig.apply(Fixtures.nodeConfig(mac(id))), new Transport(id),
                new Listener(id));
        nodes.put(id, node);
        return node;
    }

    MeshHarness link(int a, int b, int rssi) {
        return link(a, b, rssi, 0);
    }

    MeshHarness link(int a, int b, int rssi, double loss) {
        links.computeIfAbsent(a, k -> new TreeMap<>()).put(b, new Link(rssi, loss));
        links.computeIfAbsent(b, k -> new TreeMap<>()).put(a, new Link(rssi, loss));
        return this;
    }

    void unlink(int a, int b) {
        links.getOrDefault(a, Map.of()).remove(b);
        links.getOrDefault(b, Map.of()).remove(a);
    }

    /** The node vanishes: its links go and its core stops. */
    void kill(int id) {
        for (int n : new ArrayList<>(links.getOrDefault(id, Map.of()).keySet())) {
            unlink(id, n);
        }
        dead.add(id);
        if (id == ROOT) {
            root.stop();
        } else {
            nodes.get(id).stop();
        }
    }

    boolean linked(int a, int b) {
        return links.getOrDefault(a, Map.of()).containsKey(b);
    }

    int degree(int id) {
        return links.getOrDefault(id, Map.of()).size();
    }

    void start() {
        root.start();
        nodes.values().forEach(RplNode::start);
    }

    void runFor(Duration d) {
        scheduler.runFor(d);
    }

    RplNode node(int id) {
        return nodes.get(id);
    }

    int idOf(MacAddress mac) {
        Integer id = idsByMac.get(mac);
        if (id == null) {
            throw new IllegalArgumentException("unknown MAC " + mac);
        }
        return id;
    }

    int idOf(Ipv6Address global) {
        Integer id = idsByGlobal.get(global);
        if (id == null) {
            throw new IllegalArgumentException("unknown address " + global);
        }
        return id;
    }

    /** Live meters with a radio path to the root over the graph. */
    Set<Integer> reachable() {
        Set<Integer> seen = new TreeSet<>(List.of(ROOT));
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(ROOT));
        while (!queue.isEmpty()) {
            for (int b : links.getOrDefault(queue.poll(), Map.of()).keySet()) {
                if (!dead.contains(b) && seen.add(b)) {
                    queue.add(b);
                }
            }
        }
        seen.remove(ROOT);
        return seen;
    }

    List<Integer> live() {
        return nodes.keySet().stream().filter(id -> !dead.contains(id)).toList();
    }

    /** The ids from {@code id}'s preferred parent up to the root (root last); empty if detached or cycling. */
    Optional<List<Integer>> chain(int id) {
        List<Integer> out = new ArrayList<>();
        Set<Integer> seen = new LinkedHashSet<>();
        int cur = id;
        while (cur != ROOT) {
            if (!seen.add(cur)) {
                return Optional.empty();
            }
            Optional<MacAddress> p = nodes.get(cur).preferredParent();
            if (p.isEmpty()) {
                return Optional.empty();
            }
            cur = idOf(p.get());
            out.add(cur);
        }
        return Optional.of(out);
    }

    /** Whether following preferred parents from {@code id} revisits a node. */
    boolean cycles(int id) {
        Set<Integer> seen = new LinkedHashSet<>();
        int cur = id;
        while (cur != ROOT) {
            if (!seen.add(cur)) {
                return true;
            }
            Optional<MacAddress> p = nodes.get(cur).preferredParent();
            if (p.isEmpty()) {
                return false;
            }
            cur = idOf(p.get());
        }
        return false;
    }

    /** The source route the root should hold for {@code id}: its ancestors' and its own global addresses. */
    Optional<List<Ipv6Address>> expectedRoute(int id) {
        return chain(id).map(c -> {
            List<Ipv6Address> hops = new ArrayList<>();
            for (int i = c.size() - 2; i >= 0; i--) {
                hops.add(global(c.get(i)));
            }
            hops.add(global(id));
            return hops;
        });
    }

    /**
     * Storing mode: the ids a packet from the root to {@code id} visits, following each node's next hop
     * ({@link RplRoot#nextHop}, {@link RplNode#nextHop}) over existing links, {@code id} last; empty if some hop has
     * no route or no link, or the way cycles.
     */
    Optional<List<Integer>> hopByHop(int id) {
        List<Integer> out = new ArrayList<>();
        Set<Integer> seen = new LinkedHashSet<>();
        int at = ROOT;
        while (at != id) {
            if (!seen.add(at)) {
                return Optional.empty();
            }
            Optional<MacAddress> next = at == ROOT ? root.nextHop(global(id)) : nodes.get(at).nextHop(global(id));
            if (next.isEmpty() || !linked(at, idOf(next.get())) || dead.contains(idOf(next.get()))) {
                return Optional.empty();
            }
            at = idOf(next.get());
            out.add(at);
        }
        return Optional.of(out);
    }

    List<ErrorEvent> errors(int id) {
        return errors.getOrDefault(id, List.of());
    }

    long errorCount(int id, ErrorCode code) {
        return errors(id).stream().filter(e -> e.code == code).count();
    }

    static int lqi(int rssi) {
        return Math.max(0, Math.min(255, (rssi + 100) * 255 / 40));
    }

    // ---- the medium ----

    private boolean lost(Link link) {
        return link.loss > 0 && scheduler.random().nextDouble() < link.loss;
    }

    /** A unicast frame: the MAC tries 1 + macMaxFrameRetries (3, IEEE 802.15.4 default) times before NO_ACK. */
    private boolean lostUnicast(Link link) {
        for (int attempt = 0; attempt < 1 + MAC_MAX_FRAME_RETRIES; attempt++) {
            if (!lost(link)) {
                return false;
            }
        }
        return true;
    }

    private void deliver(int to, RplMessage m, Ipv6Address src, Ipv6Address dst, int from, int rssi) {
        if (dead.contains(to)) {
            return;
        }
        if (to == ROOT) {
            root.received(m, src, dst, mac(from), rssi, lqi(rssi));
        } else {
            nodes.get(to).received(m, src, dst, mac(from), rssi, lqi(rssi));
        }
    }

    private void reportTx(int sender, int to, boolean ok) {
        if (sender != ROOT && !dead.contains(sender)) {
            nodes.get(sender).transmitted(mac(to), ok ? TxStatus.ACKED : TxStatus.NO_ACK);
        }
    }

    /** One unicast hop: delivered (or not) after the hop delay, with the sender told the outcome. */
    private void hop(int from, int to, Runnable onArrival) {
        Link link = links.getOrDefault(from, Map.of()).get(to);
        boolean ok = link != null && !dead.contains(to) && !lostUnicast(link);
        scheduler.schedule(HOP_DELAY, () -> {
            reportTx(from, to, ok);
            if (ok) {
                onArrival.run();
            }
        });
    }

    private void up(int at, RplMessage m, Ipv6Address src, Ipv6Address dst, int hops) {
        if (hops > MAX_HOPS) {
            routedLoops++;
            trace("drop-loop", at, m);
            return;
        }
        Optional<MacAddress> parent = at == ROOT ? Optional.empty() : nodes.get(at).preferredParent();
        if (parent.isEmpty()) {
            routedDrops++;
            trace("drop-no-parent", at, m);
            return;
        }
        int p = idOf(parent.get());
        Link link = links.getOrDefault(at, Map.of()).get(p);
        hop(at, p, () -> {
            if (p == ROOT) {
                root.received(m, src, dst, mac(at), link.rssi, lqi(link.rssi));
            } else {
                up(p, m, src, dst, hops + 1);
            }
        });
    }

    private void down(int at, List<Ipv6Address> route, int index, RplMessage m, Ipv6Address src, Ipv6Address dst) {
        int next = idOf(route.get(index));
        Link link = links.getOrDefault(at, Map.of()).get(next);
        hop(at, next, () -> {
            if (index == route.size() - 1) {
                deliver(next, m, src, dst, at, link.rssi);
            } else {
                down(next, route, index + 1, m, src, dst);
            }
        });
    }

    private void trace(String what, int id, RplMessage m) {
        if (!tracing) {
            return;
        }
        trace.add(scheduler.nanoTime() + " " + id + " " + what + " " + describe(m));
    }

    static String describe(RplMessage m) {
        if (m instanceof Dio d) {
            return "DIO v" + d.version() + " r" + d.rank() + " dtsn" + d.dtsn();
        }
        if (m instanceof Dao d) {
            int pathSeq = d.optionsOf(TransitInformation.class).stream().findFirst()
                    .map(TransitInformation::pathSequence).orElse(-1);
            return "DAO seq" + d.sequence() + " path" + pathSeq + " parents"
                    + d.optionsOf(TransitInformation.class).size();
        }
        if (m instanceof DaoAck a) {
            return "DAO-ACK seq" + a.sequence() + " status" + a.status();
        }
        return "DIS";
    }

    private final class Transport implements RplTransport {
        private final int id;

        Transport(int id) {
            this.id = id;
        }

        @Override
        public void sendOnLink(RplMessage message, Ipv6Address destination, MacAddress nextHop) {
            Ipv6Address src = linkLocal(id);
            if (nextHop instanceof ShortAddress s && s.isBroadcast()) {
                trace("-> *", id, message);
                for (Map.Entry<Integer, Link> e : links.getOrDefault(id, Map.of()).entrySet()) {
                    int to = e.getKey();
                    Link link = e.getValue();
                    if (!lost(link)) {
                        scheduler.schedule(HOP_DELAY, () -> deliver(to, message, src, destination, id, link.rssi));
                    }
                }
            } else {
                int to = idOf(nextHop);
                trace("-> " + to, id, message);
                Link link = links.getOrDefault(id, Map.of()).get(to);
                hop(id, to, () -> deliver(to, message, src, destination, id, link.rssi));
            }
        }

        @Override
        public CompletionStage<TxStatus> sendRouted(RplMessage message,
                Ipv6Address destination) {
            Ipv6Address src = global(id);
            trace("routed " + destination, id, message);
            if (id == ROOT) {
                Optional<List<Ipv6Address>> route = root.sourceRoute(destination);
                if (route.isEmpty()) {
                    routedDrops++;
                    trace("drop-no-route", id, message);
                    return CompletableFuture.completedFuture(TxStatus.LINK_DOWN);
                }
                down(ROOT, route.get(), 0, message, src, destination);
            } else {
                up(id, message, src, destination, 0);
            }
            return CompletableFuture.completedFuture(TxStatus.SENT);
        }
    }

    private final class Listener implements RplEventListener {
        private final int id;

        Listener(int id) {
            this.id = id;
        }

        @Override
        public void error(ErrorCode code, String detail) {
            errors.computeIfAbsent(id, k -> new ArrayList<>()).add(new ErrorEvent(scheduler.nanoTime(), code, detail));
            trace.add(scheduler.nanoTime() + " " + id + " error " + code);
        }

        @Override
        public void joined() {
            trace.add(scheduler.nanoTime() + " " + id + " joined");
        }

        @Override
        public void parentChanged(MacAddress parent) {
            trace.add(scheduler.nanoTime() + " " + id + " parent " + parent);
        }
    }
}
