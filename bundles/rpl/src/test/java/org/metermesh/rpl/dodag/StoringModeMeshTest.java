package org.metermesh.rpl.dodag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metermesh.rpl.dodag.MeshHarness.ROOT;
import static org.metermesh.rpl.dodag.MeshHarness.global;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.metermesh.rpl.message.RplMessage.Dio;

/** Storing mode (MOP 2, RFC 6550 9.8) on the in-memory mesh: every meter keeps the routes of its sub-DODAG. */
class StoringModeMeshTest {

    private static final int STRONG = -60;

    private static MeshHarness storing(long seed, UnaryOperator<NodeConfig> nodes) {
        return new MeshHarness(seed, nodes, c -> c.withMop(Dio.MOP_STORING_NO_MULTICAST));
    }

    /** Builds a tree from {@code parentOf[id]} (index 0 unused): one link per meter, to its parent. */
    private static MeshHarness tree(long seed, int[] parentOf, UnaryOperator<NodeConfig> nodes) {
        MeshHarness h = storing(seed, nodes);
        for (int id = 1; id < parentOf.length; id++) {
            h.add(id);
        }
        for (int id = 1; id < parentOf.length; id++) {
            h.link(id, parentOf[id], STRONG);
        }
        return h;
    }

    private static List<Integer> pathFromRoot(int[] parentOf, int id) {
        List<Integer> path = new ArrayList<>();
        for (int at = id; at != ROOT; at = parentOf[at]) {
            path.add(at);
        }
        Collections.reverse(path);
        return path;
    }

    private static void assertEveryMeterReachedHopByHop(MeshHarness h, int[] parentOf) {
        for (int id = 1; id < parentOf.length; id++) {
            assertThat(h.node(id).joined()).as("meter %d joined", id).isTrue();
            assertThat(h.hopByHop(id)).as("hop-by-hop path to %d", id).contains(pathFromRoot(parentOf, id));
            assertThat(h.root.sourceRoute(global(id))).as("no source route in storing mode").isEmpty();
            assertThat(h.root.canRoute(global(id))).isTrue();
        }
    }

    @Test
    void chainFormsAndEveryMeterKeepsTheRoutesBelowIt() {
        int[] chain = {-1, 0, 1, 2, 3, 4};
        MeshHarness h = tree(11, chain, UnaryOperator.identity());
        h.start();
        h.runFor(Duration.ofMinutes(5));

        assertEveryMeterReachedHopByHop(h, chain);
        assertThat(h.root.routeCount()).isEqualTo(5);
        for (int id = 1; id <= 5; id++) {
            assertThat(h.node(id).routeCount()).as("routes of meter %d", id).isEqualTo(5 - id);
        }
        assertThat(h.root.routes()).extracting(RouteSnapshot::depth).containsExactly(1, 2, 2, 2, 2);
        assertThat(h.node(4).counters().get("dao-forwarded")).isGreaterThanOrEqualTo(1);
        assertThat(h.node(1).counters().get("dao-ack-relayed")).isGreaterThanOrEqualTo(4);
        assertThat(h.routedDrops).isZero();                      // nothing went the non-storing way
    }

    @Test
    void treeFormsAndEveryMeterIsReachableHopByHop() {
        //            root
        //          1      2
        //        3   4      5
        //      6  7          8
        int[] tree = {-1, 0, 0, 1, 1, 2, 3, 3, 5};
        MeshHarness h = tree(12, tree, UnaryOperator.identity());
        h.start();
        h.runFor(Duration.ofMinutes(5));

        assertEveryMeterReachedHopByHop(h, tree);
        assertThat(h.node(1).routeCount()).isEqualTo(4);         // 3, 4, 6, 7
        assertThat(h.node(2).routeCount()).isEqualTo(2);         // 5, 8
        assertThat(h.node(1).nextHop(global(8))).isEmpty();      // not in its sub-DODAG
        assertThat(h.node(6).routeCount()).isZero();
    }

    @Test
    void aMovedMetersOldRouteIsRemovedByANoPathDao() {
        // root - 1 - 3 - 4 - 5 - 7 - 6, root - 2; later 6 hears 2, four hops shallower (past the meters' switch
        // threshold of three transmissions), and moves under it.
        int[] before = {-1, 0, 0, 1, 3, 4, 7, 5};
        MeshHarness h = storing(13, UnaryOperator.identity());
        for (int id : new int[] {1, 2, 3, 4, 5, 7, 6}) {
            h.add(id);
        }
        h.link(1, 0, STRONG).link(2, 0, STRONG).link(3, 1, STRONG).link(4, 3, STRONG).link(5, 4, STRONG)
                .link(7, 5, STRONG).link(6, 7, STRONG);
        h.start();
        h.runFor(Duration.ofMinutes(5));
        assertThat(h.hopByHop(6)).contains(pathFromRoot(before, 6));
        assertThat(h.node(1).nextHop(global(6))).isPresent();

        h.link(6, 2, STRONG);
        h.runFor(Duration.ofMinutes(40));                        // 2's DIO comes within its Trickle interval

        assertThat(h.chain(6)).contains(List.of(2, ROOT));
        assertThat(h.hopByHop(6)).contains(List.of(2, 6));
        assertThat(h.node(6).counters().get("no-path-sent")).isGreaterThanOrEqualTo(1);
        for (int old : new int[] {7, 5, 4, 3, 1}) {
            assertThat(h.node(old).nextHop(global(6))).as("meter %d's route to 6", old).isEmpty();
            assertThat(h.node(old).counters().get("route-removed")).as("meter %d removed it", old).isEqualTo(1);
        }
        assertThat(h.hopByHop(7)).contains(List.of(1, 3, 4, 5, 7)); // the rest of the old branch is untouched
    }

    @Test
    void aDaoThatDoesNotFitIsRejectedWithAnUnableToAcceptStatus() {
        int[] chain = {-1, 0, 1, 2, 3};
        MeshHarness h = tree(14, chain, c -> c.withRouteCapacity(2));
        h.start();
        h.runFor(Duration.ofMinutes(5));

        RplNode one = h.node(1);
        assertThat(one.routeCount()).isEqualTo(2);
        assertThat(one.counters().get("dao-rejected")).isGreaterThanOrEqualTo(1);
        List<Integer> refused = new ArrayList<>();
        for (int id = 2; id <= 4; id++) {
            if (!h.node(id).joined()) {
                refused.add(id);
                assertThat(h.node(id).counters().get("dao-nack")).as("meter %d told", id).isGreaterThanOrEqualTo(1);
                assertThat(h.root.canRoute(global(id))).isFalse();
            } else {
                assertThat(h.hopByHop(id)).as("accepted meter %d", id).contains(pathFromRoot(chain, id));
            }
        }
        assertThat(refused).hasSize(1);
        assertThat(h.root.routeCount()).isEqualTo(3);
    }
}
