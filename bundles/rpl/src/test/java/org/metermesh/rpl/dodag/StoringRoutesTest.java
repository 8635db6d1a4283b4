package org.metermesh.rpl.dodag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metermesh.rpl.dodag.MeshHarness.global;
import static org.metermesh.rpl.dodag.MeshHarness.mac;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.rpl.dodag.RouteTable.Update;

/** The storing-mode next-hop table: Path Sequence order, No-Path from the next hop only, lifetimes, capacity. */
class StoringRoutesTest {

    private static final int UNIT = 60;

    private final VirtualScheduler scheduler = new VirtualScheduler(1);
    private final StoringRoutes routes = new StoringRoutes(scheduler, 2);

    @Test
    void newerOrEqualPathSequencesMoveTheRouteOlderOnesAreStale() {
        assertThat(routes.update(global(5), mac(1), 241, 30, UNIT)).isEqualTo(Update.ADDED);
        assertThat(routes.update(global(5), mac(2), 241, 30, UNIT)).isEqualTo(Update.UPDATED);  // its branch moved
        assertThat(routes.nextHop(global(5))).contains(mac(2));
        assertThat(routes.update(global(5), mac(1), 240, 30, UNIT)).isEqualTo(Update.STALE);
        assertThat(routes.nextHop(global(5))).contains(mac(2));
        assertThat(routes.update(global(5), mac(3), 242, 30, UNIT)).isEqualTo(Update.UPDATED);
        assertThat(routes.nextHop(global(5))).contains(mac(3));
    }

    @Test
    void noPathRemovesOnlyWhenItComesFromTheNextHop() {
        routes.update(global(5), mac(1), 241, 30, UNIT);
        assertThat(routes.update(global(5), mac(2), 241, 0, UNIT)).isEqualTo(Update.UNCHANGED);
        assertThat(routes.nextHop(global(5))).contains(mac(1));
        assertThat(routes.update(global(5), mac(1), 241, 0, UNIT)).isEqualTo(Update.REMOVED);
        assertThat(routes.nextHop(global(5))).isEmpty();
        assertThat(routes.update(global(6), mac(1), 241, 0, UNIT)).isEqualTo(Update.UNCHANGED);
    }

    @Test
    void routesExpireAfterTheirLifetimeAndInfiniteOnesDoNot() {
        routes.update(global(5), mac(1), 241, 2, UNIT);
        routes.update(global(6), mac(1), 241, 0xff, UNIT);
        scheduler.runFor(Duration.ofSeconds(119));
        assertThat(routes.nextHop(global(5))).contains(mac(1));
        scheduler.runFor(Duration.ofSeconds(1));
        assertThat(routes.nextHop(global(5))).isEmpty();
        scheduler.runFor(Duration.ofDays(400));
        assertThat(routes.nextHop(global(6))).contains(mac(1));
    }

    @Test
    void aFullTableRefusesNewTargetsButMakesRoomFromExpiredOnes() {
        routes.update(global(5), mac(1), 241, 1, UNIT);
        routes.update(global(6), mac(1), 241, 30, UNIT);
        assertThat(routes.update(global(7), mac(1), 241, 30, UNIT)).isEqualTo(Update.FULL);
        assertThat(routes.update(global(6), mac(2), 241, 30, UNIT)).isEqualTo(Update.UPDATED);  // known: fits
        scheduler.runFor(Duration.ofSeconds(UNIT));
        assertThat(routes.update(global(7), mac(1), 241, 30, UNIT)).isEqualTo(Update.ADDED);
        assertThat(routes.routes()).extracting(StoringRoutes.Route::target).containsExactly(global(6), global(7));
    }
}
