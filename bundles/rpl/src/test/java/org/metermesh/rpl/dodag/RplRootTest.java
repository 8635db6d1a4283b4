package org.metermesh.rpl.dodag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.metermesh.rpl.dodag.MeshHarness.PREFIX;
import static org.metermesh.rpl.dodag.MeshHarness.global;
import static org.metermesh.rpl.dodag.MeshHarness.linkLocal;
import static org.metermesh.rpl.dodag.MeshHarness.mac;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.api.radio.ShortAddress;
import org.metermesh.api.radio.TxStatus;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.rpl.message.RplMessage.Dao;
import org.metermesh.rpl.message.RplMessage.DaoAck;
import org.metermesh.rpl.message.RplMessage.Dio;
import org.metermesh.rpl.message.RplMessage.Dis;
import org.metermesh.rpl.message.RplOption;
import org.metermesh.rpl.message.RplOption.DodagConfiguration;
import org.metermesh.rpl.message.RplOption.PrefixInformation;
import org.metermesh.rpl.message.RplOption.RplTarget;
import org.metermesh.rpl.message.RplOption.TransitInformation;
import org.metermesh.rpl.trickle.TrickleConfig;

/** The gateway's root core driven by hand. */
class RplRootTest {

    private final VirtualScheduler scheduler = new VirtualScheduler(3);
    private final Fixtures.Transport transport = new Fixtures.Transport();
    private RplRoot root = root(RootConfig.defaults(mac(0), PREFIX));

    private RplRoot root(RootConfig config) {
        RplRoot r = new RplRoot(scheduler, config, transport, RplEventListener.NONE);
        r.start();
        return r;
    }

    private static Dao dao(int from, int pathSequence, int lifetime, int... parents) {
        List<RplOption> options = new ArrayList<>();
        options.add(RplTarget.host(global(from)));
        for (int i = 0; i < parents.length; i++) {
            options.add(new TransitInformation(false, 0x80 >>> i, pathSequence, lifetime,
                    Optional.of(global(parents[i]))));
        }
        return new Dao(0, true, pathSequence, Optional.empty(), options);
    }

    private void send(int from, Dao dao) {
        root.received(dao, global(from), mac(from), -60, 255);
    }

    @Test
    void advertisesTheDodagWithConfigurationAndPrefix() {
        scheduler.runFor(TrickleConfig.METERMESH_DEFAULT.imin());        // the first DIO within Imin
        Fixtures.OnLink sent = transport.onLink.get(0);
        assertThat(sent.destination()).isEqualTo(Ipv6Address.ALL_RPL_NODES);
        assertThat(sent.nextHop()).isEqualTo(ShortAddress.BROADCAST);
        Dio dio = (Dio) sent.message();
        assertThat(dio.rank()).isEqualTo(128);                       // ROOT_RANK = MinHopRankIncrease
        assertThat(dio.mop()).isEqualTo(Dio.MOP_NON_STORING);
        assertThat(dio.grounded()).isTrue();
        assertThat(dio.version()).isEqualTo(Lollipop.INIT);
        assertThat(dio.dodagId()).isEqualTo(global(0)).isEqualTo(root.dodagId());
        DodagConfiguration config = dio.option(DodagConfiguration.class).orElseThrow();
        assertThat(config.objectiveCodePoint()).isEqualTo(1);
        assertThat(config.minHopRankIncrease()).isEqualTo(128);
        assertThat(config.maxRankIncrease()).isEqualTo(1024);
        assertThat(TrickleConfig.fromRpl(config.dioIntervalMin(), config.dioIntervalDoublings(),
                config.dioRedundancyConstant())).isEqualTo(TrickleConfig.METERMESH_DEFAULT);
        assertThat(config.defaultLifetime() * config.lifetimeUnit()).isEqualTo(7200);  // 2 h, as Wi-SUN FAN
        PrefixInformation pio = dio.option(PrefixInformation.class).orElseThrow();
        assertThat(new Ipv6Prefix(pio.prefix(), pio.prefixLength())).isEqualTo(PREFIX);
        assertThat(pio.autonomous()).isTrue();
        assertThat(pio.routerAddress()).isTrue();
        assertThat(root.counters().get("dio-sent")).isEqualTo(1);
    }

    @Test
    void daoInstallsARouteAndIsAcknowledgedDownTheSourceRoute() {
        Dao dao = dao(1, 241, 30, 0);
        send(1, dao);
        assertThat(root.sourceRoute(global(1))).contains(List.of(global(1)));
        Fixtures.Routed ack = transport.routed.get(0);
        assertThat(ack.destination()).isEqualTo(global(1));
        DaoAck a = (DaoAck) ack.message();
        assertThat(a.sequence()).isEqualTo(dao.sequence());
        assertThat(a.status()).isZero();
        assertThat(root.counters().get("dao-ack-sent")).isEqualTo(1);

        send(2, dao(2, 241, 30, 1));
        send(3, dao(3, 241, 30, 2));
        assertThat(root.sourceRoute(global(3))).contains(List.of(global(1), global(2), global(3)));
        assertThat(root.routes()).extracting(RouteSnapshot::depth).containsExactly(1, 2, 3);
    }

    @Test
    void aRetransmittedDaoWhoseAcknowledgementIsStillQueuedIsNotAnsweredTwice() {
        CompletableFuture<TxStatus> queued = new CompletableFuture<>();
        transport.firstHop = queued;
        Dao dao = dao(1, 241, 30, 0);
        send(1, dao);
        send(1, dao);                                                // the meter gave up waiting and repeats
        assertThat(transport.routed).hasSize(1);
        assertThat(root.counters().get("dao-ack-queued")).isEqualTo(1);

        send(2, dao(2, 241, 30, 1));                                 // another meter's DAO is answered
        assertThat(transport.routed).hasSize(2);

        queued.complete(TxStatus.NO_ACK);                            // the DAO-ACK left (and was lost)
        send(1, dao);
        assertThat(transport.routed).hasSize(3);
        assertThat(((DaoAck) transport.routed.get(2).message()).sequence()).isEqualTo(dao.sequence());
    }

    @Test
    void withoutTheKFlagThereIsNoAcknowledgement() {
        root.received(new Dao(0, false, 1, Optional.empty(), dao(1, 241, 30, 0).options()), global(1), mac(1), -60,
                255);
        assertThat(root.sourceRoute(global(1))).isPresent();
        assertThat(transport.routed).isEmpty();
    }

    @Test
    void incompletePathsGiveNoRoute() {
        send(2, dao(2, 241, 30, 1));                                 // 1 has not registered yet
        assertThat(root.sourceRoute(global(2))).isEmpty();
        assertThat(root.routes().get(0).reachable()).isFalse();
        assertThat(root.sourceRoute(global(9))).isEmpty();
        assertThat(root.sourceRoute(root.dodagId())).isEmpty();
    }

    @Test
    void noPathDaoRemovesTheRoute() {
        send(1, dao(1, 241, 30, 0));
        send(1, dao(1, 242, TransitInformation.NO_PATH, 0));
        assertThat(root.sourceRoute(global(1))).isEmpty();
        assertThat(root.routeCount()).isZero();
        assertThat(root.counters().get("route-removed")).isEqualTo(1);
        assertThat(root.counters().get("no-path")).isEqualTo(1);
    }

    @Test
    void fullTableRejectsNewTargets() {
        root = root(RootConfig.defaults(mac(0), PREFIX).withRouteCapacity(1));
        transport.clear();
        send(1, dao(1, 241, 30, 0));
        send(2, dao(2, 241, 30, 1));
        assertThat(((DaoAck) transport.routed.get(1).message()).status()).isEqualTo(RplRoot.STATUS_UNABLE_TO_ACCEPT);
        assertThat(((DaoAck) transport.routed.get(1).message()).rejected()).isTrue();
        assertThat(root.routeCount()).isEqualTo(1);
        assertThat(root.counters().get("dao-rejected")).isEqualTo(1);
        send(1, dao(1, 242, 30, 0));                                 // known targets still refresh
        assertThat(((DaoAck) transport.routed.get(2).message()).status()).isZero();
    }

    @Test
    void unusableDaosAreIgnoredAndCounted() {
        root.received(new Dao(7, true, 1, Optional.empty(), dao(1, 241, 30, 0).options()), global(1), mac(1), -60,
                255);
        root.received(new Dao(0, true, 1, Optional.of(global(9)), dao(1, 241, 30, 0).options()), global(1), mac(1),
                -60, 255);
        root.received(new Dao(0, true, 1, Optional.empty(), List.of(RplTarget.host(global(1)),
                new TransitInformation(false, 0x80, 241, 30, Optional.empty()))), global(1), mac(1), -60, 255);
        root.received(new Dao(0, true, 1, Optional.empty(), List.of(new RplTarget(64, global(1)),
                new TransitInformation(false, 0x80, 241, 30, Optional.of(global(0))))), global(1), mac(1), -60, 255);
        root.received(new Dao(0, true, 1, Optional.empty(), List.of()), global(1), mac(1), -60, 255);
        root.received(new DaoAck(0, 1, 0, Optional.empty(), List.of()), global(1), mac(1), -60, 255);

        assertThat(root.routeCount()).isZero();
        assertThat(transport.routed).isEmpty();
        assertThat(root.counters().get("dao-ignored:instance")).isEqualTo(1);
        assertThat(root.counters().get("dao-ignored:dodag")).isEqualTo(1);
        assertThat(root.counters().get("dao-ignored:storing-transit")).isEqualTo(1);
        assertThat(root.counters().get("dao-ignored:prefix-target")).isEqualTo(1);
        assertThat(root.counters().get("dao-ignored:no-target")).isEqualTo(3);
        assertThat(root.counters().get("ignored:dao-ack")).isEqualTo(1);
    }

    @Test
    void oneDaoMayCarrySeveralTargetGroups() {
        root.received(new Dao(0, true, 5, Optional.empty(), List.of(
                RplTarget.host(global(1)), new TransitInformation(false, 0x80, 241, 30, Optional.of(global(0))),
                RplTarget.host(global(2)), RplTarget.host(global(3)),
                new TransitInformation(false, 0x80, 241, 30, Optional.of(global(1))))), global(1), mac(1), -60, 255);
        assertThat(root.sourceRoute(global(3))).contains(List.of(global(1), global(3)));
        assertThat(root.sourceRoute(global(2))).contains(List.of(global(1), global(2)));
    }

    @Test
    void multicastDisResetsTrickleAndUnicastDisGetsAUnicastDio() {
        scheduler.runFor(Duration.ofMinutes(10));
        long before = root.counters().get("dio-sent");
        root.received(new Dis(), linkLocal(5), global(0), mac(5), -60, 255);
        assertThat(root.counters().get("dio-sent")).isEqualTo(before + 1);
        Fixtures.OnLink reply = transport.onLink.get(transport.onLink.size() - 1);
        assertThat(reply.destination()).isEqualTo(linkLocal(5));
        assertThat(reply.nextHop()).isEqualTo(mac(5));

        root.received(new Dis(), linkLocal(5), mac(5), -60, 255);    // multicast: next DIO within Imin
        scheduler.runFor(TrickleConfig.METERMESH_DEFAULT.imin());
        assertThat(root.counters().get("dio-sent")).isEqualTo(before + 2);
        assertThat(root.counters().get("dis-received")).isEqualTo(2);
    }

    @Test
    void globalRepairAndDtsnIncrementAreAdvertisedAtOnce() {
        scheduler.runFor(Duration.ofMinutes(10));
        root.globalRepair();
        root.incrementDtsn();
        transport.clear();
        scheduler.runFor(TrickleConfig.METERMESH_DEFAULT.imin());
        Dio dio = transport.onLink(Dio.class).get(0);
        assertThat(dio.version()).isEqualTo(Lollipop.increment(Lollipop.INIT));
        assertThat(dio.dtsn()).isEqualTo(Lollipop.increment(Lollipop.INIT));
        assertThat(root.counters().get("global-repair")).isEqualTo(1);
        assertThat(root.counters().get("dtsn-increment")).isEqualTo(1);
    }

    @Test
    void aRebootedRootJumpsPastTheVersionItsMeshStillAdvertises() {
        int theirs = 245;
        root.received(new Dio(0, theirs, 256, true, 1, 0, 240, root.dodagId(), List.of()), linkLocal(1), mac(1), -60,
                255);
        assertThat(root.version()).isEqualTo(Lollipop.increment(theirs));
        root.received(new Dio(0, 250, 256, true, 1, 0, 240, global(7), List.of()), linkLocal(1), mac(1), -60, 255);
        assertThat(root.version()).isEqualTo(Lollipop.increment(theirs));    // another DODAG: not ours
    }

    @Test
    void stoppedRootIgnoresEverything() {
        root.stop();
        send(1, dao(1, 241, 30, 0));
        scheduler.runFor(Duration.ofMinutes(5));
        assertThat(root.routeCount()).isZero();
        assertThat(transport.onLink).isEmpty();
        assertThat(root.isRunning()).isFalse();
    }

    @Test
    void configurationIsChecked() {
        assertThatThrownBy(() -> RootConfig.defaults(mac(0), Ipv6Prefix.parse("fd00::/96")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RootConfig.defaults(mac(0), PREFIX).withConfiguration(
                new DodagConfiguration(false, 0, 8, 12, 10, 1024, 128, 9, 30, 60)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RootConfig.defaults(mac(0), PREFIX).withRouteCapacity(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storingRootRoutesByNextHopAndAnswersTheChildOnLink() {
        root.stop();
        root = root(RootConfig.defaults(mac(0), PREFIX).withMop(Dio.MOP_STORING_NO_MULTICAST));
        scheduler.runFor(TrickleConfig.METERMESH_DEFAULT.imin());
        assertThat(transport.onLink(Dio.class).get(0).mop()).isEqualTo(Dio.MOP_STORING_NO_MULTICAST);
        Dao viaOne = new Dao(0, true, 7, Optional.empty(), List.of(RplTarget.host(global(3)),
                new TransitInformation(false, 0x80, 241, 30, Optional.empty())));
        root.received(viaOne, linkLocal(1), mac(1), -60, 255);

        assertThat(root.nextHop(global(3))).contains(mac(1));
        assertThat(root.sourceRoute(global(3))).isEmpty();
        assertThat(root.canRoute(global(3))).isTrue();
        Fixtures.OnLink ack = transport.onLink.get(transport.onLink.size() - 1);
        assertThat(ack.destination()).isEqualTo(linkLocal(1));
        assertThat(ack.nextHop()).isEqualTo(mac(1));
        assertThat(((DaoAck) ack.message()).sequence()).isEqualTo(7);
        assertThat(transport.routed).isEmpty();

        send(4, dao(4, 241, 30, 0));                                 // a non-storing DAO: wrong mode
        assertThat(root.counters().get("dao-ignored:non-storing-transit")).isEqualTo(1);
        assertThat(root.nextHop(global(4))).isEmpty();

        Dao noPath = new Dao(0, false, 8, Optional.empty(), List.of(RplTarget.host(global(3)),
                new TransitInformation(false, 0x80, 241, TransitInformation.NO_PATH, Optional.empty())));
        root.received(noPath, linkLocal(2), mac(2), -60, 255);      // not the next hop: the route stays
        assertThat(root.nextHop(global(3))).contains(mac(1));
        root.received(noPath, linkLocal(1), mac(1), -60, 255);
        assertThat(root.nextHop(global(3))).isEmpty();
        assertThat(root.counters().get("route-removed")).isEqualTo(1);
    }
}
