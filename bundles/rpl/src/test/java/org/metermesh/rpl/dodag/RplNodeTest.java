package org.metermesh.rpl.dodag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.metermesh.rpl.dodag.Fixtures.DODAG_ID;
import static org.metermesh.rpl.dodag.Fixtures.dio;
import static org.metermesh.rpl.dodag.MeshHarness.global;
import static org.metermesh.rpl.dodag.MeshHarness.linkLocal;
import static org.metermesh.rpl.dodag.MeshHarness.mac;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.metermesh.api.event.ErrorCode;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.radio.MacAddress;
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
import org.metermesh.rpl.message.RplOption.SolicitedInformation;
import org.metermesh.rpl.message.RplOption.TransitInformation;
import org.metermesh.rpl.of.Rank;

/** One meter driven by hand: what it sends, when, and how it reacts. */
class RplNodeTest {

    private static final int STRONG = -60;

    private final VirtualScheduler scheduler = new VirtualScheduler(5);
    private final Fixtures.Transport transport = new Fixtures.Transport();
    private final Fixtures.Listener listener = new Fixtures.Listener();
    private RplNode node;

    private RplNode node(UnaryOperator<NodeConfig> tweak) {
        node = new RplNode(scheduler, tweak.apply(Fixtures.nodeConfig(mac(1)).withJoinJitter(Duration.ZERO)),
                transport, listener);
        node.start();
        return node;
    }

    private RplNode node() {
        return node(UnaryOperator.identity());
    }

    private void hear(int from, Dio dio) {
        node.received(dio, linkLocal(from), mac(from), STRONG, 255);
    }

    private void run(Duration d) {
        scheduler.runFor(d);
    }

    private void ack(Dao dao, int status) {
        node.received(new DaoAck(0, dao.sequence(), status, Optional.empty(), List.of()), DODAG_ID, global(1),
                mac(0), STRONG, 255);
    }

    /** A meter attached to the root and registered. */
    private RplNode joined() {
        node();
        hear(0, dio(128));
        run(Duration.ofSeconds(10));
        ack(transport.lastRouted(Dao.class).orElseThrow(), 0);
        transport.clear();
        return node;
    }

    @Test
    void staggeredJoinSendsTheFirstDisWithinTheJitter() {
        node(c -> c.withJoinJitter(Duration.ofSeconds(10)));
        assertThat(transport.onLink).isEmpty();
        run(Duration.ofSeconds(10));
        assertThat(transport.onLink).hasSize(1);
        Fixtures.OnLink dis = transport.onLink.get(0);
        assertThat(dis.message()).isInstanceOf(Dis.class);
        assertThat(dis.destination()).isEqualTo(Ipv6Address.ALL_RPL_NODES);
        assertThat(dis.nextHop()).isEqualTo(ShortAddress.BROADCAST);
        assertThat(node.state()).isEqualTo(NodeState.DISCOVERING);
    }

    @Test
    void jitterDiffersPerMeterAndRepeatsPerSeed() {
        assertThat(firstDisTimes(1)).isEqualTo(firstDisTimes(1)).doesNotHaveDuplicates();
        assertThat(firstDisTimes(1)).isNotEqualTo(firstDisTimes(2));
    }

    private static List<Long> firstDisTimes(long seed) {
        VirtualScheduler s = new VirtualScheduler(seed);
        long[] times = new long[20];
        for (int i = 0; i < times.length; i++) {
            int index = i;
            RplNode n = new RplNode(s, Fixtures.nodeConfig(mac(100 + i)), new RplTransport() {
                @Override
                public void sendOnLink(org.metermesh.rpl.message.RplMessage m, Ipv6Address d, MacAddress h) {
                    if (times[index] == 0) {
                        times[index] = s.nanoTime();
                    }
                }

                @Override
                public CompletionStage<TxStatus> sendRouted(
                        org.metermesh.rpl.message.RplMessage m, Ipv6Address d) {
                    return CompletableFuture.completedFuture(TxStatus.SENT);
                }
            }, RplEventListener.NONE);
            n.start();
        }
        s.runFor(Duration.ofSeconds(10));
        return java.util.Arrays.stream(times).boxed().toList();
    }

    @Test
    void joinsOnTheRootsDioAndRegistersWithANonStoringDao() {
        node();
        hear(0, dio(128));

        assertThat(node.state()).isEqualTo(NodeState.ATTACHED);
        assertThat(node.preferredParent()).contains(mac(0));
        assertThat(node.rank()).isEqualTo(256);                      // MRHOF: 128 + ETX 1
        assertThat(node.globalAddress()).contains(global(1));        // fd00:cafe:: + IID
        assertThat(node.dodagId()).contains(DODAG_ID);
        assertThat(listener.parents).containsExactly(mac(0));
        assertThat(node.joined()).isFalse();

        run(Duration.ofSeconds(6));                                  // DAO delay: [2 s, 6 s)
        Fixtures.Routed routed = transport.routed.get(0);
        assertThat(routed.destination()).isEqualTo(DODAG_ID);
        Dao dao = (Dao) routed.message();
        assertThat(dao.ackRequested()).isTrue();
        assertThat(dao.dodagId()).isEmpty();                         // global instance: no D flag
        assertThat(dao.option(RplTarget.class)).contains(RplTarget.host(global(1)));
        TransitInformation transit = dao.option(TransitInformation.class).orElseThrow();
        assertThat(transit.parentAddress()).contains(DODAG_ID);      // the parent's GLOBAL address (RFC 6550 9.7)
        assertThat(transit.pathControl()).isEqualTo(0x80);
        assertThat(transit.pathLifetime()).isEqualTo(30);            // the DODAG's Default Lifetime
        assertThat(transit.pathSequence()).isEqualTo(Lollipop.increment(Lollipop.INIT));

        ack(dao, 0);
        assertThat(node.joined()).isTrue();
        assertThat(listener.joined).isEqualTo(1);
    }

    @Test
    void advertisesItselfWithTrickleAndThePropagatedOptions() {
        joined();
        run(Duration.ofSeconds(5));                                  // first Trickle interval: Imin 4.096 s
        Dio dio = transport.onLink(Dio.class).get(0);
        assertThat(dio.rank()).isEqualTo(256);
        assertThat(dio.dodagId()).isEqualTo(DODAG_ID);
        assertThat(dio.option(DodagConfiguration.class)).contains(Fixtures.CONFIG);
        PrefixInformation pio = dio.option(PrefixInformation.class).orElseThrow();
        assertThat(pio.prefix()).isEqualTo(global(1));               // R: its own address
        assertThat(pio.autonomous()).isTrue();
        assertThat(transport.onLink.get(0).destination()).isEqualTo(Ipv6Address.ALL_RPL_NODES);
    }

    @Test
    void daoIsRetransmittedUntilAcknowledgedThenBacksOff() {
        node();
        hear(0, dio(128));
        run(Duration.ofSeconds(6));
        Dao first = transport.routed(Dao.class).get(0);

        // Five timeouts of [2.5 s, 7.5 s) doubling with each retransmission, at most three times: at most
        // 7.5 + 15 + 30 + 60 + 60 = 172.5 s until the DAO is given up.
        run(Duration.ofSeconds(30));
        assertThat(transport.routed(Dao.class)).hasSizeLessThan(5); // backing off, not every 5 s
        run(Duration.ofSeconds(143));
        List<Dao> sent = transport.routed(Dao.class);
        assertThat(sent.subList(0, 5)).allSatisfy(d -> assertThat(d).isEqualTo(first));
        assertThat(sent.stream().filter(d -> d.sequence() == first.sequence())).hasSize(5);
        assertThat(node.counters().get("dao-failed")).isEqualTo(1);

        run(Duration.ofSeconds(60));                                 // retry back-off
        Dao fresh = transport.lastRouted(Dao.class).orElseThrow();
        assertThat(fresh.sequence()).isEqualTo(Lollipop.increment(first.sequence()));
        ack(fresh, 0);
        assertThat(node.joined()).isTrue();
    }

    @Test
    void aMeterFurtherFromTheRootWaitsLongerForItsDaoAck() {
        node();
        hear(0, dio(1280));                                          // DAGRank 10: ten hops from the root
        run(Duration.ofSeconds(6));
        assertThat(transport.routed(Dao.class)).hasSize(1);
        assertThat(node.dagRank()).isEqualTo(11);

        // 5 s + 9 x 3 s = 32 s, so the first retransmission comes [16 s, 48 s) after the DAO, not [2.5 s, 7.5 s).
        run(Duration.ofSeconds(9));
        assertThat(transport.routed(Dao.class)).hasSize(1);
        run(Duration.ofSeconds(40));
        assertThat(transport.routed(Dao.class)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void staleOrForeignAcknowledgementsDoNotJoin() {
        node();
        hear(0, dio(128));
        run(Duration.ofSeconds(6));
        Dao dao = transport.routed(Dao.class).get(0);
        node.received(new DaoAck(0, Lollipop.increment(dao.sequence()), 0, Optional.empty(), List.of()), DODAG_ID,
                global(1), mac(0), STRONG, 255);
        node.received(new DaoAck(7, dao.sequence(), 0, Optional.empty(), List.of()), DODAG_ID, global(1), mac(0),
                STRONG, 255);
        assertThat(node.joined()).isFalse();
        assertThat(node.counters().get("dao-ack-unexpected")).isEqualTo(1);
        assertThat(node.counters().get("ignored:dao-ack-instance")).isEqualTo(1);
    }

    @Test
    void rejectionLeavesTheMeterUnregisteredAndRetries() {
        node();
        hear(0, dio(128));
        run(Duration.ofSeconds(6));
        ack(transport.routed(Dao.class).get(0), RplRoot.STATUS_UNABLE_TO_ACCEPT);
        assertThat(node.joined()).isFalse();
        assertThat(node.counters().get("dao-nack")).isEqualTo(1);
        run(Duration.ofSeconds(61));
        assertThat(transport.routed(Dao.class)).hasSize(2);
    }

    @Test
    void daoIsRefreshedBeforeItsLifetimeEnds() {
        node(c -> c.withDaoLifetimeUnits(10));                       // 10 min
        hear(0, dio(128));
        run(Duration.ofSeconds(6));
        ack(transport.routed(Dao.class).get(0), 0);
        long ackedAt = scheduler.nanoTime();
        while (transport.routed(Dao.class).size() < 2) {
            run(Duration.ofSeconds(1));
        }
        long after = scheduler.nanoTime() - ackedAt;
        assertThat(after).isBetween(Duration.ofMinutes(8).toNanos(), Duration.ofMinutes(9).toNanos() + 1_000_000_000L);
        Dao refresh = transport.lastRouted(Dao.class).orElseThrow();
        assertThat(refresh.option(TransitInformation.class).orElseThrow().pathLifetime()).isEqualTo(10);
        assertThat(node.counters().get("dao-refresh")).isEqualTo(1);
    }

    @Test
    void poisonedPreferredParentIsReplacedAtOnce() {
        node();
        hear(5, dio(256));
        hear(6, dio(300));
        assertThat(node.preferredParent()).contains(mac(5));
        assertThat(node.rank()).isEqualTo(384);
        assertThat(node.parents()).containsExactly(mac(5), mac(6));
        run(Duration.ofSeconds(10));
        Dao dao = transport.lastRouted(Dao.class).orElseThrow();
        assertThat(dao.optionsOf(TransitInformation.class)).extracting(t -> t.parentAddress().orElseThrow())
                .containsExactly(global(5), global(6));
        assertThat(dao.optionsOf(TransitInformation.class)).extracting(TransitInformation::pathControl)
                .containsExactly(0x80, 0x40);

        hear(5, dio(Rank.INFINITE_RANK));                            // RFC 6550 8.2.2.5 poisoning

        assertThat(node.preferredParent()).contains(mac(6));         // in the same call: no global repair needed
        assertThat(node.state()).isEqualTo(NodeState.ATTACHED);
        assertThat(listener.parents).containsExactly(mac(5), mac(6));
        assertThat(node.counters().get("parent-switch")).isEqualTo(1);
        run(Duration.ofSeconds(6));
        assertThat(transport.lastRouted(Dao.class).orElseThrow().optionsOf(TransitInformation.class))
                .extracting(t -> t.parentAddress().orElseThrow()).containsExactly(global(6));
    }

    @Test
    void siblingIsNoParentUntilItSpeaksAfterThePoison() {
        joined();                                                    // rank 256 via the root: DAGRank 2
        hear(5, dio(256));                                           // DAGRank 2: it may have lost our parent too
        assertThat(node.parents()).containsExactly(mac(0));
        transport.clear();

        hear(0, dio(Rank.INFINITE_RANK));

        // Not a switch to 5 on the strength of a DIO from before the poison: 5 is asked where it stands now.
        assertThat(node.preferredParent()).contains(mac(0));
        assertThat(transport.onLink).singleElement().satisfies(o -> {
            assertThat(o.message()).isInstanceOf(Dis.class);
            assertThat(o.destination()).isEqualTo(linkLocal(5));
            assertThat(o.nextHop()).isEqualTo(mac(5));
        });
        run(Duration.ofSeconds(3));                                  // no answer: local repair
        assertThat(node.state()).isEqualTo(NodeState.HOLD_DOWN);
        hear(5, dio(256));                                           // still there after our poison: trusted
        run(Duration.ofSeconds(9));
        assertThat(node.preferredParent()).contains(mac(5));
        assertThat(node.rank()).isEqualTo(384);
    }

    @Test
    void siblingThatAnswersAfterThePoisonIsTakenWithoutALocalRepair() {
        joined();
        hear(5, dio(300));
        hear(0, dio(Rank.INFINITE_RANK));
        assertThat(node.counters().get("dis-ask")).isEqualTo(1);

        hear(5, dio(300));                                           // its answer: it does not depend on our parent

        assertThat(node.state()).isEqualTo(NodeState.ATTACHED);
        assertThat(node.preferredParent()).contains(mac(5));
        assertThat(node.counters().get("local-repair")).isZero();
        run(Duration.ofSeconds(5));
        assertThat(node.counters().get("local-repair")).isZero();
    }

    @Test
    void aSiblingAskingWhileWeAskIsAnsweredOnlyOnceWeKnowWhereWeStand() {
        joined();                                                    // rank 256 via the root: DAGRank 2
        hear(5, dio(300));
        hear(0, dio(Rank.INFINITE_RANK));                            // we ask 5 where it stands
        transport.clear();

        // 5 lost the same parent and asks us: our Rank of 256 still runs through the poisoned root path. Told it,
        // 5 would take us while we take it.
        node.received(new Dis(), linkLocal(5), linkLocal(1), mac(5), STRONG, 255);
        run(Duration.ofMillis(500));
        assertThat(transport.onLink(Dio.class)).as("no answer while our own question is open").isEmpty();

        run(Duration.ofSeconds(3));                                  // no answer to ours: local repair
        assertThat(node.state()).isEqualTo(NodeState.HOLD_DOWN);
        assertThat(transport.onLink).filteredOn(o -> o.destination().equals(linkLocal(5)))
                .extracting(o -> ((Dio) o.message()).rank()).first().isEqualTo(Rank.INFINITE_RANK);
    }

    @Test
    void aHeldAnswerCarriesTheRankFoundThroughTheCandidateThatAnswered() {
        joined();
        hear(5, dio(300));
        hear(0, dio(Rank.INFINITE_RANK));
        node.received(new Dis(), linkLocal(7), linkLocal(1), mac(7), STRONG, 255);
        transport.clear();

        hear(5, dio(300));                                           // 5's answer: it does not depend on our parent
        run(Duration.ofMillis(10));

        assertThat(node.preferredParent()).contains(mac(5));
        assertThat(transport.onLink).filteredOn(o -> o.destination().equals(linkLocal(7)))
                .extracting(o -> ((Dio) o.message()).rank()).containsExactly(node.rank());
        assertThat(node.rank()).isGreaterThan(300);
    }

    @Test
    void aNeighbourLastHeardDeeperThanLIsAskedBeforeTheMeterDetaches() {
        joined();                                                    // rank 256 via the root: L's DAGRank 2
        hear(6, dio(640));                                           // DAGRank 5: no candidate on this Rank
        transport.clear();

        hear(0, dio(Rank.INFINITE_RANK));

        // Its Rank may have improved since; asked, not given up on.
        assertThat(node.state()).isEqualTo(NodeState.ATTACHED);
        assertThat(transport.onLink(Dis.class)).hasSize(1);
        assertThat(transport.onLink).singleElement().extracting(Fixtures.OnLink::nextHop).isEqualTo(mac(6));
        hear(6, dio(256));                                           // its Rank now: DAGRank 2, within L
        assertThat(node.preferredParent()).contains(mac(6));
        assertThat(node.counters().get("local-repair")).isZero();
    }

    @Test
    void possibleDescendantsAreToldOfTheRepairByUnicast() {
        joined();                                                    // DAGRank 2
        hear(0, dio(Rank.INFINITE_RANK));
        transport.clear();

        hear(7, dio(400));                                           // DAGRank 3: maybe our child, deaf to the poison
        assertThat(transport.onLink).hasSize(1);
        Fixtures.OnLink warning = transport.onLink.get(0);
        assertThat(warning.destination()).isEqualTo(linkLocal(7));
        assertThat(warning.nextHop()).isEqualTo(mac(7));
        assertThat(((Dio) warning.message()).rank()).isEqualTo(Rank.INFINITE_RANK);
        assertThat(node.counters().get("poison-unicast")).isEqualTo(1);

        run(Duration.ofSeconds(9));                                  // its stale DIO was not believed
        assertThat(node.preferredParent()).isEmpty();
        hear(7, dio(400));                                           // its next one is
        assertThat(node.preferredParent()).contains(mac(7));
        assertThat(node.counters().get("poison-unicast")).isEqualTo(1);
    }

    @Test
    void candidatesHeardBeforeALocalRepairAreForgotten() {
        joined();                                                    // DAGRank 2
        hear(6, dio(300));                                           // DAGRank 2: recorded, not usable
        hear(0, dio(Rank.INFINITE_RANK));                            // 6 is asked, does not answer: local repair
        run(Duration.ofSeconds(11));
        // 6's Rank may have run through us: without a fresh DIO it is not taken.
        assertThat(node.preferredParent()).isEmpty();
        assertThat(node.state()).isEqualTo(NodeState.DISCOVERING);
        hear(6, dio(300));
        assertThat(node.preferredParent()).contains(mac(6));
    }

    @Test
    void unacknowledgedFramesPushTheParentsEtxPastMrhofsLimit() {
        node();
        hear(5, dio(256));
        hear(6, dio(300));
        assertThat(node.preferredParent()).contains(mac(5));
        for (int i = 0; i < 3; i++) {
            node.transmitted(mac(5), TxStatus.NO_ACK);
        }
        run(Duration.ZERO);                                          // the re-selection runs in its own task
        assertThat(node.preferredParent()).contains(mac(6));
        assertThat(node.neighbours().stream().filter(n -> n.address().equals(mac(5))).findFirst().orElseThrow()
                .etx()).isGreaterThan(512);
    }

    @Test
    void losingTheLastParentPoisonsHoldsDownThenRediscovers() {
        joined();
        hear(0, dio(Rank.INFINITE_RANK));
        assertThat(node.state()).isEqualTo(NodeState.HOLD_DOWN);
        assertThat(node.rank()).isEqualTo(Rank.INFINITE_RANK);
        assertThat(node.preferredParent()).isEmpty();
        assertThat(node.joined()).isFalse();
        assertThat(listener.parents).containsExactly(mac(0), MacAddress.NONE);

        hear(0, dio(128));                                           // no parent during the hold-down
        assertThat(node.preferredParent()).isEmpty();
        run(Duration.ofSeconds(7));
        assertThat(transport.onLink(Dio.class)).hasSize(3)
                .allSatisfy(d -> assertThat(d.rank()).isEqualTo(Rank.INFINITE_RANK));
        assertThat(node.counters().get("local-repair")).isEqualTo(1);

        run(Duration.ofSeconds(2));                                  // hold-down over: the root's DIO is used
        assertThat(node.state()).isEqualTo(NodeState.ATTACHED);
        assertThat(node.preferredParent()).contains(mac(0));
    }

    @Test
    void afterAHoldDownWithoutCandidatesItDiscoversWithDis() {
        joined();
        hear(0, dio(Rank.INFINITE_RANK));
        run(Duration.ofSeconds(9));
        assertThat(node.state()).isEqualTo(NodeState.DISCOVERING);
        assertThat(transport.onLink(Dis.class)).hasSize(1);
    }

    @Test
    void noBeaconWhenNothingIsHeardAndDiscoveryRetries() {
        node();
        run(Duration.ofSeconds(121));
        assertThat(listener.errors).containsExactly(ErrorCode.ERR_NET_NO_BEACON);
        assertThat(listener.details.get(0)).contains("DISCOVERY_TIMEOUT (120 s)");
        long dis = transport.onLink(Dis.class).size();
        run(Duration.ofSeconds(120));
        assertThat(listener.errors).containsExactly(ErrorCode.ERR_NET_NO_BEACON, ErrorCode.ERR_NET_NO_BEACON);
        assertThat(transport.onLink(Dis.class).size()).isGreaterThan((int) dis);
    }

    @Test
    void noRootWhenNeighboursOfferOnlyInfiniteRankOrFloatingDodags() {
        node();
        run(Duration.ofSeconds(60));
        hear(5, dio(Rank.INFINITE_RANK));
        hear(6, new Dio(0, Lollipop.INIT, 256, false, Dio.MOP_NON_STORING, 0, Lollipop.INIT, DODAG_ID,
                List.of(Fixtures.CONFIG)));
        run(Duration.ofSeconds(61));
        assertThat(listener.errors).containsExactly(ErrorCode.ERR_RPL_NO_ROOT);
        assertThat(node.counters().get("dio-ignored:infinite-rank")).isEqualTo(1);
        assertThat(node.counters().get("dio-ignored:floating")).isEqualTo(1);
        assertThat(node.neighbours()).hasSize(2);
    }

    @Test
    void badDiosAreIgnoredAndCounted() {
        node();
        hear(2, new Dio(0, Lollipop.INIT, 256, true, Dio.MOP_NON_STORING, 0, 240, DODAG_ID, List.of()));
        hear(3, new Dio(0, Lollipop.INIT, 256, true, Dio.MOP_STORING_MULTICAST, 0, 240, DODAG_ID,
                List.of(Fixtures.CONFIG)));                          // MOP 3: no multicast routing here
        hear(4, dio(Lollipop.INIT, 100, 240));                       // below ROOT_RANK
        DodagConfiguration unknownOf = new DodagConfiguration(false, 0, 8, 12, 10, 1024, 128, 9, 30, 60);
        hear(5, new Dio(0, Lollipop.INIT, 256, true, Dio.MOP_NON_STORING, 0, 240, DODAG_ID, List.of(unknownOf)));
        DodagConfiguration zeroMinHop = new DodagConfiguration(false, 0, 8, 12, 10, 1024, 0, 1, 30, 60);
        hear(6, new Dio(0, Lollipop.INIT, 256, true, Dio.MOP_NON_STORING, 0, 240, DODAG_ID, List.of(zeroMinHop)));
        DodagConfiguration deadRoutes = new DodagConfiguration(false, 0, 8, 12, 10, 1024, 128, 1, 0, 60);
        hear(8, new Dio(0, Lollipop.INIT, 256, true, Dio.MOP_NON_STORING, 0, 240, DODAG_ID, List.of(deadRoutes)));
        hear(7, new Dio(0, Lollipop.INIT, 256, true, Dio.MOP_NON_STORING, 0, 240, DODAG_ID,
                List.of(Fixtures.CONFIG, new RplOption.Unknown(0x42, new byte[] {1, 2}))));

        assertThat(node.counters().get("dio-ignored:no-configuration")).isEqualTo(1);
        assertThat(node.counters().get("dio-ignored:mop")).isEqualTo(1);
        assertThat(node.counters().get("dio-ignored:rank")).isEqualTo(1);
        assertThat(node.counters().get("dio-ignored:objective-function")).isEqualTo(2);
        assertThat(node.counters().get("dio-ignored:zero-lifetime")).isEqualTo(1);
        assertThat(node.preferredParent()).contains(mac(7));         // unknown options are skipped
        assertThat(node.globalAddress()).isEmpty();                  // no Prefix Information yet
        run(Duration.ofSeconds(10));
        assertThat(transport.routed).isEmpty();                      // no address, no DAO

        hear(7, dio(256));                                           // now with the prefix
        run(Duration.ofSeconds(6));
        assertThat(transport.routed(Dao.class)).hasSize(1);
    }

    @Test
    void aMuchBetterRankWaitsForTheNextTrickleDioWhileAWorseOneIsSaidAtOnce() {
        node();
        hear(5, dio(1024));
        run(Duration.ofSeconds(10));
        ack(transport.lastRouted(Dao.class).orElseThrow(), 0);
        run(Duration.ofMinutes(5));
        List<Dio> sent = transport.onLink(Dio.class);
        int advertised = sent.get(sent.size() - 1).rank();
        Duration interval = node.trickleInterval();
        assertThat(interval).isGreaterThan(Duration.ofMillis(4096));
        transport.clear();

        hear(5, dio(256));                                           // the parent moved up by six hops, and so do we
        assertThat(node.rank()).isLessThan(advertised - RplNode.SIGNIFICANT_RANK_RISE * 128);
        assertThat(node.trickleInterval()).as("no reset").isEqualTo(interval);
        assertThat(transport.onLink(Dio.class)).as("nothing said out of turn").isEmpty();
        run(interval);
        assertThat(transport.onLink(Dio.class)).as("the interval's DIO carries it").extracting(Dio::rank)
                .containsOnly(node.rank());
        assertThat(node.counters().get("trickle-reset:rank")).isZero();
        int better = node.rank();

        for (int i = 0; i < 3; i++) {
            node.transmitted(mac(5), TxStatus.NO_ACK);               // the link to 5 degrades
        }
        run(Duration.ZERO);                                          // the re-selection runs in its own task
        assertThat(node.rank()).isGreaterThan(better + RplNode.SIGNIFICANT_RANK_RISE * 128);
        assertThat(node.trickleInterval()).as("reset").isEqualTo(Duration.ofMillis(4096));
        assertThat(node.counters().get("trickle-reset:rank")).isEqualTo(1);
    }

    @Test
    void unicastDisGetsAUnicastDioAndMulticastDisResetsTrickle() {
        joined();
        run(Duration.ofMinutes(5));
        assertThat(node.trickleInterval()).isGreaterThan(Duration.ofMillis(4096));
        transport.clear();

        node.received(new Dis(), linkLocal(9), linkLocal(1), mac(9), STRONG, 255);
        assertThat(transport.onLink).hasSize(1);
        assertThat(transport.onLink.get(0).destination()).isEqualTo(linkLocal(9));
        assertThat(transport.onLink.get(0).nextHop()).isEqualTo(mac(9));
        assertThat(node.trickleInterval()).isGreaterThan(Duration.ofMillis(4096));

        SolicitedInformation otherInstance = new SolicitedInformation(7, false, true, false, DODAG_ID, 0);
        node.received(new Dis(List.of(otherInstance)), linkLocal(9), mac(9), STRONG, 255);
        assertThat(node.trickleInterval()).isGreaterThan(Duration.ofMillis(4096));

        node.received(new Dis(), linkLocal(9), mac(9), STRONG, 255);
        assertThat(node.trickleInterval()).isEqualTo(Duration.ofMillis(4096));
    }

    @Test
    void newDodagVersionIsJoinedAtOnceWithAFreshDao() {
        joined();
        run(Duration.ofMinutes(5));
        int next = Lollipop.increment(Lollipop.INIT);

        hear(0, dio(next, 128, Lollipop.INIT));

        assertThat(node.dodagVersion()).hasValue(next);
        assertThat(node.preferredParent()).contains(mac(0));
        assertThat(node.trickleInterval()).isEqualTo(Duration.ofMillis(4096));
        assertThat(listener.parents).containsExactly(mac(0));        // the same parent: no change reported
        run(Duration.ofSeconds(6));
        assertThat(transport.routed(Dao.class)).hasSize(1);

        hear(0, dio(Lollipop.INIT, 128, Lollipop.INIT));             // the old Version is ignored
        assertThat(node.dodagVersion()).hasValue(next);
        assertThat(node.counters().get("dio-ignored:old-version")).isEqualTo(1);
    }

    @Test
    void parentsDtsnIncrementTriggersADaoAndOurOwnIncrement() {
        joined();
        run(Duration.ofMinutes(1));
        int own = node.dtsn().orElseThrow();

        hear(0, dio(Lollipop.INIT, 128, Lollipop.increment(Lollipop.INIT)));

        assertThat(node.dtsn()).hasValue(Lollipop.increment(own));
        run(Duration.ofSeconds(6));
        assertThat(transport.routed(Dao.class)).hasSize(1);
        hear(0, dio(Lollipop.INIT, 128, Lollipop.increment(Lollipop.INIT)));   // same DTSN again: nothing
        run(Duration.ofSeconds(6));
        assertThat(transport.routed(Dao.class)).hasSize(1);
    }

    @Test
    void neighbourTableHoldsAtMost32AndRepeatedHearingNeverDuplicates() {
        node();
        for (int round = 0; round < 3; round++) {
            for (int i = 10; i < 50; i++) {
                node.received(new Dis(), linkLocal(i), mac(i), -70, 200);
            }
        }
        assertThat(node.neighbours()).hasSize(32);
        assertThat(node.neighbours().stream().map(n -> n.address()).distinct()).hasSize(32);
    }

    @Test
    void diosOfNeighboursAFullTableTurnsAwayStillCountTowardsTrickleRedundancy() {
        joined();
        for (int i = 10; i < 41; i++) {
            hear(i, dio(384));                                   // 31 deeper neighbours: the table is full
        }
        assertThat(node.neighbours()).hasSize(32);

        for (boolean turnedAway : new boolean[] {false, true}) {
            node.received(new Dis(), linkLocal(9), mac(9), STRONG, 255); // multicast DIS: Trickle from Imin
            transport.clear();
            if (turnedAway) {
                for (int i = 50; i < 60; i++) {
                    hear(i, dio(1024));                          // k = 10 DIOs, none worth a place in the table
                }
                assertThat(node.neighbours()).extracting(n -> n.address()).doesNotContain(mac(50));
            }
            run(Duration.ofMillis(4096));
            assertThat(transport.onLink(Dio.class)).as(turnedAway ? "suppressed" : "sent").hasSize(turnedAway ? 0 : 1);
        }
        assertThat(node.counters().get("dio-ignored:neighbour-table-full")).isEqualTo(10);
    }

    @Test
    void flushForgetsEverythingAndDetaches() {
        joined();
        node.flush();
        assertThat(node.neighbours()).isEmpty();
        assertThat(node.state()).isEqualTo(NodeState.HOLD_DOWN);
        assertThat(node.preferredParent()).isEmpty();
        assertThat(node.counters().get("flush")).isEqualTo(1);
    }

    @Test
    void stopSilencesTheMeter() {
        joined();
        node.stop();
        transport.clear();
        hear(0, dio(128));
        node.transmitted(mac(0), TxStatus.NO_ACK);
        run(Duration.ofMinutes(10));
        assertThat(transport.onLink).isEmpty();
        assertThat(transport.routed).isEmpty();
        assertThat(node.state()).isEqualTo(NodeState.STOPPED);
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void parentIsProbedWithUnicastDios() {
        joined();
        run(Duration.ofMinutes(3));
        List<Fixtures.OnLink> probes = transport.onLink.stream()
                .filter(o -> o.destination().equals(linkLocal(0))).toList();
        assertThat(probes).hasSizeBetween(1, 4);
        assertThat(probes).allSatisfy(p -> assertThat(p.nextHop()).isEqualTo(mac(0)));
    }

    @Test
    void otherInstancesAreNotJoined() {
        node(c -> c.withInstanceId(5));
        hear(0, dio(128));
        assertThat(node.preferredParent()).isEmpty();
        assertThat(node.counters().get("dio-ignored:instance")).isEqualTo(1);
        hear(0, new Dio(5, Lollipop.INIT, 128, true, Dio.MOP_NON_STORING, 0, 240, DODAG_ID,
                List.of(Fixtures.CONFIG, Fixtures.PIO)));
        assertThat(node.preferredParent()).contains(mac(0));
        assertThat(node.instanceId()).hasValue(5);
    }

    @Test
    void localInstanceDaosCarryTheDodagId() {
        node();
        hear(0, new Dio(130, Lollipop.INIT, 128, true, Dio.MOP_NON_STORING, 0, 240, DODAG_ID,
                List.of(Fixtures.CONFIG, Fixtures.PIO)));
        run(Duration.ofSeconds(6));
        assertThat(transport.routed(Dao.class).get(0).dodagId()).contains(DODAG_ID);
    }

    @Test
    void noDownwardRoutesModeJoinsWithoutDao() {
        node();
        hear(0, new Dio(0, Lollipop.INIT, 128, true, Dio.MOP_NO_DOWNWARD_ROUTES, 0, 240, DODAG_ID,
                List.of(Fixtures.CONFIG, Fixtures.PIO)));
        assertThat(node.joined()).isTrue();
        run(Duration.ofSeconds(30));
        assertThat(transport.routed).isEmpty();
    }

    @Test
    void linkSourceMayBeMissingForLinkLocalSenders() {
        node();
        node.received(dio(128), linkLocal(0), MacAddress.NONE, STRONG, 255);
        assertThat(node.preferredParent()).contains(mac(0));
        node.received(dio(128), global(4), MacAddress.NONE, STRONG, 255);
        assertThat(node.counters().get("ignored:no-link-source")).isEqualTo(1);
    }

    @Test
    void prefixInformationWithoutAutonomousFlagGivesNoAddress() {
        node();
        PrefixInformation managed = new PrefixInformation(64, false, false, true, 1000, 1000, DODAG_ID);
        hear(0, new Dio(0, Lollipop.INIT, 128, true, Dio.MOP_NON_STORING, 0, 240, DODAG_ID,
                List.of(Fixtures.CONFIG, managed)));
        assertThat(node.preferredParent()).contains(mac(0));
        assertThat(node.globalAddress()).isEmpty();
    }
}
