package org.metermesh.rpl.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.metermesh.rpl.of.Rank;
import org.metermesh.api.event.ErrorCode;
import org.metermesh.api.radio.TxStatus;
import org.metermesh.platform.clock.VirtualScheduler;

class NeighbourTableTest {

    /** Records every callback. */
    private static final class Events implements NeighbourListener<Integer> {
        final List<Integer> added = new ArrayList<>();
        final List<String> removed = new ArrayList<>();
        final List<PacketLossWarning<Integer>> warnings = new ArrayList<>();
        final List<Integer> cleared = new ArrayList<>();

        @Override
        public void added(Neighbour<Integer> n) {
            added.add(n.address());
        }

        @Override
        public void removed(Neighbour<Integer> n, RemovalReason reason) {
            removed.add(n.address() + ":" + reason);
        }

        @Override
        public void highPacketLoss(PacketLossWarning<Integer> warning) {
            warnings.add(warning);
        }

        @Override
        public void packetLossCleared(Neighbour<Integer> n) {
            cleared.add(n.address());
        }
    }

    private final VirtualScheduler scheduler = new VirtualScheduler(1);
    private final Events events = new Events();

    private NeighbourTable<Integer> table(NeighbourTableConfig config) {
        return new NeighbourTable<>(scheduler, config, events);
    }

    @Test
    void repeatedDiscoveryRefreshesAndNeverDuplicates() {
        NeighbourTable<Integer> t = table(NeighbourTableConfig.defaults());
        t.heard(7, -80, 255);
        scheduler.runFor(Duration.ofSeconds(30));
        for (int i = 0; i < 10; i++) {
            t.heard(7, -88, 200);
        }
        assertThat(t.size()).isEqualTo(1);
        assertThat(events.added).containsExactly(7);
        assertThat(t.added()).isEqualTo(1);
        assertThat(t.refreshed()).isEqualTo(10);
        Neighbour<Integer> n = t.get(7).orElseThrow();
        assertThat(n.framesHeard()).isEqualTo(11);
        assertThat(n.lastRssiDbm()).isEqualTo(-88);
        assertThat(n.meanRssiDbm()).isBetween(-88.0, -80.0);
        assertThat(n.firstHeardNanos()).isZero();
        assertThat(n.lastHeardNanos()).isEqualTo(30_000_000_000L);
        assertThat(n.rank()).isEqualTo(0xffff);
    }

    @Test
    void etxFollowsTheSignalUntilTrafficMeasuresIt() {
        NeighbourTable<Integer> t = table(NeighbourTableConfig.defaults());
        t.heard(1, -90, 255);                         // margin 10: ETX 256
        assertThat(t.etx(1)).isEqualTo(256);
        t.heard(1, -74, 255);                         // mean RSSI -90 + (16 / 8) = -88: margin 12: 128*20/12 = 213
        assertThat(t.etx(1)).isEqualTo(213);
        assertThat(t.get(1).orElseThrow().etxFromAcks()).isFalse();
        t.transmitted(1, true, 1);                    // bootstrap: 0.75 * 213 + 0.25 * 128 = 191.75 -> 192
        assertThat(t.etx(1)).isEqualTo(192);
        t.heard(1, -60, 255);                         // no longer from the signal
        assertThat(t.etx(1)).isEqualTo(192);
        assertThat(t.get(1).orElseThrow().etxFromAcks()).isTrue();
        assertThat(t.etx(99)).isEqualTo(-1);
    }

    @Test
    void aFullTableAdmitsANewcomerInPlaceOfTheWorstPathOnlyIfItsOwnIsBetterByMoreThanAHop() {
        NeighbourTable<Integer> t = table(NeighbourTableConfig.defaults().withCapacity(3));
        t.heard(1, -80, 255, 512, 128);       // ETX 128: a path of 512 + 128 = 640
        t.heard(2, -80, 255, 1024, 128);      // 1152: the worst
        t.heard(3, -80, 255, 768, 128);       // 896

        assertThat(t.heard(4, -80, 255, 1024, 128)).as("as good as the worst").isEmpty();
        assertThat(t.heard(4, -80, 255, 896, 128)).as("better by exactly one hop").isEmpty();
        assertThat(t.heard(4, -80, 255, Rank.INFINITE_RANK, 128)).as("offering no path").isEmpty();
        assertThat(t.heard(4, -60, 255)).as("a frame that is no DIO").isEmpty();
        assertThat(t.rejectedFull()).isEqualTo(4);
        assertThat(events.removed).isEmpty();

        assertThat(t.heard(4, -80, 255, 895, 128)).isPresent();
        assertThat(events.removed).containsExactly("2:EVICTED");
        assertThat(t.evicted()).isEqualTo(1);
        assertThat(t.get(4).orElseThrow().rank()).isEqualTo(895);
        assertThat(t.neighbours()).extracting(Neighbour::address).containsExactly(1, 3, 4);
    }

    @Test
    void hearingForTheEtxAloneUpdatesTheTableAsHearingDoesAndSaysMinusOneForARefusal() {
        NeighbourTable<Integer> t = table(NeighbourTableConfig.defaults().withCapacity(2));
        assertThat(t.heardEtx(1, -90, 255, 512, 128)).as("margin 10").isEqualTo(256);
        assertThat(t.heardEtx(1, -74, 255, 512, 128)).as("mean RSSI -88, as heard() gives it").isEqualTo(213);
        assertThat(t.heard(2, -80, 255, 1024, 128)).isPresent();

        assertThat(t.heardEtx(3, -80, 255, 1024, 128)).as("full, and no better than the worst").isEqualTo(-1);
        assertThat(t.contains(3)).isFalse();
        assertThat(t.heardEtx(3, -80, 255, 256, 128)).as("admitted in place of 2").isEqualTo(128);
        assertThat(events.added).containsExactly(1, 2, 3);
        assertThat(events.removed).containsExactly("2:EVICTED");
        assertThat(t.get(1).orElseThrow().framesHeard()).isEqualTo(2);
        assertThat(t.refreshed()).isEqualTo(1);
        assertThat(t.rejectedFull()).isEqualTo(1);
    }

    @Test
    void theLinkCountsInThePathAndANeighbourThatNeverAdvertisedGoesFirst() {
        NeighbourTable<Integer> t = table(NeighbourTableConfig.defaults().withCapacity(3));
        t.heard(1, -80, 255, 512, 128);       // ETX 128: 640
        t.heard(2, -95, 255, 512, 128);       // ETX 384: 896, the worst path of the two advertised
        t.heard(3, -60, 255);                 // heard, but never advertised a Rank

        t.heard(4, -80, 255, 512, 128);
        assertThat(events.removed).containsExactly("3:EVICTED");
        t.heard(5, -80, 255, 512, 128);       // 640 + 128 < 896
        assertThat(events.removed).containsExactly("3:EVICTED", "2:EVICTED");
    }

    @Test
    void onATieTheStalestIsEvicted() {
        NeighbourTable<Integer> t = table(NeighbourTableConfig.defaults().withCapacity(3));
        t.heard(1, -80, 255, 1024, 128);
        scheduler.runFor(Duration.ofSeconds(1));
        t.heard(2, -80, 255, 1024, 128);
        scheduler.runFor(Duration.ofSeconds(1));
        t.heard(3, -80, 255, 1024, 128);
        t.heard(1, -80, 255, 1024, 128);      // refreshed: 2 is now the stalest

        t.heard(4, -80, 255, 512, 128);
        assertThat(events.removed).containsExactly("2:EVICTED");
    }

    @Test
    void onATieHeardAtTheSameTimeTheEarliestContactIsEvictedAndReportedWithItsOwnFigures() {
        List<Neighbour<Integer>> evicted = new ArrayList<>();
        NeighbourTable<Integer> t = new NeighbourTable<>(scheduler, NeighbourTableConfig.defaults().withCapacity(3),
                new NeighbourListener<>() {
                    @Override
                    public void removed(Neighbour<Integer> n, RemovalReason reason) {
                        evicted.add(n);
                    }
                });
        t.heard(1, -80, 255, 1024, 128);
        t.heard(2, -80, 255, 1024, 128);
        t.heard(2, -80, 255, 1024, 128);      // heard twice: its own figures tell it from the newcomer
        t.heard(3, -80, 255, 1024, 128);
        t.remove(1);
        evicted.clear();
        t.heard(4, -80, 255, 1024, 128);      // the newest contact, in the place 1 left
        t.heard(5, -80, 255, 512, 128);       // all three tie on path and last-heard time

        assertThat(evicted).hasSize(1);
        assertThat(evicted.get(0).address()).isEqualTo(2);
        assertThat(evicted.get(0).rank()).isEqualTo(1024);
        assertThat(evicted.get(0).framesHeard()).isEqualTo(2);
        assertThat(t.get(5).orElseThrow().rank()).isEqualTo(512);
        assertThat(t.neighbours()).extracting(Neighbour::address).containsExactly(3, 4, 5);
    }

    @Test
    void aTableFullOfParentsRefusesNewcomers() {
        NeighbourTable<Integer> t = table(NeighbourTableConfig.defaults().withCapacity(2));
        t.heard(1, -80, 255, 1024, 128);
        t.heard(2, -80, 255, 1024, 128);
        t.setParent(1, true);
        t.setParent(2, true);
        assertThat(t.heard(3, -60, 255, 256, 128)).as("parents are never evicted").isEmpty();
        assertThat(t.rejectedFull()).isEqualTo(1);
        assertThat(t.neighbours()).extracting(Neighbour::address).containsExactly(1, 2);
        t.setParent(2, false);
        assertThat(t.heard(3, -60, 255, 256, 128)).isPresent();
        assertThat(t.neighbours()).extracting(Neighbour::address).containsExactly(1, 3);
    }

    @Test
    void staleEntriesExpireAndRefreshingPostponesExpiry() {
        NeighbourTable<Integer> t = table(NeighbourTableConfig.defaults().withStaleAfter(Duration.ofMinutes(10)));
        t.heard(1, -80, 255);
        t.heard(2, -80, 255);
        scheduler.runFor(Duration.ofMinutes(6));
        t.heard(2, -80, 255);                          // refreshed at 6 min: expires at 16 min
        scheduler.runFor(Duration.ofMinutes(4).minusNanos(1));
        assertThat(t.size()).isEqualTo(2);             // 1 just before its 10 min
        scheduler.runFor(Duration.ofNanos(1));
        assertThat(t.neighbours()).extracting(Neighbour::address).containsExactly(2);
        assertThat(events.removed).containsExactly("1:EXPIRED");
        assertThat(t.nextExpiryCheckNanos()).isEqualTo(Duration.ofMinutes(16).toNanos());
        scheduler.runFor(Duration.ofMinutes(6));
        assertThat(t.size()).isZero();
        assertThat(t.expired()).isEqualTo(2);
        assertThat(scheduler.pending()).isZero();      // no timer left behind on an empty table
        t.heard(3, -80, 255);                          // and a new entry arms it again
        assertThat(scheduler.pending()).isEqualTo(1);
    }

    @Test
    void anAcknowledgementCountsAsHearingFromTheNeighbour() {
        NeighbourTable<Integer> t = table(NeighbourTableConfig.defaults().withStaleAfter(Duration.ofMinutes(10)));
        t.heard(1, -80, 255);
        scheduler.runFor(Duration.ofMinutes(9));
        t.transmitted(1, true, 1);
        scheduler.runFor(Duration.ofMinutes(9));
        assertThat(t.contains(1)).isTrue();
        t.transmitted(1, false, 1);                    // a loss does not refresh
        scheduler.runFor(Duration.ofMinutes(1));
        assertThat(t.contains(1)).isFalse();
    }

    @Test
    void highPacketLossIsReportedOnceAboveFifteenPercentAndClearsAtTen() {
        NeighbourTable<Integer> t = table(NeighbourTableConfig.defaults());
        t.heard(1, -80, 255);
        // 9 attempts, 3 lost: 33 % but below the 10 attempts needed to judge.
        for (int i = 0; i < 9; i++) {
            t.transmitted(1, i % 3 != 0, 1);
        }
        assertThat(events.warnings).isEmpty();
        // 10th attempt acked: 3 / 10 lost = 30 % > 15 %: one warning.
        t.transmitted(1, true, 1);
        assertThat(events.warnings).hasSize(1);
        PacketLossWarning<Integer> w = events.warnings.get(0);
        assertThat(w.code()).isEqualTo(ErrorCode.HIGH_PACKET_LOSS);
        assertThat(w.neighbour()).isEqualTo(1);
        assertThat(w.lossRatio()).isEqualTo(0.3);     // 3 / 10
        assertThat(w.attempts()).isEqualTo(10);
        assertThat(w.acked()).isEqualTo(7);
        assertThat(w.reason()).isEqualTo("packet loss 30.0 % to 1 over 10 attempts exceeds 15 %");
        assertThat(t.get(1).orElseThrow().highPacketLoss()).isTrue();
        // More losses do not repeat the warning.
        t.transmitted(1, false, 1);
        assertThat(events.warnings).hasSize(1);
        // Good traffic: attempts 11 (acked 7). Window 32: after 21 more acked, 32 attempts, 28 acked, 12.5 %:
        // still above the 10 % clear threshold. The 33rd attempt halves the window: 16 attempts, 14 acked, then
        // + 1 = 17 / 15 acked = 11.8 %; 18 / 16 = 11.1 %; 19 / 17 = 10.5 %; 20 / 18 = 10 %: cleared.
        for (int i = 0; i < 21; i++) {
            t.transmitted(1, true, 1);
        }
        assertThat(events.cleared).isEmpty();
        for (int i = 0; i < 3; i++) {
            t.transmitted(1, true, 1);
        }
        assertThat(events.cleared).isEmpty();
        t.transmitted(1, true, 1);
        assertThat(events.cleared).containsExactly(1);
        Neighbour<Integer> n = t.get(1).orElseThrow();
        assertThat(n.attempts()).isEqualTo(20);
        assertThat(n.acked()).isEqualTo(18);
        assertThat(n.packetLoss()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(n.highPacketLoss()).isFalse();
    }

    @Test
    void exactlyFifteenPercentIsNotHighLoss() {
        // "greater than 15 percent": 3 lost of 20 is 15 %, no warning; a 4th loss (4 / 21 = 19 %) warns.
        NeighbourTable<Integer> t = table(NeighbourTableConfig.defaults());
        t.heard(1, -80, 255);
        for (int i = 0; i < 20; i++) {
            t.transmitted(1, i < 17, 1);              // the losses come last, when 10 attempts were already seen
        }
        assertThat(events.warnings).isEmpty();
        t.transmitted(1, false, 1);
        assertThat(events.warnings).hasSize(1);
    }

    @Test
    void retriesCountAsAttempts() {
        // Every frame acked at the second attempt: 1 acked per 2 attempts, 50 % loss of attempts.
        NeighbourTable<Integer> t = table(NeighbourTableConfig.defaults());
        t.heard(1, -80, 255);
        for (int i = 0; i < 5; i++) {
            t.transmitted(1, true, 2);
        }
        assertThat(events.warnings).hasSize(1);
        assertThat(events.warnings.get(0).lossRatio()).isEqualTo(0.5);
    }

    @Test
    void macStatusesMapToLinkOutcomes() {
        NeighbourTable<Integer> t = table(NeighbourTableConfig.defaults());
        t.heard(1, -80, 255);
        assertThat(t.transmitted(1, TxStatus.ACKED)).isTrue();
        assertThat(t.transmitted(1, TxStatus.NO_ACK)).isTrue();
        assertThat(t.transmitted(1, TxStatus.CHANNEL_BUSY)).isFalse();
        assertThat(t.transmitted(1, TxStatus.LINK_DOWN)).isFalse();
        assertThat(t.transmitted(1, TxStatus.SENT)).isFalse();
        assertThat(t.transmitted(1, TxStatus.FRAME_TOO_LONG)).isFalse();
        assertThat(t.transmitted(2, TxStatus.ACKED)).isFalse();  // unknown neighbour: nothing recorded
        Neighbour<Integer> n = t.get(1).orElseThrow();
        assertThat(n.attempts()).isEqualTo(2);
        assertThat(n.acked()).isEqualTo(1);
    }

    @Test
    void removeFlushRankAndParentFlag() {
        NeighbourTable<Integer> t = table(NeighbourTableConfig.defaults());
        t.heard(1, -80, 255);
        t.heard(2, -80, 255);
        t.heard(3, -80, 255);
        assertThat(t.setRank(2, 384)).isTrue();
        assertThat(t.setParent(2, true)).isTrue();
        assertThat(t.setRank(9, 384)).isFalse();
        assertThat(t.get(2).orElseThrow()).extracting(Neighbour::rank, Neighbour::parent).containsExactly(384, true);
        assertThat(t.remove(1)).isTrue();
        assertThat(t.remove(1)).isFalse();
        assertThat(t.flush()).isEqualTo(2);
        assertThat(events.removed).containsExactly("1:REMOVED", "2:FLUSHED", "3:FLUSHED");
        assertThat(t.size()).isZero();
        assertThat(scheduler.pending()).isZero();
        t.heard(2, -80, 255);                          // fresh discovery after the flush
        assertThat(t.get(2).orElseThrow().rank()).isEqualTo(0xffff);
    }

    @Test
    void aListenerMayChangeTheTableFromItsCallback() {
        // The RPL core removes a neighbour's routes and reselects parents when one expires.
        List<Integer> seen = new ArrayList<>();
        AtomicReference<NeighbourTable<Integer>> self = new AtomicReference<>();
        NeighbourTable<Integer> t = new NeighbourTable<>(scheduler,
                NeighbourTableConfig.defaults().withStaleAfter(Duration.ofMinutes(1)), new NeighbourListener<>() {
                    @Override
                    public void removed(Neighbour<Integer> n, RemovalReason reason) {
                        seen.add(n.address());
                        self.get().remove(n.address() + 1);
                        self.get().heard(100 + n.address(), -80, 255);
                    }
                });
        self.set(t);
        t.heard(1, -80, 255);
        scheduler.runFor(Duration.ofSeconds(30));
        t.heard(2, -80, 255);
        scheduler.runFor(Duration.ofSeconds(30));
        // 1 expired; its callback removed 2, whose own callback added 102 before 1's added 101.
        assertThat(seen).containsExactly(1, 2);
        assertThat(t.neighbours()).extracting(Neighbour::address).containsExactly(102, 101);
    }

    @Test
    void iterationOrderIsFirstContactAndRunsRepeat() {
        assertThat(simulate(5)).isEqualTo(simulate(5));
    }

    private List<String> simulate(long seed) {
        VirtualScheduler s = new VirtualScheduler(seed);
        NeighbourTable<Integer> t = new NeighbourTable<>(s, NeighbourTableConfig.defaults().withCapacity(8)
                .withStaleAfter(Duration.ofMinutes(5)), new NeighbourListener<>() {
                });
        List<String> log = new ArrayList<>();
        for (int step = 0; step < 2000; step++) {
            int who = s.random().nextInt(20);
            if (s.random().nextBoolean()) {
                t.heard(who, -100 + s.random().nextInt(40), s.random().nextInt(256));
            } else {
                t.transmitted(who, s.random().nextInt(10) > 1, 1 + s.random().nextInt(3));
            }
            s.runFor(Duration.ofSeconds(s.random().nextInt(30)));
        }
        for (Neighbour<Integer> n : t.neighbours()) {
            log.add(n.toString());
        }
        return log;
    }
}
