package org.metermesh.rpl.dodag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metermesh.rpl.dodag.MeshHarness.global;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.metermesh.api.counters.Counters;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.rpl.message.RplOption.TransitInformation;

class RouteTableTest {

    private static final Ipv6Address ROOT = global(0);
    private static final int UNIT = 60;

    private final VirtualScheduler scheduler = new VirtualScheduler(1);
    private final Counters counters = new Counters();
    private final RouteTable table = new RouteTable(scheduler, counters, 100);

    private static List<TransitInformation> transits(int pathSequence, int lifetime, int... parents) {
        List<TransitInformation> out = new ArrayList<>();
        for (int i = 0; i < parents.length; i++) {
            out.add(new TransitInformation(false, 0x80 >>> i, pathSequence, lifetime,
                    Optional.of(global(parents[i]))));
        }
        return out;
    }

    private RouteTable.Update update(int target, int pathSequence, int lifetime, int... parents) {
        return table.update(global(target), pathSequence, transits(pathSequence, lifetime, parents), UNIT);
    }

    @Test
    void newerPathSequenceReplacesSameRefreshesOlderIsIgnored() {
        assertThat(update(1, 241, 30, 0)).isEqualTo(RouteTable.Update.ADDED);
        assertThat(update(2, 241, 30, 0)).isEqualTo(RouteTable.Update.ADDED);
        assertThat(update(3, 241, 30, 1, 2)).isEqualTo(RouteTable.Update.ADDED);
        assertThat(table.sourceRoute(global(3), ROOT)).contains(List.of(global(1), global(3)));

        assertThat(update(3, 242, 30, 2)).isEqualTo(RouteTable.Update.UPDATED);     // parent set replaced
        assertThat(table.snapshot(ROOT).get(2).parents()).extracting(RouteSnapshot.Parent::address)
                .containsExactly(global(2));

        assertThat(update(3, 241, 30, 1)).isEqualTo(RouteTable.Update.STALE);
        assertThat(table.sourceRoute(global(3), ROOT)).contains(List.of(global(2), global(3)));

        assertThat(update(3, 242, 30, 1)).isEqualTo(RouteTable.Update.UPDATED);     // same sequence: added to
        assertThat(table.snapshot(ROOT).get(2).parents()).hasSize(2);
    }

    @Test
    void aNewerDaoThatClosesACycleDropsTheOlderParentThatPointsBack() {
        update(1, 241, 30, 0);
        update(2, 241, 30, 1, 0);                                    // 2 under 1, the root as backup
        update(3, 241, 30, 2);
        assertThat(table.sourceRoute(global(3), ROOT)).contains(List.of(global(1), global(2), global(3)));

        // 1 moved under 3 (its former grandchild); 2's DAO saying "under 1" is older than this one.
        update(1, 242, 30, 3);

        assertThat(counters.get("route-stale-parent")).isEqualTo(1);
        assertThat(table.sourceRoute(global(1), ROOT)).contains(List.of(global(2), global(3), global(1)));
        assertThat(table.sourceRoute(global(2), ROOT)).contains(List.of(global(2)));    // its backup, the root
        assertThat(counters.get("loops")).isZero();
    }

    @Test
    void desynchronisedPathSequenceCountsAsNewer() {
        update(1, 20, 30, 0);                                        // long-lived, in the circular region
        assertThat(update(1, 60, 30, 2)).isEqualTo(RouteTable.Update.UPDATED);
        assertThat(table.snapshot(ROOT).get(0).parents()).extracting(RouteSnapshot.Parent::address)
                .containsExactly(global(2));
    }

    @Test
    void parentsExpireOnTheSchedulerAndTheTargetGoesWithTheLast() {
        update(1, 241, 2, 0);                                        // 2 minutes
        update(2, 241, TransitInformation.INFINITE, 1);
        update(1, 241, 5, 3);                                        // same sequence: a second parent, 5 minutes
        scheduler.runFor(Duration.ofSeconds(119));
        assertThat(table.snapshot(ROOT).get(0).parents()).hasSize(2);
        scheduler.runFor(Duration.ofSeconds(2));
        assertThat(table.snapshot(ROOT).get(0).parents()).extracting(RouteSnapshot.Parent::address)
                .containsExactly(global(3));
        scheduler.runFor(Duration.ofMinutes(3));
        assertThat(table.contains(global(1))).isFalse();
        assertThat(table.contains(global(2))).isTrue();              // infinite lifetime
        assertThat(table.snapshot(ROOT).get(0).lifetimeLeft()).isEqualTo(RouteSnapshot.INFINITE);
        assertThat(counters.get("route-expired")).isEqualTo(2);
        assertThat(counters.get("route-removed")).isEqualTo(1);
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void refreshedRoutesOutliveTheirFirstLifetime() {
        update(1, 241, 1, 0);
        scheduler.runFor(Duration.ofSeconds(50));
        update(1, 242, 1, 0);
        scheduler.runFor(Duration.ofSeconds(50));
        assertThat(table.sourceRoute(global(1), ROOT)).isPresent();
        assertThat(table.snapshot(ROOT).get(0).lifetimeLeft()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void mostPreferredLiveParentLeadsByPathControl() {
        update(1, 241, 30, 0);
        update(2, 241, 30, 0);
        table.update(global(3), 241, List.of(
                new TransitInformation(false, 0x20, 241, 30, Optional.of(global(1))),
                new TransitInformation(false, 0x80, 241, 30, Optional.of(global(2)))), UNIT);
        assertThat(table.sourceRoute(global(3), ROOT)).contains(List.of(global(2), global(3)));
        assertThat(table.snapshot(ROOT).get(2).parents()).extracting(RouteSnapshot.Parent::pathControl)
                .containsExactly(0x80, 0x20);
    }

    @Test
    void cyclesGiveNoRouteAndCountAsLoops() {
        update(1, 241, 30, 2);
        update(2, 241, 1, 0);                                        // under the root for one minute
        update(2, 241, 30, 1);                                       // and a second parent, 1: no cycle yet
        update(3, 241, 30, 3);                                       // its own parent: ignored
        assertThat(table.sourceRoute(global(1), ROOT)).contains(List.of(global(2), global(1)));
        scheduler.runFor(Duration.ofSeconds(61));                    // the root parent expires: 1 -> 2 -> 1
        assertThat(table.sourceRoute(global(1), ROOT)).isEmpty();
        assertThat(counters.get("loops")).isEqualTo(1);
        assertThat(table.snapshot(ROOT)).extracting(RouteSnapshot::depth).containsExactly(-1, -1);
        assertThat(counters.get("loops")).isEqualTo(1);              // snapshots do not count
        assertThat(table.contains(global(3))).isFalse();
    }

    @Test
    void noPathForAnUnknownTargetChangesNothing() {
        assertThat(update(1, 241, TransitInformation.NO_PATH, 0)).isEqualTo(RouteTable.Update.UNCHANGED);
        assertThat(table.size()).isZero();
    }

    @Test
    void clearForgetsEverything() {
        update(1, 241, 30, 0);
        table.clear();
        assertThat(table.size()).isZero();
        assertThat(scheduler.pending()).isZero();
    }
}
