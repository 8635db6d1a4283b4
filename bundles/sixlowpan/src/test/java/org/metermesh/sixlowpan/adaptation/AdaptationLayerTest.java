package org.metermesh.sixlowpan.adaptation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Listener;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.LinkState;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;
import org.metermesh.api.radio.TxStatus;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.radio.frame.FcsType;
import org.metermesh.radio.frame.MacFrame;
import org.metermesh.radio.frame.MacFrameCodec;
import org.metermesh.radio.mac.FrameTap;
import org.metermesh.radio.mac.MacLayer;
import org.metermesh.radio.mac.MacListener;
import org.metermesh.radio.mac.MacSettings;
import org.metermesh.radio.medium.MediumSettings;
import org.metermesh.radio.medium.Position;
import org.metermesh.radio.medium.SimulatedMedium;
import org.metermesh.radio.pcap.LinkType;
import org.metermesh.radio.pcap.PcapWriter;
import org.metermesh.radio.pcap.TapMetadata;
import org.metermesh.radio.phy.ChannelPlan;
import org.metermesh.radio.phy.Reception;
import org.metermesh.sixlowpan.frag.ReassemblyConfig;
import org.metermesh.sixlowpan.iphc.ContextTable;
import org.metermesh.sixlowpan.iphc.IphcCodec;
import org.metermesh.testsupport.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adaptation layer over real MACs on the simulated medium: what goes down comes up whole. */
class AdaptationLayerTest {

    private static final int CHANNEL = 17;
    private static final int PAN = 0xcafe;
    private static final Ipv6Prefix MESH = Ipv6Prefix.parse("fd00:cafe::/64");
    private static final ExtendedAddress GATEWAY = ExtendedAddress.of(0x02004d6d00000001L);
    private static final ExtendedAddress METER = ExtendedAddress.of(0x02004d6d00000002L);

    private final VirtualScheduler scheduler = new VirtualScheduler(5);

    @TempDir
    Path dir;

    @Test
    void a1280OctetDatagramCrossesClassicFramesInFragmentsAndArrivesWhole() throws Exception {
        Stack stack = new Stack(ChannelPlan.OQPSK_2450, dir.resolve("fragments.pcap"));
        Ipv6Packet reading = udp(Ipv6Address.of(MESH, METER), Ipv6Address.of(MESH, GATEWAY), 1280 - 48);

        CompletionStage<TxStatus> status = stack.meter.layer.send(reading, GATEWAY);
        scheduler.runFor(Duration.ofSeconds(5));

        assertThat(status.toCompletableFuture()).isCompletedWithValue(TxStatus.ACKED);
        assertThat(stack.gateway.packets).singleElement().isEqualTo(reading);
        assertThat(stack.meter.layer.counters().get("tx:fragmented")).isEqualTo(1);
        assertThat(stack.gateway.layer.reassembler().count("reassembled")).isEqualTo(1);
        stack.close();

        // tshark reassembles the capture itself and checks the UDP checksum.
        List<String> decoded = Tshark.lines(stack.capture, List.of("-o", "6lowpan.context0:fd00:cafe::/64",
                "-o", "udp.check_checksum:TRUE", "-d", "wpan.panid==0xcafe,6lowpan", "-Y", "udp"),
                List.of("6lowpan.reassembled.length", "ipv6.src", "ipv6.dst", "udp.dstport", "udp.checksum.status",
                        "_ws.malformed"), ',');
        assertThat(decoded).containsExactly("1280|fd00:cafe::4d6d:0:2|fd00:cafe::4d6d:0:1|61616|1|");
    }

    @Test
    void onSunFramesTheSameDatagramNeedsNoFragmentation() {
        Stack stack = new Stack(ChannelPlan.sunFskNorthAmerica(150), null);
        Ipv6Packet reading = udp(Ipv6Address.of(MESH, METER), Ipv6Address.of(MESH, GATEWAY), 1280 - 48);

        stack.meter.layer.send(reading, GATEWAY);
        scheduler.runFor(Duration.ofSeconds(5));

        assertThat(stack.gateway.packets).singleElement().isEqualTo(reading);
        assertThat(stack.meter.layer.counters().get("tx:packet")).isEqualTo(1);
        assertThat(stack.meter.layer.counters().get("tx:fragmented")).isZero();
    }

    @Test
    void aMulticastPacketGoesOutAsOneBroadcastFrame() {
        Stack stack = new Stack(ChannelPlan.sunFskNorthAmerica(150), null);
        Ipv6Packet dio = Ipv6Packet.builder().source(Ipv6Address.linkLocal(GATEWAY))
                .destination(Ipv6Address.ALL_RPL_NODES).hopLimit(255)
                .icmpv6(155, 1, new byte[] {0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
                .build();

        CompletionStage<TxStatus> status = stack.gateway.layer.send(dio, ShortAddress.BROADCAST);
        scheduler.runFor(Duration.ofSeconds(1));

        assertThat(status.toCompletableFuture()).isCompletedWithValue(TxStatus.SENT);
        assertThat(stack.meter.packets).singleElement().isEqualTo(dio);
    }

    @Test
    void malformedFramesAndBadChecksumsAreCountedAndDropped() {
        Stack stack = new Stack(ChannelPlan.sunFskNorthAmerica(150), null);
        IphcCodec codec = new IphcCodec(new ContextTable().set(0, MESH));
        Ipv6Packet reading = udp(Ipv6Address.of(MESH, METER), Ipv6Address.of(MESH, GATEWAY), 20);
        byte[] corrupted = codec.compress(reading, METER, GATEWAY);
        corrupted[corrupted.length - 1] ^= 0x01; // a payload octet: only the UDP checksum can tell

        AdaptationLayer gateway = stack.gateway.layer;
        gateway.received(new byte[] {(byte) 0x00, 1, 2}, METER, GATEWAY, -60, 200);
        gateway.received(new byte[] {(byte) 0x7a}, METER, GATEWAY, -60, 200);
        gateway.received(corrupted, METER, GATEWAY, -60, 200);
        gateway.received(codec.compress(reading, METER, GATEWAY), METER, GATEWAY, -60, 200);

        assertThat(gateway.counters().get("dropped:bad_checksum")).isEqualTo(1);
        assertThat(gateway.counters().snapshot().keySet()).filteredOn(k -> k.startsWith("dropped:")).hasSize(3);
        assertThat(stack.gateway.packets).as("the good one still gets through").containsExactly(reading);
    }

    @Test
    void aDatagramTooLargeForDatagramSizeIsRefused() {
        Stack stack = new Stack(ChannelPlan.OQPSK_2450, null);
        Ipv6Packet huge = udp(Ipv6Address.of(MESH, METER), Ipv6Address.of(MESH, GATEWAY), 3000);

        assertThat(stack.meter.layer.send(huge, GATEWAY).toCompletableFuture())
                .isCompletedWithValue(TxStatus.FRAME_TOO_LONG);
    }

    private static Ipv6Packet udp(Ipv6Address source, Ipv6Address destination, int size) {
        byte[] data = new byte[size];
        Arrays.fill(data, (byte) 'k');
        return Ipv6Packet.builder().source(source).destination(destination).hopLimit(64).udp(61616, 61616, data)
                .build();
    }

    /** A gateway and a meter 100 m apart, each MAC + adaptation layer; optionally the meter's frames captured. */
    private final class Stack {
        final Node gateway;
        final Node meter;
        final Path capture;
        private final PcapTap tap;

        Stack(ChannelPlan plan, Path capture) {
            SimulatedMedium medium = new SimulatedMedium(scheduler, plan,
                    new MediumSettings(1, 31.7, 3.0, 0, -100, -95, true, 10, 0));
            this.capture = capture;
            this.tap = capture == null ? null : new PcapTap(capture, plan);
            int channel = plan.hasChannel(CHANNEL) ? CHANNEL : plan.firstChannel();
            gateway = new Node(medium, plan, channel, GATEWAY, 0, FrameTap.NONE);
            meter = new Node(medium, plan, channel, METER, 100, tap == null ? FrameTap.NONE : tap);
        }

        void close() throws IOException {
            tap.close();
        }
    }

    private final class Node implements MacListener, LinkService, Ipv6Listener {
        final List<Ipv6Packet> packets = new ArrayList<>();
        final MacLayer mac;
        final AdaptationLayer layer;

        Node(SimulatedMedium medium, ChannelPlan plan, int channel, ExtendedAddress address, double x, FrameTap tap) {
            MacFrameCodec codec = new MacFrameCodec(plan.fcsLength() == 4 ? FcsType.CRC32 : FcsType.CRC16,
                    plan.maxPsdu());
            mac = new MacLayer(scheduler, medium.attach(new Position(x, 0), channel, 14), codec, plan, channel,
                    MacSettings.defaults(PAN, MacSettings.NO_SHORT_ADDRESS, address.value(), address == GATEWAY),
                    32, this, tap);
            layer = new AdaptationLayer(scheduler, this, new IphcCodec(new ContextTable().set(0, MESH)),
                    ReassemblyConfig.DEFAULTS, this);
            mac.start();
        }

        @Override
        public void dataReceived(MacFrame frame, Reception reception) {
            layer.received(frame.payload(), frame.source(), frame.destination(), reception.rssiDbm(),
                    reception.lqi());
        }

        @Override
        public void linkStateChanged(LinkState state) {
        }

        @Override
        public MacAddress address() {
            return mac.settings().sourceAddress();
        }

        @Override
        public int maxPayload(MacAddress destination) {
            return mac.maxPayload(destination);
        }

        @Override
        public CompletionStage<TxStatus> send(MacAddress destination, byte[] payload, boolean ackRequest) {
            return mac.sendData(destination, payload, ackRequest);
        }

        @Override
        public void received(Ipv6Packet packet, MacAddress linkSource, int rssiDbm, int lqi) {
            packets.add(packet);
        }
    }

    /** Writes the frames a MAC sends to a pcap file, as the radio driver's capture does. */
    private final class PcapTap implements FrameTap {
        private final PcapWriter writer;
        private final FcsType fcs;

        PcapTap(Path file, ChannelPlan plan) {
            fcs = plan.fcsLength() == 4 ? FcsType.CRC32 : FcsType.CRC16;
            try {
                OutputStream out = Files.newOutputStream(file);
                writer = new PcapWriter(out, LinkType.IEEE802_15_4_TAP);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void sent(byte[] psdu, int channel, long timestampNanos) {
            try {
                writer.write(scheduler.now(), psdu, TapMetadata.of(fcs).withChannel(channel, 0));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void heard(Reception reception) {
        }

        void close() throws IOException {
            writer.close();
        }
    }
}
