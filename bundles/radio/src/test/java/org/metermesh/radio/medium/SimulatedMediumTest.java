package org.metermesh.radio.medium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.metermesh.api.radio.LinkState;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.radio.phy.ChannelHopping;
import org.metermesh.radio.phy.ChannelPlan;
import org.metermesh.radio.phy.PhyListener;
import org.metermesh.radio.phy.Reception;
import org.metermesh.radio.phy.TxOutcome;
import org.junit.jupiter.api.Test;

class SimulatedMediumTest {

    private static final ChannelPlan PLAN = ChannelPlan.sunFskNorthAmerica(50);
    private static final int CHANNEL = 17;
    private static final byte[] FRAME = new byte[40];

    private final VirtualScheduler scheduler = new VirtualScheduler(1);

    private SimulatedMedium medium(MediumSettings settings) {
        return new SimulatedMedium(scheduler, PLAN, settings);
    }

    /** No shadowing, no random packet errors near the nodes used here: outcomes follow from geometry alone. */
    private static MediumSettings quiet() {
        return new MediumSettings(7, 31.7, 3.0, 0.0, -100, -95, true, 10, 0);
    }

    @Test
    void aFrameArrivesAfterItsAirtimeWithRssiAndLqiFromThePathLoss() {
        SimulatedMedium medium = medium(quiet());
        Recorder sender = start(medium.attach(new Position(0, 0), CHANNEL, 14));
        Recorder receiver = start(medium.attach(new Position(100, 0), CHANNEL, 14));

        sender.phy.transmit(FRAME);
        scheduler.runFor(Duration.ofSeconds(1));

        // 31.7 + 30 log10(100) = 91.7 dB of path loss: 14 - 91.7 = -77.7 dBm, 22.3 dB above sensitivity.
        assertThat(receiver.received).singleElement().satisfies(r -> {
            assertThat(r.rssiDbm()).isEqualTo(-78);
            assertThat(r.lqi()).isEqualTo(142);
            assertThat(r.channel()).isEqualTo(CHANNEL);
            assertThat(r.timestampNanos()).isEqualTo(PLAN.airtimeNanos(FRAME.length));
            assertThat(r.psdu()).isEqualTo(FRAME);
        });
        assertThat(sender.outcomes).containsExactly(TxOutcome.SENT);
        assertThat(sender.received).as("a radio does not hear itself").isEmpty();
        assertThat(medium.counters().delivered()).isEqualTo(1);
    }

    @Test
    void aNodeIsReceivingWhileAFrameOnItsChannelReachesItAtSensitivity() {
        SimulatedMedium medium = medium(quiet());
        Recorder sender = start(medium.attach(new Position(0, 0), CHANNEL, 14));
        Recorder receiver = start(medium.attach(new Position(100, 0), CHANNEL, 14));
        Recorder elsewhere = start(medium.attach(new Position(50, 0), CHANNEL + 1, 14));
        Recorder faint = start(medium.attach(new Position(1_000, 0), CHANNEL, 14)); // -107.7 dBm: below -100

        sender.phy.transmit(FRAME);
        scheduler.runFor(Duration.ofNanos(PLAN.airtimeNanos(FRAME.length) / 2));
        assertThat(receiver.phy.receiving()).isTrue();
        assertThat(elsewhere.phy.receiving()).as("another channel").isFalse();
        assertThat(faint.phy.receiving()).as("below sensitivity").isFalse();
        assertThat(sender.phy.receiving()).as("its own frame").isFalse();

        scheduler.runFor(Duration.ofNanos(PLAN.airtimeNanos(FRAME.length)));
        assertThat(receiver.phy.receiving()).as("the frame has ended").isFalse();
    }

    @Test
    void nodesOutOfRangeOrOnAnotherChannelHearNothing() {
        SimulatedMedium medium = medium(quiet());
        Recorder sender = start(medium.attach(new Position(0, 0), CHANNEL, 14));
        Recorder far = start(medium.attach(new Position(5_000, 0), CHANNEL, 14));
        Recorder elsewhere = start(medium.attach(new Position(50, 0), CHANNEL + 1, 14));

        sender.phy.transmit(FRAME);
        scheduler.runFor(Duration.ofSeconds(1));

        assertThat(far.received).isEmpty();
        assertThat(elsewhere.received).isEmpty();
    }

    @Test
    void overlappingFramesOfSimilarStrengthCollide() {
        SimulatedMedium medium = medium(quiet());
        Recorder left = start(medium.attach(new Position(-100, 0), CHANNEL, 14));
        Recorder right = start(medium.attach(new Position(100, 0), CHANNEL, 14));
        Recorder middle = start(medium.attach(new Position(0, 0), CHANNEL, 14));

        left.phy.transmit(FRAME);
        right.phy.transmit(FRAME);
        scheduler.runFor(Duration.ofSeconds(1));

        assertThat(middle.received).isEmpty();
        assertThat(medium.counters().collisions()).isEqualTo(2);
    }

    /** The recorder got exactly one frame, {@link #FRAME}'s length: the wanted one, not an interferer's. */
    private static void assertHeardOnlyTheWantedFrame(Recorder recorder) {
        assertThat(recorder.received).singleElement().satisfies(r -> assertThat(r.psdu()).hasSize(FRAME.length));
    }

    @Test
    void aMuchStrongerFrameIsCapturedDespiteTheOverlap() {
        SimulatedMedium medium = medium(quiet());
        Recorder near = start(medium.attach(new Position(-20, 0), CHANNEL, 14));
        Recorder far = start(medium.attach(new Position(300, 0), CHANNEL, 14));
        Recorder receiver = start(medium.attach(new Position(0, 0), CHANNEL, 14));

        near.phy.transmit(FRAME);
        far.phy.transmit(new byte[60]);
        scheduler.runFor(Duration.ofSeconds(1));

        assertHeardOnlyTheWantedFrame(receiver);
        assertThat(medium.counters().collisions()).isEqualTo(1);
    }

    @Test
    void captureIsJudgedAgainstTheStrongestOfSeveralOverlappingFrames() {
        SimulatedMedium medium = medium(quiet());
        Recorder near = start(medium.attach(new Position(-20, 0), CHANNEL, 14));
        Recorder weakLeft = start(medium.attach(new Position(-300, 0), CHANNEL, 14));
        Recorder weakRight = start(medium.attach(new Position(300, 0), CHANNEL, 14));
        Recorder receiver = start(medium.attach(new Position(0, 0), CHANNEL, 14));
        Recorder close = start(medium.attach(new Position(0, 30), CHANNEL, 14));

        // -56.7 dBm from the near sender against -92 dBm from each weak one: captured.
        near.phy.transmit(FRAME);
        weakLeft.phy.transmit(new byte[60]);
        weakRight.phy.transmit(new byte[60]);
        scheduler.runFor(Duration.ofSeconds(1));
        assertHeardOnlyTheWantedFrame(receiver);

        // Add one at 30 m (-62 dBm, 5.3 dB below the wanted frame): the frame is lost however weak the others are.
        receiver.received.clear();
        near.phy.transmit(FRAME);
        weakLeft.phy.transmit(new byte[60]);
        close.phy.transmit(new byte[60]);
        weakRight.phy.transmit(new byte[60]);
        scheduler.runFor(Duration.ofSeconds(1));
        assertThat(receiver.received).noneSatisfy(r -> assertThat(r.psdu()).hasSize(FRAME.length));

        // The overlaps are forgotten once the frames are over: a lone frame arrives again.
        receiver.received.clear();
        near.phy.transmit(FRAME);
        scheduler.runFor(Duration.ofSeconds(1));
        assertHeardOnlyTheWantedFrame(receiver);
    }

    @Test
    void anOverlappingFrameSpoilsOnlyTheListenersItReachesTooStrongly() {
        SimulatedMedium medium = medium(quiet());
        // Ids in attach order: the interferer's listeners interleave with the wanted frame's.
        Recorder wanted = start(medium.attach(new Position(0, 0), CHANNEL, 14));
        Recorder west = start(medium.attach(new Position(-50, 0), CHANNEL, 14));
        Recorder interferer = start(medium.attach(new Position(120, 0), CHANNEL, 14));
        Recorder east = start(medium.attach(new Position(50, 0), CHANNEL, 14));
        Recorder north = start(medium.attach(new Position(0, 50), CHANNEL, 14));

        // The wanted frame reaches all three at -68.7 dBm. The interferer: -84.6 dBm at west (170 m), -73.1 dBm at
        // east (70 m, only 4.4 dB below), -81.1 dBm at north (130 m).
        wanted.phy.transmit(FRAME);
        interferer.phy.transmit(new byte[60]);
        scheduler.runFor(Duration.ofSeconds(1));

        assertHeardOnlyTheWantedFrame(west);
        assertThat(east.received).as("spoiled by the interferer").isEmpty();
        assertHeardOnlyTheWantedFrame(north);
        // The interferer's frame is itself lost at west, east and north, where the wanted frame is far stronger.
        assertThat(medium.counters().collisions()).isEqualTo(4);
    }

    @Test
    void packetErrorsFollowTheExactErrorRateDrawForDraw() {
        // One draw per receiver and frame from the medium's generator, in receiver id order: replaying the generator
        // with each link's exact error rate must predict every loss, on a strong link (whose draws are made even
        // though they rarely lose it) and one near sensitivity, for short and long frames alike.
        MediumSettings settings = quiet();
        LinkModel model = new LinkModel(settings);
        java.util.SplittableRandom replay = new java.util.SplittableRandom(LinkModel.mix(settings.seed() + 1));
        SimulatedMedium medium = medium(settings);
        Position origin = new Position(0, 0);
        Recorder sender = start(medium.attach(origin, CHANNEL, 14));
        Recorder strong = start(medium.attach(new Position(100, 0), CHANNEL, 14));
        Recorder weak = start(medium.attach(new Position(500, 0), CHANNEL, 14));
        double strongRssi = 14 - (float) model.pathLossDb(0, 1, 100); // 100 m and 500 m from node 0; losses are floats
        double weakRssi = 14 - (float) model.pathLossDb(0, 2, 500);
        int expectedStrong = 0;
        int expectedWeak = 0;
        int[] lengths = {20, 400, 7, 400, 100, 60, 20}; // lengths taking turns, as a busy channel carries them
        for (int i = 0; i < 400; i++) {
            byte[] frame = new byte[lengths[i % lengths.length]];
            sender.phy.transmit(frame);
            scheduler.runFor(Duration.ofSeconds(1));
            expectedStrong += replay.nextDouble() >= model.packetErrorRate(strongRssi, frame.length) ? 1 : 0;
            expectedWeak += replay.nextDouble() >= model.packetErrorRate(weakRssi, frame.length) ? 1 : 0;
        }
        assertThat(strong.received).hasSize(expectedStrong);
        assertThat(weak.received).hasSize(expectedWeak);
        assertThat(expectedWeak).as("a link near sensitivity loses some frames and keeps some").isBetween(1, 399);
    }

    @Test
    void withCollisionsOffOverlappingFramesBothArrive() {
        SimulatedMedium medium = medium(quiet().withCollisions(false));
        Recorder left = start(medium.attach(new Position(-100, 0), CHANNEL, 14));
        Recorder right = start(medium.attach(new Position(100, 0), CHANNEL, 14));
        Recorder middle = start(medium.attach(new Position(0, 0), CHANNEL, 14));

        left.phy.transmit(FRAME);
        right.phy.transmit(FRAME);
        scheduler.runFor(Duration.ofSeconds(1));

        assertThat(middle.received).hasSize(2);
    }

    @Test
    void aNodeThatIsTransmittingCannotHear() {
        SimulatedMedium medium = medium(quiet().withCollisions(false));
        Recorder a = start(medium.attach(new Position(0, 0), CHANNEL, 14));
        Recorder b = start(medium.attach(new Position(100, 0), CHANNEL, 14));

        a.phy.transmit(FRAME);
        b.phy.transmit(FRAME);
        scheduler.runFor(Duration.ofSeconds(1));

        assertThat(a.received).isEmpty();
        assertThat(b.received).isEmpty();
        assertThat(medium.counters().receiverBusy()).isEqualTo(2);
    }

    @Test
    void aBlockedLinkCarriesNothingUntilUnblocked() {
        SimulatedMedium medium = medium(quiet());
        Recorder a = start(medium.attach(new Position(0, 0), CHANNEL, 14));
        Recorder b = start(medium.attach(new Position(100, 0), CHANNEL, 14));

        medium.blockLink(b.phy, a.phy);
        a.phy.transmit(FRAME);
        scheduler.runFor(Duration.ofSeconds(1));
        assertThat(b.received).isEmpty();
        assertThat(medium.counters().blockedLinks()).isEqualTo(1);

        medium.unblockLink(a.phy, b.phy);
        a.phy.transmit(FRAME);
        scheduler.runFor(Duration.ofSeconds(1));
        assertThat(b.received).hasSize(1);
    }

    @Test
    void extraLossDropsTheConfiguredShareOfFrames() {
        SimulatedMedium medium = medium(quiet().withExtraLoss(0.3));
        Recorder a = start(medium.attach(new Position(0, 0), CHANNEL, 14));
        Recorder b = start(medium.attach(new Position(50, 0), CHANNEL, 14));

        for (int i = 0; i < 2_000; i++) {
            a.phy.transmit(FRAME);
            scheduler.runFor(Duration.ofMillis(100));
        }

        assertThat(medium.counters().extraLoss() / 2_000.0).isCloseTo(0.3, within(0.04));
        assertThat(b.received.size() + medium.counters().extraLoss()).isEqualTo(2_000);
    }

    @Test
    void packetErrorsGrowNearSensitivity() {
        SimulatedMedium medium = medium(quiet());
        Recorder a = start(medium.attach(new Position(0, 0), CHANNEL, 14));
        // 14 - (31.7 + 30 log10(d)) = -100 dBm at d = 553 m: put the receiver right at sensitivity.
        Recorder edge = start(medium.attach(new Position(553, 0), CHANNEL, 14));
        Recorder close = start(medium.attach(new Position(0, 80), CHANNEL, 14));

        for (int i = 0; i < 1_000; i++) {
            a.phy.transmit(new byte[20]);
            scheduler.runFor(Duration.ofMillis(100));
        }

        assertThat(close.received).hasSize(1_000);
        assertThat(edge.received.size() / 1_000.0).isCloseTo(0.5, within(0.06));
    }

    @Test
    void channelIsBusyWhileANeighbourTransmits() {
        SimulatedMedium medium = medium(quiet());
        Recorder a = start(medium.attach(new Position(0, 0), CHANNEL, 14));
        Recorder b = start(medium.attach(new Position(100, 0), CHANNEL, 14));

        assertThat(b.phy.channelClear()).isTrue();
        a.phy.transmit(FRAME);
        scheduler.runFor(Duration.ofNanos(PLAN.airtimeNanos(FRAME.length) / 2));
        assertThat(b.phy.channelClear()).isFalse();
        assertThat(a.phy.channelClear()).as("own transmission is not sensed").isTrue();
        scheduler.runFor(Duration.ofSeconds(1));
        assertThat(b.phy.channelClear()).isTrue();
    }

    @Test
    void aNodeThatTunesToAChannelSensesTheFrameAlreadyOnIt() {
        SimulatedMedium medium = medium(quiet());
        Recorder a = start(medium.attach(new Position(0, 0), CHANNEL, 14));
        Recorder b = start(medium.attach(new Position(100, 0), CHANNEL + 1, 14));
        Recorder far = start(medium.attach(new Position(3_000, 0), CHANNEL + 1, 14));

        a.phy.transmit(FRAME);
        scheduler.runFor(Duration.ofNanos(PLAN.airtimeNanos(FRAME.length) / 2));
        b.phy.setChannel(CHANNEL); // as a hopping MAC pins its destination's channel right before assessing it
        far.phy.setChannel(CHANNEL);

        assertThat(b.phy.channelClear()).as("energy on the channel now, whenever the frame started").isFalse();
        assertThat(b.phy.receiving()).as("it missed the start of the frame").isFalse();
        assertThat(far.phy.channelClear()).as("out of reach").isTrue();
        scheduler.runFor(Duration.ofSeconds(1));
        assertThat(b.phy.channelClear()).isTrue();
        assertThat(b.received).isEmpty();
    }

    @Test
    void hoppingNodesHearExactlyTheFramesSentOnTheChannelTheyListenOnWhenTheyStart() {
        hearsExactlyItsOwnChannel(false);
    }

    @Test
    void nodesOnDifferentSchedulesEachHearOnTheirOwnSchedulesChannel() {
        hearsExactlyItsOwnChannel(true);
    }

    /**
     * A fixed-channel sender aims frames at one listener after another, at instants in and out of broadcast windows;
     * every listener (hopping on one schedule or, with {@code mixed}, some on a second one; one on a fixed channel;
     * one that stops hopping halfway) gets a frame exactly when it listened on the frame's channel as it started.
     */
    private void hearsExactlyItsOwnChannel(boolean mixed) {
        SimulatedMedium medium = medium(quiet());
        ChannelHopping first = ChannelHopping.wiSun(PLAN, 0x1234);
        ChannelHopping second = ChannelHopping.wiSun(PLAN, 0x4321);
        Recorder sender = start(medium.attach(new Position(0, 0), CHANNEL, 14));
        List<Recorder> listeners = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Recorder listener = start(medium.attach(new Position(100, 10 * i), CHANNEL, 14));
            if (i < 5) {
                listener.phy.hop(mixed && i % 2 == 1 ? second : first, 0x02004d6d00000010L + i);
            }
            listeners.add(listener);
        }
        int[] expected = new int[listeners.size()];
        for (int step = 0; step < 400; step++) {
            if (step == 200) {
                listeners.get(0).phy.setChannel(CHANNEL + 3); // pinned: it stops following its schedule
            }
            int target = listeners.get(step % listeners.size()).phy.channel();
            for (int i = 0; i < listeners.size(); i++) {
                if (listeners.get(i).phy.channel() == target) {
                    expected[i]++;
                }
            }
            sender.phy.setChannel(target);
            sender.phy.transmit(FRAME);
            scheduler.runFor(Duration.ofMillis(37)); // steps through dwells and broadcast windows at odd phases
        }
        for (int i = 0; i < listeners.size(); i++) {
            assertThat(listeners.get(i).received).as("listener %d", i).hasSize(expected[i]);
        }
        assertThat(Arrays.stream(expected).min().orElseThrow()).as("every listener was aimed at")
                .isGreaterThanOrEqualTo(400 / listeners.size());
    }

    @Test
    void aClosedNodeNeitherHearsNorSends() {
        SimulatedMedium medium = medium(quiet());
        Recorder a = start(medium.attach(new Position(0, 0), CHANNEL, 14));
        Recorder dead = start(medium.attach(new Position(100, 0), CHANNEL, 14));

        dead.phy.close();
        a.phy.transmit(FRAME);
        dead.phy.transmit(FRAME);
        scheduler.runFor(Duration.ofSeconds(1));

        assertThat(dead.received).isEmpty();
        assertThat(dead.outcomes).containsExactly(TxOutcome.FAILED);
        assertThat(dead.phy.linkState()).isEqualTo(LinkState.DOWN);
    }

    @Test
    void shadowingIsSymmetricAndFixedBySeed() {
        SimulatedMedium medium = medium(MediumSettings.suburban(11));
        SimulatedPhy a = medium.attach(new Position(0, 0), CHANNEL, 14);
        SimulatedPhy b = medium.attach(new Position(200, 0), CHANNEL, 14);
        SimulatedMedium again = new SimulatedMedium(new VirtualScheduler(1), PLAN, MediumSettings.suburban(11));
        SimulatedPhy a2 = again.attach(new Position(0, 0), CHANNEL, 14);
        SimulatedPhy b2 = again.attach(new Position(200, 0), CHANNEL, 14);

        assertThat(medium.rssiDbm(a, b)).isEqualTo(medium.rssiDbm(b, a)).isEqualTo(again.rssiDbm(a2, b2));
        // Mean path loss at 200 m is 100.7 dB; shadowing moves it.
        assertThat(medium.rssiDbm(a, b)).isNotCloseTo(14 - 100.7, within(0.01));
    }

    @Test
    void aSeededRunIsReproducible() {
        assertThat(busyNeighbourhood(5)).isEqualTo(busyNeighbourhood(5));
        assertThat(busyNeighbourhood(5)).isNotEqualTo(busyNeighbourhood(6));
    }

    private static List<String> busyNeighbourhood(long seed) {
        VirtualScheduler clock = new VirtualScheduler(seed);
        SimulatedMedium medium = new SimulatedMedium(clock, PLAN, MediumSettings.suburban(seed));
        List<String> trace = new ArrayList<>();
        List<SimulatedPhy> nodes = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            SimulatedPhy phy = medium.attach(new Position(clock.random().nextDouble(1000),
                    clock.random().nextDouble(1000)), CHANNEL, 14);
            int id = i;
            phy.start(new PhyListener() {
                @Override
                public void received(Reception r) {
                    trace.add(id + "<" + r.rssiDbm() + "@" + r.timestampNanos());
                }

                @Override
                public void transmitDone(TxOutcome outcome) {
                }

                @Override
                public void linkStateChanged(LinkState state) {
                }
            });
            nodes.add(phy);
        }
        for (int round = 0; round < 50; round++) {
            SimulatedPhy sender = nodes.get(clock.random().nextInt(nodes.size()));
            clock.schedule(Duration.ofMillis(clock.random().nextInt(50)), () -> sender.transmit(FRAME));
            clock.runFor(Duration.ofMillis(20));
        }
        clock.runFor(Duration.ofSeconds(1));
        trace.add(medium.counters().toString());
        return trace;
    }

    private static Recorder start(SimulatedPhy phy) {
        Recorder recorder = new Recorder(phy);
        phy.start(recorder);
        return recorder;
    }

    private static final class Recorder implements PhyListener {
        final SimulatedPhy phy;
        final List<Reception> received = new ArrayList<>();
        final List<TxOutcome> outcomes = new ArrayList<>();

        Recorder(SimulatedPhy phy) {
            this.phy = phy;
        }

        @Override
        public void received(Reception reception) {
            received.add(reception);
        }

        @Override
        public void transmitDone(TxOutcome outcome) {
            outcomes.add(outcome);
        }

        @Override
        public void linkStateChanged(LinkState state) {
        }
    }
}
