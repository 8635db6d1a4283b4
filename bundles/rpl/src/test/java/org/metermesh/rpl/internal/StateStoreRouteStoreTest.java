package org.metermesh.rpl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metermesh.api.counters.Counters;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.TxStatus;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.platform.state.MvStateStore;
import org.metermesh.rpl.dodag.RootConfig;
import org.metermesh.rpl.dodag.RouteSnapshot;
import org.metermesh.rpl.dodag.RplEventListener;
import org.metermesh.rpl.dodag.RplRoot;
import org.metermesh.rpl.dodag.RplTransport;
import org.metermesh.rpl.message.RplMessage;
import org.metermesh.rpl.message.RplMessage.Dao;
import org.metermesh.rpl.message.RplOption;
import org.metermesh.rpl.message.RplOption.RplTarget;
import org.metermesh.rpl.message.RplOption.TransitInformation;

/** The root's routes in a real H2 MVStore file: a new root on the reopened file routes as the old one did. */
class StateStoreRouteStoreTest {

    private static final Ipv6Prefix PREFIX = Ipv6Prefix.parse("fd00:cafe::/64");
    private static final RplTransport DISCARD = new RplTransport() {
        @Override
        public void sendOnLink(RplMessage message, Ipv6Address destination, MacAddress nextHop) {
        }

        @Override
        public CompletionStage<TxStatus> sendRouted(RplMessage message,
                Ipv6Address destination) {
            return CompletableFuture.completedFuture(TxStatus.SENT);
        }
    };

    @TempDir
    Path dir;

    private static ExtendedAddress mac(int n) {
        return ExtendedAddress.of(0x0212_4b00_0000_0000L + n);
    }

    private static Ipv6Address global(int n) {
        return Ipv6Address.of(PREFIX, mac(n));
    }

    private static RplRoot root(VirtualScheduler scheduler, MvStateStore state) {
        RplRoot root = new RplRoot(scheduler, RootConfig.defaults(mac(0), PREFIX), DISCARD, RplEventListener.NONE,
                new Counters(), new StateStoreRouteStore(state));
        root.start();
        return root;
    }

    private static void dao(RplRoot root, int from, int... parents) {
        List<RplOption> options = new ArrayList<>();
        options.add(RplTarget.host(global(from)));
        for (int i = 0; i < parents.length; i++) {
            options.add(new TransitInformation(false, 0x80 >>> i, 241, 120, Optional.of(global(parents[i]))));
        }
        root.received(new Dao(0, true, 1, Optional.empty(), options), global(from), mac(from), -60, 255);
    }

    @Test
    void aNewRootOnTheReopenedStoreHasTheSameRoutes() {
        Path file = dir.resolve("state.mv");
        VirtualScheduler first = new VirtualScheduler(1);
        List<RouteSnapshot> before;
        int version;
        try (MvStateStore state = MvStateStore.open(file, 0)) {
            RplRoot old = root(first, state);
            dao(old, 1, 0);
            dao(old, 2, 1);
            dao(old, 3, 2, 1);
            old.globalRepair();
            first.runFor(Duration.ofSeconds(30));
            old.stop();
            before = old.routes();
            version = old.version();
        }

        try (MvStateStore state = MvStateStore.open(file, 0)) {
            assertThat(state.map(StateStoreRouteStore.ROUTES_MAP).keys()).containsExactlyInAnyOrder(
                    global(1).toString(), global(2).toString(), global(3).toString());
            RplRoot resumed = root(new VirtualScheduler(2, first.now()), state);
            assertThat(resumed.version()).isEqualTo(version);
            assertThat(resumed.sourceRoute(global(3))).contains(List.of(global(1), global(2), global(3)));
            assertThat(resumed.routes()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("lifetimeLeft",
                    "parents").containsExactlyElementsOf(before);
            assertThat(resumed.routes().get(2).parents()).extracting(RouteSnapshot.Parent::address)
                    .containsExactly(global(2), global(1));
        }
    }
}
