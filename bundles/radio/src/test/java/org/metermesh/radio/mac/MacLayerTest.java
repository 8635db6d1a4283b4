package org.metermesh.radio.mac;

import org.metermesh.api.radio.TxStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.metermesh.api.radio.LinkState;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.radio.frame.FrameType;
import org.metermesh.radio.frame.FrameVersion;
import org.metermesh.radio.frame.MacFrame;
import org.metermesh.radio.frame.MacFrameCodec;
import org.metermesh.api.radio.ShortAddress;
import org.metermesh.radio.medium.MediumSettings;
import org.metermesh.radio.medium.Position;
import org.metermesh.radio.medium.SimulatedMedium;
import org.metermesh.radio.phy.ChannelPlan;
import org.metermesh.radio.phy.RadioPhy;
import org.metermesh.radio.phy.Reception;
import org.metermesh.radio.phy.TxOutcome;
import org.junit.jupiter.api.Test;

class MacLayerTest {

    private static final ChannelPlan PLAN = ChannelPlan.sunFskNorthAmerica(150);
    private static final int CHANNEL = 17;
    private static final int PAN = 0xcafe;
    private static final byte[] PAYLOAD = "reading 1-0:1.8.0 = 1234 kWh".getBytes();

    private final VirtualScheduler scheduler = new VirtualScheduler(3);
    private final SimulatedMedium medium = new SimulatedMedium(scheduler, PLAN,
            new MediumSettings(9, 31.7, 3.0, 0.0, -100, -95, true, 10, 0));

    private Node node(int shortAddress, double x) {
        return new Node(medium.attach(new Position(x, 0), CHANNEL, 14), shortAddress);
    }

    @Test
    void unicastFrameIsDeliveredAndAcknowledged() {
        Node gateway = node(0x0001, 0);
        Node meter = node(0x0002, 120);

        CompletionStage<TxStatus> status = meter.mac.sendData(ShortAddress.of(0x0001), PAYLOAD, true);
        scheduler.runFor(Duration.ofSeconds(1));

        assertThat(status.toCompletableFuture()).isCompletedWithValue(TxStatus.ACKED);
        assertThat(gateway.delivered).singleElement().satisfies(frame -> {
            assertThat(frame.payload()).isEqualTo(PAYLOAD);
            assertThat(frame.source()).isEqualTo(ShortAddress.of(0x0002));
            assertThat(frame.destinationPanId()).hasValue(PAN);
        });
        assertThat(meter.mac.counters().get("tx")).isEqualTo(1);
        assertThat(meter.mac.counters().get("acked")).isEqualTo(1);
        assertThat(gateway.mac.counters().get("ack-sent")).isEqualTo(1);
    }

    @Test
    void aFrameSentFromTheCompletionOfTheLastOneIsNotLost() {
        Node gateway = node(0x0001, 0);
        Node meter = node(0x0002, 120);

        CompletionStage<TxStatus> second = meter.mac.sendData(ShortAddress.of(0x0001), PAYLOAD, true)
                .thenCompose(first -> meter.mac.sendData(ShortAddress.of(0x0001), PAYLOAD, true));
        scheduler.runFor(Duration.ofSeconds(1));

        assertThat(second.toCompletableFuture()).isCompletedWithValue(TxStatus.ACKED);
        assertThat(gateway.delivered).hasSize(2);
    }

    @Test
    void unicastToNobodyIsRetriedThenReportedAsNoAck() {
        Node meter = node(0x0002, 0);

        CompletionStage<TxStatus> status = meter.mac.sendData(ShortAddress.of(0x0042), PAYLOAD, true);
        scheduler.runFor(Duration.ofSeconds(2));

        assertThat(status.toCompletableFuture()).isCompletedWithValue(TxStatus.NO_ACK);
        assertThat(meter.mac.counters().get("tx")).as("first try plus macMaxFrameRetries").isEqualTo(4);
        assertThat(meter.mac.counters().get("retry")).isEqualTo(3);
        assertThat(meter.mac.counters().get("no-ack")).isEqualTo(1);
    }

    @Test
    void broadcastReachesEveryNeighbourWithoutAcknowledgement() {
        Node gateway = node(0x0001, 0);
        Node left = node(0x0002, -100);
        Node right = node(0x0003, 100);

        CompletionStage<TxStatus> status = gateway.mac.sendData(ShortAddress.BROADCAST, PAYLOAD, true);
        scheduler.runFor(Duration.ofSeconds(1));

        assertThat(status.toCompletableFuture()).isCompletedWithValue(TxStatus.SENT);
        assertThat(left.delivered).hasSize(1);
        assertThat(right.delivered).hasSize(1);
        assertThat(left.mac.counters().get("ack-sent")).isZero();
    }

    @Test
    void framesForAnotherPanOrAddressAreFilteredNotDelivered() {
        Node sender = node(0x0002, 0);
        Node other = node(0x0003, 50);
        Node gateway = node(0x0001, 100);
        gateway.mac.apply(gateway.mac.settings().withPanId(0xbeef));

        sender.mac.sendData(ShortAddress.of(0x0001), PAYLOAD, false);
        scheduler.runFor(Duration.ofSeconds(1));

        assertThat(gateway.delivered).isEmpty();
        assertThat(gateway.mac.counters().get("filtered")).isEqualTo(1);
        assertThat(other.delivered).isEmpty();
        assertThat(other.mac.counters().get("filtered")).isEqualTo(1);
    }

    @Test
    void neighbourTableRecordsSignalAndAcknowledgements() {
        Node gateway = node(0x0001, 0);
        Node meter = node(0x0002, 120);

        meter.mac.sendData(ShortAddress.of(0x0001), PAYLOAD, true);
        scheduler.runFor(Duration.ofSeconds(1));
        gateway.mac.sendData(ShortAddress.of(0x0002), PAYLOAD, true);
        scheduler.runFor(Duration.ofSeconds(1));

        assertThat(gateway.mac.neighbours()).singleElement().satisfies(link -> {
            assertThat(link.address()).isEqualTo(ShortAddress.of(0x0002));
            assertThat(link.lastRssiDbm()).isEqualTo((int) Math.round(14 - (31.7 + 30 * Math.log10(120))));
            assertThat(link.framesHeard()).isEqualTo(1);
            assertThat(link.acked()).isEqualTo(1);
        });
    }

    @Test
    void busyChannelEndsInChannelBusyAfterMaxCsmaBackoffs() {
        ScriptedPhy phy = new ScriptedPhy();
        phy.clear = false;
        MacLayer mac = scripted(phy, new Recorder());

        CompletionStage<TxStatus> status = mac.sendData(ShortAddress.of(1), PAYLOAD, true);
        scheduler.runFor(Duration.ofSeconds(1));

        assertThat(status.toCompletableFuture()).isCompletedWithValue(TxStatus.CHANNEL_BUSY);
        assertThat(phy.ccaCount).as("macMaxCsmaBackoffs + 1 assessments").isEqualTo(5);
        assertThat(phy.sent).isEmpty();
    }

    @Test
    void aRadioThatAssessesTheChannelItselfIsNotAskedAndItsBusyVerdictCounts() {
        ScriptedPhy phy = new ScriptedPhy();
        phy.assessesOnTransmit = true;
        MacLayer mac = scripted(phy, new Recorder());

        CompletionStage<TxStatus> status = mac.sendData(ShortAddress.of(1), PAYLOAD, false);
        for (int attempt = 0; attempt < 5; attempt++) {
            scheduler.runFor(Duration.ofSeconds(1));
            phy.finishTransmission(TxOutcome.CHANNEL_BUSY);
        }
        scheduler.runFor(Duration.ofSeconds(1));

        assertThat(phy.ccaCount).isZero();
        assertThat(phy.sent).as("one attempt per CSMA round").hasSize(5);
        assertThat(status.toCompletableFuture()).isCompletedWithValue(TxStatus.CHANNEL_BUSY);
    }

    @Test
    void aRetransmissionIsAcknowledgedAgainButDeliveredOnce() {
        Recorder upper = new Recorder();
        MacLayer mac = hearAcknowledgedFrameTwice(Duration.ofMillis(5), upper);

        assertThat(upper.delivered).hasSize(1);
        assertThat(mac.counters().get("duplicate")).isEqualTo(1);
    }

    @Test
    void anAcknowledgedFrameHeardAgainAfterTwentySecondsIsNewNotARepeat() {
        Recorder upper = new Recorder();
        // Its sender has sent 256 frames to others since, and its sequence number came round.
        MacLayer mac = hearAcknowledgedFrameTwice(Duration.ofSeconds(21), upper);

        assertThat(upper.delivered).hasSize(2);
        assertThat(mac.counters().get("duplicate")).isZero();
    }

    /** The PSDU of a 2006 data frame within our PAN carrying {@link #PAYLOAD}. */
    private static byte[] dataFrame(int sequence, boolean ackRequest, ShortAddress destination,
            ShortAddress source) {
        return MacFrameCodec.sun().encode(MacFrame.builder(FrameType.DATA, FrameVersion.IEEE_802_15_4_2006)
                .sequenceNumber(sequence).ackRequest(ackRequest).intraPan(PAN, destination, source).payload(PAYLOAD)
                .build());
    }

    /** One acknowledged frame heard twice, {@code gap} apart; both times it is acknowledged. */
    private MacLayer hearAcknowledgedFrameTwice(Duration gap, Recorder upper) {
        ScriptedPhy phy = new ScriptedPhy();
        MacLayer mac = scripted(phy, upper);
        byte[] frame = dataFrame(77, true, ShortAddress.of(0x0001), ShortAddress.of(0x0005));

        phy.hear(frame, scheduler.nanoTime());
        scheduler.runFor(Duration.ofMillis(5));
        phy.finishTransmission(TxOutcome.SENT);
        scheduler.runFor(gap);
        phy.hear(frame, scheduler.nanoTime());
        scheduler.runFor(Duration.ofMillis(5));

        assertThat(phy.sent).as("two acknowledgements").hasSize(2);
        return mac;
    }

    @Test
    void framesNobodyAcknowledgesAreNeverTakenForRepeats() {
        ScriptedPhy phy = new ScriptedPhy();
        Recorder upper = new Recorder();
        MacLayer mac = scripted(phy, upper);
        // A broadcast and an unacknowledged unicast, each heard twice with the same sequence number: the MAC never
        // sends such frames again, so the second is a new frame whose sender's sequence number came round.
        byte[] broadcast = dataFrame(12, false, ShortAddress.BROADCAST, ShortAddress.of(0x0005));
        byte[] unacknowledged = dataFrame(13, false, ShortAddress.of(0x0001), ShortAddress.of(0x0006));

        phy.hear(broadcast);
        phy.hear(unacknowledged);
        phy.hear(broadcast);
        phy.hear(unacknowledged);
        scheduler.runFor(Duration.ofMillis(5));

        assertThat(upper.delivered).hasSize(4);
        assertThat(mac.counters().get("duplicate")).isZero();
    }

    @Test
    void malformedFramesAreCountedByReasonAndTheLayerCarriesOn() {
        ScriptedPhy phy = new ScriptedPhy();
        Recorder upper = new Recorder();
        MacLayer mac = scripted(phy, upper);
        byte[] good = dataFrame(1, false, ShortAddress.of(0x0001), ShortAddress.of(0x0005));
        byte[] corrupted = good.clone();
        corrupted[5] ^= 0x40;

        phy.hear(new byte[] {0x41});
        phy.hear(corrupted);
        phy.hear(good);

        assertThat(mac.counters().snapshot()).containsKey("dropped:bad_fcs");
        assertThat(mac.counters().snapshot().keySet()).filteredOn(k -> k.startsWith("dropped:")).hasSize(2);
        assertThat(upper.delivered).hasSize(1);
    }

    @Test
    void aFrameLargerThanThePhyAllowsIsRefused() {
        ScriptedPhy phy = new ScriptedPhy();
        MacLayer mac = scripted(phy, new Recorder());

        CompletionStage<TxStatus> status = mac.sendData(ShortAddress.of(1), new byte[2047], true);

        assertThat(status.toCompletableFuture()).isCompletedWithValue(TxStatus.FRAME_TOO_LONG);
        assertThat(phy.sent).isEmpty();
    }

    @Test
    void maxPayloadLeavesRoomForTheMacHeaderAndFcs() {
        ScriptedPhy phy = new ScriptedPhy();
        MacLayer mac = scripted(phy, new Recorder());

        // 2006 intra-PAN data frame: FCF 2 + sequence 1 + PAN 2 + addresses, then a 4-octet CRC-32 on SUN.
        assertThat(mac.maxPayload(ShortAddress.of(2))).isEqualTo(2047 - (2 + 1 + 2 + 2 + 2) - 4);
        assertThat(mac.maxPayload(org.metermesh.api.radio.ExtendedAddress.of(0x02004d6d00000002L)))
                .isEqualTo(2047 - (2 + 1 + 2 + 8 + 2) - 4);
        mac.sendData(ShortAddress.of(2), new byte[mac.maxPayload(ShortAddress.of(2))], false);
        scheduler.runFor(Duration.ofSeconds(1));
        assertThat(phy.sent).singleElement().satisfies(psdu -> assertThat(psdu).hasSize(2047));
    }

    @Test
    void nothingIsSentWhileTheLinkIsDown() {
        ScriptedPhy phy = new ScriptedPhy();
        phy.link = LinkState.DOWN;
        MacLayer mac = scripted(phy, new Recorder());

        assertThat(mac.sendData(ShortAddress.of(1), PAYLOAD, true).toCompletableFuture())
                .isCompletedWithValue(TxStatus.LINK_DOWN);
    }

    @Test
    void aBackendFailureMidTransmissionReportsLinkDown() {
        ScriptedPhy phy = new ScriptedPhy();
        MacLayer mac = scripted(phy, new Recorder());

        CompletionStage<TxStatus> status = mac.sendData(ShortAddress.of(1), PAYLOAD, true);
        scheduler.runFor(Duration.ofSeconds(1));
        phy.finishTransmission(TxOutcome.FAILED);

        assertThat(status.toCompletableFuture()).isCompletedWithValue(TxStatus.LINK_DOWN);
    }

    @Test
    void aBackendThatCannotHopLeavesTheMacOnItsChannel() {
        ScriptedPhy phy = new ScriptedPhy();
        MacLayer mac = scripted(phy, new Recorder());

        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> mac.hop(org.metermesh.radio.phy.ChannelHopping.wiSun(PLAN, PAN)))
                .isInstanceOf(UnsupportedOperationException.class);
        scheduler.runFor(Duration.ofMillis(300));  // out of the first broadcast window
        mac.sendData(ShortAddress.BROADCAST, PAYLOAD, false);
        scheduler.runFor(Duration.ofMillis(50));

        assertThat(phy.sent).as("sent at once on the fixed channel, not parked for a window").hasSize(1);
    }

    private MacLayer scripted(RadioPhy phy, Recorder upper) {
        MacLayer mac = new MacLayer(scheduler, phy, MacFrameCodec.sun(), PLAN, CHANNEL,
                MacSettings.defaults(PAN, 0x0001, 0x02004d6d00000001L, true), 32, upper, FrameTap.NONE);
        mac.start();
        return mac;
    }

    private final class Node {
        final MacLayer mac;
        final List<MacFrame> delivered;

        Node(RadioPhy phy, int shortAddress) {
            Recorder recorder = new Recorder();
            this.delivered = recorder.delivered;
            this.mac = new MacLayer(scheduler, phy, MacFrameCodec.sun(), PLAN, CHANNEL,
                    MacSettings.defaults(PAN, shortAddress, 0x02004d6d00000000L | shortAddress, shortAddress == 1),
                    32, recorder, FrameTap.NONE);
            mac.start();
        }
    }

    private static final class Recorder implements MacListener {
        final List<MacFrame> delivered = new ArrayList<>();

        @Override
        public void dataReceived(MacFrame frame, Reception reception) {
            delivered.add(frame);
        }

        @Override
        public void linkStateChanged(LinkState state) {
        }
    }
}
