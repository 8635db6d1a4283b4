package org.metermesh.rpl.dodag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metermesh.rpl.dodag.MeshHarness.ROOT;
import static org.metermesh.rpl.dodag.MeshHarness.global;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.metermesh.api.event.ErrorCode;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.rpl.link.Neighbour;
import org.metermesh.rpl.of.Rank;

/** DODAG formation, routing and repair on the in-memory mesh, in virtual time. */
class DodagMeshTest {

    /** RSSI 40 dB above the -100 dBm sensitivity: ETX 1 on first contact. */
    private static final int STRONG = -60;

    private static MeshHarness line(long seed, int n) {
        MeshHarness h = new MeshHarness(seed);
        for (int i = 1; i <= n; i++) {
            h.add(i);
            h.link(i - 1, i, STRONG);
        }
        return h;
    }

    /** A side x side grid, the root at (0, 0); node id = row * side + column. */
    private static MeshHarness grid(long seed, int side) {
        MeshHarness h = new MeshHarness(seed);
        for (int id = 1; id < side * side; id++) {
            h.add(id);
        }
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                int id = r * side + c;
                if (c + 1 < side) {
                    h.link(id, id + 1, STRONG);
                }
                if (r + 1 < side) {
                    h.link(id, id + side, STRONG);
                }
            }
        }
        return h;
    }

    private static void assertHealthy(MeshHarness h) {
        for (int id : h.live()) {
            RplNode n = h.node(id);
            assertThat(n.joined()).as("node %d joined", id).isTrue();
            assertThat(h.cycles(id)).as("node %d parent chain cycles", id).isFalse();
            List<Integer> chain = h.chain(id).orElseThrow();
            assertThat(chain).as("node %d chain avoids dead nodes", id).noneMatch(h.dead::contains);
            int parent = chain.get(0);
            int parentRank = parent == ROOT ? h.root.rank() : h.node(parent).rank();
            assertThat(n.rank()).as("node %d rank above its parent's", id).isGreaterThan(parentRank);
            assertThat(h.root.sourceRoute(global(id))).as("source route to %d", id).isEqualTo(h.expectedRoute(id));
        }
    }

    @Test
    void lineFormsADodagWithRisingRanksAndExactSourceRoutes() {
        MeshHarness h = line(1, 6);
        h.start();
        h.runFor(Duration.ofMinutes(5));

        assertHealthy(h);
        int previous = h.root.rank();
        for (int i = 1; i <= 6; i++) {
            RplNode n = h.node(i);
            assertThat(h.idOf(n.preferredParent().orElseThrow())).isEqualTo(i - 1);
            assertThat(n.rank()).isGreaterThan(previous);
            previous = n.rank();
            assertThat(n.globalAddress()).contains(global(i));
            assertThat(n.dodagId()).contains(h.root.dodagId());
        }
        assertThat(h.root.sourceRoute(global(4)))
                .contains(List.of(global(1), global(2), global(3), global(4)));
        assertThat(h.root.routes()).hasSize(6).allSatisfy(r -> assertThat(r.reachable()).isTrue());
        assertThat(h.root.routes().stream().filter(r -> r.target().equals(global(6))).findFirst().orElseThrow()
                .depth()).isEqualTo(6);
        assertThat(h.root.counters().get("loops")).isZero();
        assertThat(h.routedLoops).isZero();
    }

    @Test
    void gridFormsShortestPathTreeAndEveryNodeIsRoutable() {
        int side = 5;
        MeshHarness h = grid(2, side);
        h.start();
        h.runFor(Duration.ofMinutes(10));

        assertHealthy(h);
        for (int id : h.live()) {
            int manhattan = id / side + id % side;
            assertThat(h.chain(id).orElseThrow()).as("depth of %d", id).hasSize(manhattan);
            assertThat(h.root.sourceRoute(global(id)).orElseThrow()).hasSize(manhattan);
            assertThat(h.node(id).parents()).isNotEmpty()
                    .allSatisfy(p -> assertThat(h.node(id).rank()).isGreaterThan(rankOf(h, h.idOf(p))));
        }
        assertThat(h.root.routeCount()).isEqualTo(side * side - 1);
        assertThat(h.root.counters().get("loops")).isZero();
        assertThat(h.errors).isEmpty();
    }

    private static int rankOf(MeshHarness h, int id) {
        return id == ROOT ? h.root.rank() : h.node(id).rank();
    }

    @Test
    void isolatedMeterReportsNoBeaconAfterEachDiscoveryTimeout() {
        MeshHarness h = line(3, 1);
        RplNode lonely = h.add(9);
        h.start();
        h.runFor(Duration.ofMinutes(5));

        assertThat(lonely.joined()).isFalse();
        assertThat(lonely.state()).isEqualTo(NodeState.DISCOVERING);
        assertThat(h.errorCount(9, ErrorCode.ERR_NET_NO_BEACON)).isEqualTo(2); // at ~120 s and ~240 s, plus jitter
        assertThat(h.errorCount(9, ErrorCode.ERR_RPL_NO_ROOT)).isZero();
        assertThat(h.errors(9).get(0).timeNanos())
                .isBetween(Duration.ofSeconds(120).toNanos(), Duration.ofSeconds(130).toNanos());
        assertThat(lonely.counters().get("dis-sent")).isGreaterThan(2); // discovery keeps retrying
        assertThat(h.errors(1)).isEmpty();
        assertThat(h.node(1).joined()).isTrue();
    }

    @Test
    void strandedIslandReportsNoRoot() {
        MeshHarness h = line(4, 1);
        for (int id = 10; id <= 12; id++) {
            h.add(id);
        }
        h.link(10, 11, STRONG).link(11, 12, STRONG).link(10, 12, STRONG);
        h.start();
        h.runFor(Duration.ofMinutes(3));

        for (int id = 10; id <= 12; id++) {
            assertThat(h.errorCount(id, ErrorCode.ERR_RPL_NO_ROOT)).as("node %d", id).isGreaterThanOrEqualTo(1);
            assertThat(h.errorCount(id, ErrorCode.ERR_NET_NO_BEACON)).as("node %d", id).isZero();
            assertThat(h.node(id).joined()).isFalse();
        }
        assertThat(h.errors(1)).isEmpty();
    }

    @Test
    void meshCutOffFromItsRootPoisonsAndReportsNoRoot() {
        MeshHarness h = line(5, 3);
        h.start();
        h.runFor(Duration.ofMinutes(3));
        assertHealthy(h);

        h.kill(ROOT);
        h.runFor(Duration.ofMinutes(15));

        for (int id = 1; id <= 3; id++) {
            RplNode n = h.node(id);
            assertThat(n.preferredParent()).as("node %d", id).isEmpty();
            assertThat(n.rank()).isEqualTo(Rank.INFINITE_RANK);
            assertThat(n.joined()).isFalse();
            assertThat(h.errorCount(id, ErrorCode.ERR_RPL_NO_ROOT)).as("node %d", id).isGreaterThanOrEqualTo(1);
        }
        assertThat(h.node(1).counters().get("local-repair")).isGreaterThanOrEqualTo(1);
        assertThat(h.node(2).counters().get("dio-poison") + h.node(3).counters().get("dio-poison")).isPositive();
    }

    @Test
    void childrenOfAKilledParentReHomeAndTheRootRoutesThemAgain() {
        MeshHarness h = new MeshHarness(6);
        for (int id = 1; id <= 5; id++) {
            h.add(id);
        }
        h.link(0, 1, STRONG).link(0, 2, STRONG);
        h.link(1, 3, STRONG).link(2, 3, -88);      // 3 prefers 1: the link to 2 has a 12 dB margin (ETX 1.7)
        h.link(3, 4, STRONG).link(4, 5, STRONG);
        h.start();
        h.runFor(Duration.ofMinutes(5));
        assertHealthy(h);
        assertThat(h.chain(5)).contains(List.of(4, 3, 1, 0));

        long killedAt = h.scheduler.nanoTime();
        h.kill(1);
        long bound = Duration.ofMinutes(5).toNanos();
        while (h.scheduler.nanoTime() - killedAt < bound && !h.chain(5).equals(Optional.of(List.of(4, 3, 2, 0)))) {
            h.runFor(Duration.ofSeconds(5));
        }
        assertThat(h.chain(3)).contains(List.of(2, 0));
        assertThat(h.chain(5)).contains(List.of(4, 3, 2, 0));
        assertThat(h.scheduler.nanoTime() - killedAt).isLessThan(bound);

        h.runFor(Duration.ofMinutes(1)); // the new DAOs reach the root
        assertHealthy(h);
        assertThat(h.root.sourceRoute(global(5))).contains(List.of(global(2), global(3), global(4), global(5)));
        assertThat(h.node(3).counters().get("parent-switch")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void gridHealsAroundKilledMeters() {
        int side = 5;
        MeshHarness h = grid(7, side);
        h.start();
        h.runFor(Duration.ofMinutes(10));
        assertHealthy(h);

        h.kill(6);   // (1, 1)
        h.kill(12);  // (2, 2)
        h.runFor(Duration.ofMinutes(10));

        assertHealthy(h);
        assertThat(h.root.routes()).allSatisfy(r -> {
            if (!h.dead.contains(h.idOf(r.target()))) {
                assertThat(r.reachable()).isTrue();
            }
        });
    }

    @Test
    void repeatedDiscoveryRefreshesNeighboursAndNeverDuplicatesThem() {
        MeshHarness h = grid(8, 4);
        h.start();
        h.runFor(Duration.ofMinutes(10));
        Map<Integer, Long> framesBefore = new TreeMap<>();
        for (int id : h.live()) {
            List<Neighbour<MacAddress>> table = h.node(id).neighbours();
            assertThat(table).hasSize(h.degree(id));
            framesBefore.put(id, table.stream().mapToLong(Neighbour::framesHeard).sum());
        }

        for (int i = 0; i < 3; i++) {   // more discovery rounds: multicast DIS everywhere
            h.root.incrementDtsn();
            h.node(15).flush();
            h.runFor(Duration.ofMinutes(10));
        }

        for (int id : h.live()) {
            List<Neighbour<MacAddress>> table = h.node(id).neighbours();
            Set<MacAddress> distinct = new HashSet<>();
            table.forEach(n -> distinct.add(n.address()));
            assertThat(distinct).as("node %d", id).hasSize(table.size());
            assertThat(table).as("node %d", id).hasSize(h.degree(id));
            assertThat(table.stream().mapToLong(Neighbour::framesHeard).sum()).isGreaterThan(framesBefore.get(id));
        }
        assertHealthy(h);
    }

    @Test
    void aSeededRunIsReproducibleEventForEvent() {
        List<String> first = run(42);
        List<String> second = run(42);
        List<String> other = run(43);
        assertThat(first).hasSizeGreaterThan(100);
        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    private static List<String> run(long seed) {
        MeshHarness h = grid(seed, 4);
        h.link(5, 10, -85, 0.1);
        h.start();
        h.runFor(Duration.ofMinutes(5));
        h.kill(5);
        h.runFor(Duration.ofMinutes(5));
        return h.trace;
    }

    @Test
    void globalRepairReFormsTheDodagInTheNewVersion() {
        MeshHarness h = grid(9, 4);
        h.start();
        h.runFor(Duration.ofMinutes(5));
        assertHealthy(h);
        int oldVersion = h.root.version();
        Map<Ipv6Address, Integer> pathSequences = new TreeMap<>();
        h.root.routes().forEach(r -> pathSequences.put(r.target(), r.pathSequence()));

        h.root.globalRepair();
        h.runFor(Duration.ofMinutes(2));

        assertThat(h.root.version()).isEqualTo(Lollipop.increment(oldVersion));
        for (int id : h.live()) {
            assertThat(h.node(id).dodagVersion()).hasValue(h.root.version());
            assertThat(h.node(id).counters().get("version-joined")).isEqualTo(1);
        }
        assertHealthy(h);
        h.root.routes().forEach(r -> assertThat(Lollipop.greaterThan(r.pathSequence(),
                pathSequences.get(r.target()))).as("fresh DAO from %s", r.target()).isTrue());
    }

    @Test
    void dtsnIncrementMakesEveryMeterReRegister() {
        MeshHarness h = grid(10, 4);
        h.start();
        h.runFor(Duration.ofMinutes(5));
        long before = h.root.counters().get("dao-received");

        h.root.incrementDtsn();
        h.runFor(Duration.ofMinutes(1));

        assertThat(h.root.counters().get("dao-received") - before).isGreaterThanOrEqualTo(h.live().size());
        for (int id : h.live()) {
            assertThat(h.node(id).counters().get("dtsn-increment")).as("node %d", id).isEqualTo(1);
        }
        assertHealthy(h);
    }

    @Test
    void lossyLinkRaisesHighPacketLoss() {
        MeshHarness h = new MeshHarness(11, c -> c.withProbeInterval(Duration.ofSeconds(10)),
                UnaryOperator.identity());
        h.add(1);
        h.add(2);
        // 70 % of frames lost: with the MAC's 3 retries, 0.7^4 = 24 % of unicast requests end in NO_ACK.
        h.link(0, 1, STRONG).link(0, 2, STRONG).link(1, 2, STRONG, 0.7);
        h.add(3);
        h.link(2, 3, STRONG, 0.7);
        h.start();
        h.runFor(Duration.ofMinutes(30));

        assertThat(h.errorCount(3, ErrorCode.HIGH_PACKET_LOSS)).isGreaterThanOrEqualTo(1);
        assertThat(h.errors(3).stream().filter(e -> e.code() == ErrorCode.HIGH_PACKET_LOSS).findFirst()
                .orElseThrow().detail()).contains("exceeds 15 %");
        assertThat(h.errorCount(1, ErrorCode.HIGH_PACKET_LOSS)).isZero();
    }

    @Test
    void flushForgetsNeighboursAndRediscovers() {
        MeshHarness h = line(12, 3);
        h.start();
        h.runFor(Duration.ofMinutes(3));
        RplNode n = h.node(2);
        assertThat(n.neighbours()).hasSize(2);

        n.flush();
        assertThat(n.neighbours()).isEmpty();
        assertThat(n.joined()).isFalse();
        assertThat(n.state()).isEqualTo(NodeState.HOLD_DOWN);

        h.runFor(Duration.ofMinutes(2));
        assertThat(n.neighbours()).hasSize(2);
        assertHealthy(h);
    }

    @Test
    void loopReportedByForwardingResetsTrickle() {
        MeshHarness h = line(13, 2);
        h.start();
        h.runFor(Duration.ofMinutes(10));
        RplNode n = h.node(2);
        assertThat(n.trickleInterval()).isGreaterThan(Duration.ofMillis(4096));

        n.loopDetected();

        assertThat(n.trickleInterval()).isEqualTo(Duration.ofMillis(4096));
        assertThat(n.counters().get("loops")).isEqualTo(1);
    }
}
