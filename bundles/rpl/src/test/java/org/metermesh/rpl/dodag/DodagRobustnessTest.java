package org.metermesh.rpl.dodag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metermesh.rpl.dodag.MeshHarness.global;

import java.time.Duration;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Many seeded random neighbourhoods with lossy links and meters killed at random: every meter that has a radio path
 * to the root joins and is routable, parent chains never cycle, no routed packet ever loops. The scenarios that
 * shaped the loop-avoidance rules (siblings losing a common parent, poisoning DIOs lost on lossy links, ETX stuck
 * high after a link recovered) occur among these seeds.
 */
class DodagRobustnessTest {

    private static void assertConverged(MeshHarness h, String when) {
        Set<Integer> reachable = h.reachable();
        for (int id : reachable) {
            RplNode n = h.node(id);
            assertThat(h.cycles(id)).as("%s: parent chain of %d cycles", when, id).isFalse();
            assertThat(n.joined()).as("%s: %d joined (%s)", when, id, n).isTrue();
            assertThat(h.chain(id).orElseThrow()).as("%s: %d's chain", when, id).noneMatch(h.dead::contains);
            assertThat(h.root.sourceRoute(global(id))).as("%s: route to %d", when, id).isEqualTo(h.expectedRoute(id));
        }
    }

    @Test
    void randomLossyNeighbourhoodsFormHealAndNeverLoop() {
        for (long seed = 1; seed <= 24; seed++) {
            MeshHarness h = MeshHarness.randomNeighbourhood(seed, 50, 0.07 * (seed % 4));
            h.tracing = false;
            h.start();
            h.runFor(Duration.ofMinutes(15));
            assertConverged(h, "seed " + seed + " formation");

            SplittableRandom r = new SplittableRandom(seed);
            for (int k = 0; k < 4; k++) {
                h.kill(1 + r.nextInt(50));
            }
            // 15 minutes of repair, and up to 3 more for the DAO of a meter that moved to a better parent at the
            // end of them: such a DAO waits up to 8 x 1.5 DAO delays, and the root's route meanwhile still works.
            h.runFor(Duration.ofMinutes(18));
            assertConverged(h, "seed " + seed + " after kills " + h.dead);
            assertThat(h.routedLoops).as("seed %d routed loops", seed).isZero();
        }
    }

    @Test
    void gridsSurviveKillsGlobalRepairFlushAndDtsnIncrements() {
        for (long seed = 1; seed <= 12; seed++) {
            int side = 6;
            MeshHarness h = new MeshHarness(seed);
            double loss = seed % 3 == 0 ? 0.1 : 0;
            for (int id = 1; id < side * side; id++) {
                h.add(id);
            }
            for (int row = 0; row < side; row++) {
                for (int col = 0; col < side; col++) {
                    int id = row * side + col;
                    if (col + 1 < side) {
                        h.link(id, id + 1, -60 - (int) (seed % 7) * 4, loss);
                    }
                    if (row + 1 < side) {
                        h.link(id, id + side, -62, loss);
                    }
                    if (col + 1 < side && row + 1 < side) {
                        h.link(id, id + side + 1, -84, loss);
                    }
                }
            }
            h.tracing = false;
            h.start();
            h.runFor(Duration.ofMinutes(10));
            assertConverged(h, "seed " + seed + " formation");
            h.kill(7);
            h.kill(14);
            h.kill((int) (seed % 30) + 5);
            h.runFor(Duration.ofMinutes(12));
            assertConverged(h, "seed " + seed + " kills");
            h.root.globalRepair();
            h.runFor(Duration.ofMinutes(5));
            assertConverged(h, "seed " + seed + " global repair");
            h.node(20).flush();
            h.root.incrementDtsn();
            h.runFor(Duration.ofMinutes(5));
            assertConverged(h, "seed " + seed + " flush and DTSN");
            assertThat(h.routedLoops).as("seed %d routed loops", seed).isZero();
        }
    }
}
