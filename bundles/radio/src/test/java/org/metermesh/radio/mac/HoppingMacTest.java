package org.metermesh.radio.mac;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.LinkState;
import org.metermesh.api.radio.ShortAddress;
import org.metermesh.api.radio.TxStatus;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.radio.frame.MacFrame;
import org.metermesh.radio.frame.MacFrameCodec;
import org.metermesh.radio.medium.MediumSettings;
import org.metermesh.radio.medium.Position;
import org.metermesh.radio.medium.SimulatedMedium;
import org.metermesh.radio.phy.ChannelHopping;
import org.metermesh.radio.phy.ChannelPlan;
import org.metermesh.radio.phy.Reception;

/** The MAC following a hopping schedule on the simulated medium: who hears what, on which channel, when. */
class HoppingMacTest {

    private static final ChannelPlan PLAN = ChannelPlan.sunFskNorthAmerica(150);
    private static final int PAN = 0xcafe;
    private static final ChannelHopping HOPPING = ChannelHopping.wiSun(PLAN, PAN);
    private static final long WINDOW_MS = ChannelHopping.BROADCAST_DWELL.toMillis();
    private static final long INTERVAL_MS = ChannelHopping.BROADCAST_INTERVAL.toMillis();
    private static final byte[] PAYLOAD = "reading 1-0:1.8.0 = 1234 kWh".getBytes();

    private final VirtualScheduler scheduler = new VirtualScheduler(5);
    private final SimulatedMedium medium = new SimulatedMedium(scheduler, PLAN,
            new MediumSettings(9, 31.7, 3.0, 0.0, -100, -95, true, 10, 0));

    private Node node(int number, double x) {
        return new Node(number, x);
    }

    @Test
    void aUnicastGoesOutOnTheDestinationsChannelOutsideTheWindowAndIsAcknowledgedThere() {
        Node gateway = node(1, 0);
        Node meter = node(2, 120);
        scheduler.runFor(Duration.ofMillis(WINDOW_MS + 100));  // into the unicast part of the interval
        long now = scheduler.nanoTime();

        CompletionStage<TxStatus> status = meter.mac.sendData(gateway.address, PAYLOAD, true);
        scheduler.runFor(Duration.ofMillis(50));

        assertThat(status.toCompletableFuture()).isCompletedWithValue(TxStatus.ACKED);
        int channel = meter.sentChannels.get(0);
        assertThat(HOPPING.inBroadcastWindow(meter.sentTimes.get(0))).isFalse();
        assertThat(channel).isEqualTo(HOPPING.listeningChannel(gateway.address.value(), meter.sentTimes.get(0)))
                .isNotEqualTo(HOPPING.listeningChannel(meter.address.value(), now));
        assertThat(gateway.delivered).singleElement().satisfies(f -> assertThat(f.payload()).isEqualTo(PAYLOAD));
        assertThat(gateway.heardChannels).containsExactly(channel);
        assertThat(gateway.sentChannels).as("the acknowledgement, on the frame's channel").containsExactly(channel);
        assertThat(meter.heardChannels).containsExactly(channel);
    }

    @Test
    void aUnicastAskedForInTheWindowWaitsForItToClose() {
        Node gateway = node(1, 0);
        Node meter = node(2, 120);
        Node bystander = node(3, 60);
        scheduler.runFor(Duration.ofMillis(10)); // inside the first broadcast window

        CompletionStage<TxStatus> status = meter.mac.sendData(gateway.address, PAYLOAD, true);
        scheduler.runFor(Duration.ofMillis(WINDOW_MS - 20));
        assertThat(status.toCompletableFuture()).as("still waiting for the window to close").isNotDone();
        assertThat(meter.sentTimes).isEmpty();
        scheduler.runFor(Duration.ofMillis(WINDOW_MS + 50));

        assertThat(status.toCompletableFuture()).isCompletedWithValue(TxStatus.ACKED);
        long sentAt = meter.sentTimes.get(0);
        assertThat(HOPPING.inBroadcastWindow(sentAt)).isFalse();
        assertThat(meter.sentChannels.get(0)).isEqualTo(HOPPING.listeningChannel(gateway.address.value(), sentAt));
        assertThat(bystander.heardChannels).as("not overheard on the broadcast channel").isEmpty();
    }

    @Test
    void aBroadcastQueuedBehindAUnicastWaitingForTheWindowToCloseGoesFirst() {
        Node gateway = node(1, 0);
        Node meter = node(2, 120);
        scheduler.runFor(Duration.ofMillis(10));

        CompletionStage<TxStatus> unicast = meter.mac.sendData(gateway.address, PAYLOAD, true);
        CompletionStage<TxStatus> broadcast = meter.mac.sendData(ShortAddress.BROADCAST, PAYLOAD, false);
        scheduler.runFor(Duration.ofMillis(WINDOW_MS - 20));

        assertThat(broadcast.toCompletableFuture()).isCompletedWithValue(TxStatus.SENT);
        assertThat(unicast.toCompletableFuture()).isNotDone();
        scheduler.runFor(Duration.ofMillis(WINDOW_MS + 50));
        assertThat(unicast.toCompletableFuture()).isCompletedWithValue(TxStatus.ACKED);
        assertThat(gateway.delivered).hasSize(2);
    }

    @Test
    void nodesSendingToEachOtherAtOnceNeverLoseAnAcknowledgementToTheirOwnFrames() {
        // Each side's next frame is ready while the other's arrives: the turnaround after a frame belongs to its
        // acknowledgement, and a radio taking in a frame does not retune to send its own.
        Node gateway = node(1, 0);
        Node meter = node(2, 120);
        scheduler.runFor(Duration.ofMillis(WINDOW_MS + 10));
        List<CompletionStage<TxStatus>> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sent.add(gateway.mac.sendData(meter.address, PAYLOAD, true));
            sent.add(meter.mac.sendData(gateway.address, PAYLOAD, true));
        }
        scheduler.runFor(Duration.ofSeconds(20));

        // Busy channels may make CSMA give up on some (each side keeps finding the other on the air); none may end
        // unacknowledged, and each side received exactly what the other saw acknowledged.
        List<TxStatus> statuses = sent.stream().map(s -> s.toCompletableFuture().getNow(null)).toList();
        assertThat(statuses).doesNotContain(TxStatus.NO_ACK).containsOnly(TxStatus.ACKED, TxStatus.CHANNEL_BUSY);
        assertThat(statuses.stream().filter(TxStatus.ACKED::equals).count()).isGreaterThan(60);
        for (Node node : List.of(gateway, meter)) {
            assertThat(node.mac.counters().get("ack:phy-busy")).isZero();
            assertThat(node.mac.counters().get("duplicate")).as("a retry after a lost acknowledgement").isZero();
        }
        assertThat(gateway.delivered.size() + meter.delivered.size())
                .isEqualTo(statuses.stream().filter(TxStatus.ACKED::equals).count());
    }

    @Test
    void aUnicastIsHeardOnlyByNodesOnItsChannelNotByEveryNeighbour() {
        Node gateway = node(1, 0);
        Node meter = node(2, 120);
        List<Node> bystanders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            bystanders.add(node(10 + i, 60 + i));
        }
        scheduler.runFor(Duration.ofMillis(WINDOW_MS + 10));
        long sentAt = scheduler.nanoTime();

        meter.mac.sendData(gateway.address, PAYLOAD, true);
        scheduler.runFor(Duration.ofMillis(50));

        int channel = meter.sentChannels.get(0);
        for (Node bystander : bystanders) {
            boolean onTheChannel = HOPPING.listeningChannel(bystander.address.value(), sentAt) == channel;
            assertThat(!bystander.heardChannels.isEmpty()).as("bystander %d", bystander.number)
                    .isEqualTo(onTheChannel);
        }
        long onIt = bystanders.stream()
                .filter(b -> HOPPING.listeningChannel(b.address.value(), sentAt) == channel).count();
        assertThat(onIt).as("20 schedules over 129 channels rarely meet").isLessThan(5);
    }

    @Test
    void aBroadcastWaitsForTheWindowAndReachesEveryNeighbourOnTheBroadcastChannel() {
        Node gateway = node(1, 0);
        List<Node> meters = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            meters.add(node(2 + i, 50 + 30 * i));
        }
        scheduler.runFor(Duration.ofMillis(WINDOW_MS + 10));

        CompletionStage<TxStatus> status = gateway.mac.sendData(ShortAddress.BROADCAST, PAYLOAD, false);
        scheduler.runFor(Duration.ofMillis(INTERVAL_MS - WINDOW_MS - 20));
        assertThat(status.toCompletableFuture()).as("still waiting for the window").isNotDone();
        scheduler.runFor(Duration.ofMillis(WINDOW_MS + 20));

        assertThat(status.toCompletableFuture()).isCompletedWithValue(TxStatus.SENT);
        long sentAt = gateway.sentTimes.get(0);
        assertThat(sentAt).isBetween(Duration.ofMillis(INTERVAL_MS).toNanos(),
                Duration.ofMillis(INTERVAL_MS + WINDOW_MS).toNanos());
        assertThat(gateway.sentChannels).containsExactly(HOPPING.broadcastChannel(sentAt));
        for (Node meter : meters) {
            assertThat(meter.delivered).as("meter %d", meter.number).hasSize(1);
        }
    }

    @Test
    void aUnicastQueuedBehindAWaitingBroadcastGoesFirst() {
        Node gateway = node(1, 0);
        Node meter = node(2, 120);
        scheduler.runFor(Duration.ofMillis(WINDOW_MS + 10));

        CompletionStage<TxStatus> broadcast = meter.mac.sendData(ShortAddress.BROADCAST, PAYLOAD, false);
        CompletionStage<TxStatus> unicast = meter.mac.sendData(gateway.address, PAYLOAD, true);
        scheduler.runFor(Duration.ofMillis(50));

        assertThat(unicast.toCompletableFuture()).isCompletedWithValue(TxStatus.ACKED);
        assertThat(broadcast.toCompletableFuture()).isNotDone();
        scheduler.runFor(Duration.ofMillis(INTERVAL_MS));
        assertThat(broadcast.toCompletableFuture()).isCompletedWithValue(TxStatus.SENT);
        assertThat(HOPPING.inBroadcastWindow(meter.sentTimes.get(1))).isTrue();
        assertThat(gateway.delivered).hasSize(2);
    }

    @Test
    void aBroadcastWhoseBackoffsOutlastTheWindowWaitsForTheNextOne() {
        // A 1 ms window: a few CSMA backoff periods (about 1 ms each) run past it.
        ChannelHopping narrow = new ChannelHopping(PLAN, 255_000_000L, 20_000_000L, 1_000_000L, PAN);
        Node gateway = node(1, 0);
        Node meter = node(2, 60);
        gateway.mac.hop(narrow);
        meter.mac.hop(narrow);

        List<CompletionStage<TxStatus>> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(gateway.mac.sendData(ShortAddress.BROADCAST, PAYLOAD, false));
        }
        scheduler.runFor(Duration.ofSeconds(5));

        assertThat(sent).allSatisfy(s -> assertThat(s.toCompletableFuture()).isCompletedWithValue(TxStatus.SENT));
        assertThat(gateway.sentTimes).hasSize(20).allSatisfy(t -> assertThat(narrow.inBroadcastWindow(t)).isTrue());
        assertThat(meter.delivered).hasSize(20);
    }

    @Test
    void aShortAddressedUnicastHasNoScheduleToFollow() {
        Node meter = node(2, 0);

        CompletionStage<TxStatus> status = meter.mac.sendData(ShortAddress.of(0x0001), PAYLOAD, true);
        scheduler.runFor(Duration.ofSeconds(2));

        assertThat(status.toCompletableFuture()).isCompletedWithValue(TxStatus.LINK_DOWN);
        assertThat(meter.mac.counters().get("no-schedule")).isEqualTo(1);
        assertThat(meter.sentChannels).isEmpty();
    }

    @Test
    void aScheduleOverAnotherPlanIsRefused() {
        Node meter = node(2, 0);
        ChannelHopping other = ChannelHopping.wiSun(ChannelPlan.OQPSK_2450, PAN);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> meter.mac.hop(other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("oqpsk-2450");
    }

    private final class Node implements MacListener, FrameTap {
        final int number;
        final ExtendedAddress address;
        final MacLayer mac;
        final List<MacFrame> delivered = new ArrayList<>();
        final List<Integer> sentChannels = new ArrayList<>();
        final List<Long> sentTimes = new ArrayList<>();
        final List<Integer> heardChannels = new ArrayList<>();

        Node(int number, double x) {
            this.number = number;
            this.address = ExtendedAddress.of(0x02004d6d00000000L | number);
            this.mac = new MacLayer(scheduler, medium.attach(new Position(x, 0), 17, 14), MacFrameCodec.sun(), PLAN,
                    17, MacSettings.defaults(PAN, MacSettings.NO_SHORT_ADDRESS, address.value(), number == 1), 32,
                    this, this);
            mac.start();
            mac.hop(HOPPING);
        }

        @Override
        public void dataReceived(MacFrame frame, Reception reception) {
            delivered.add(frame);
        }

        @Override
        public void linkStateChanged(LinkState state) {
        }

        @Override
        public void sent(byte[] psdu, int channel, long timestampNanos) {
            sentChannels.add(channel);
            sentTimes.add(timestampNanos);
        }

        @Override
        public void heard(Reception reception) {
            heardChannels.add(reception.channel());
        }
    }
}
