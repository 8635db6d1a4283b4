package org.metermesh.sixlowpan.adaptation;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.metermesh.api.clock.Scheduler;
import org.metermesh.api.counters.Counters;
import org.metermesh.api.ipv6.Ipv6FormatException;
import org.metermesh.api.ipv6.Ipv6Listener;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.ipv6.UdpDatagram;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;
import org.metermesh.api.radio.TxStatus;
import org.metermesh.sixlowpan.frag.DatagramTagSequence;
import org.metermesh.sixlowpan.frag.Fragmenter;
import org.metermesh.sixlowpan.frag.Reassembler;
import org.metermesh.sixlowpan.frag.ReassemblyConfig;
import org.metermesh.sixlowpan.frag.ReassemblyResult;
import org.metermesh.sixlowpan.iphc.Dispatch;
import org.metermesh.sixlowpan.iphc.IphcCodec;
import org.metermesh.sixlowpan.iphc.LowpanHeaders;
import org.metermesh.sixlowpan.iphc.SixLowpanDecodeException;

/**
 * The 6LoWPAN adaptation layer (RFC 4944, RFC 6282) between IPv6 and an IEEE 802.15.4 link: packets go down
 * compressed, and fragmented when they do not fit a frame; frames come up reassembled and decompressed.
 *
 * <p>Sans-I/O on the stack's {@link Scheduler}. Every frame that cannot be turned into a packet is counted by its
 * reason and dropped; nothing a neighbour sends can throw out of {@link #received}.
 */
public final class AdaptationLayer {

    private final LinkService link;
    private final IphcCodec codec;
    private final Reassembler reassembler;
    private final DatagramTagSequence tags;
    private final Ipv6Listener upper;
    private final Counters counters;
    // Counted for every frame a radio hears: handles, not lookups by name.
    private final Counters.Counter rxFrames;
    private final Counters.Counter rxPackets;

    public AdaptationLayer(Scheduler scheduler, LinkService link, IphcCodec codec, ReassemblyConfig reassembly,
            Ipv6Listener upper) {
        this(scheduler, link, codec, reassembly, upper, new Counters());
    }

    /**
     * An adaptation layer that counts into {@code counters}, which several layers may share: a simulated
     * neighbourhood sums its meters' counts so.
     */
    public AdaptationLayer(Scheduler scheduler, LinkService link, IphcCodec codec, ReassemblyConfig reassembly,
            Ipv6Listener upper, Counters counters) {
        this.counters = counters;
        this.rxFrames = counters.counter("rx:frame");
        this.rxPackets = counters.counter("rx:packet");
        this.link = link;
        this.codec = codec;
        this.reassembler = new Reassembler(scheduler, codec, reassembly);
        this.tags = DatagramTagSequence.startingRandomly(scheduler.random());
        this.upper = upper;
    }

    /** The counts of this layer, and of any other that shares its {@link Counters}. */
    public Counters counters() {
        return counters;
    }

    /** The reassembler's own counters (fragments, reassembled datagrams, drops by reason). */
    public Reassembler reassembler() {
        return reassembler;
    }

    /**
     * Sends {@code packet} to the neighbour {@code nextHop}: compressed against this node's and the neighbour's
     * link addresses, fragmented if needed, each fragment after the previous one was delivered. Unicast frames ask
     * for acknowledgement.
     *
     * @return the status of the last frame sent: ACKED or SENT when every frame went out, else the first failure
     */
    public CompletionStage<TxStatus> send(Ipv6Packet packet, MacAddress nextHop) {
        IphcCodec.Compressed compressed = codec.compressDatagram(packet, link.address(), nextHop);
        byte[] bytes = compressed.bytes();
        int headerLength = compressed.compressedHeaderLength();
        byte[] header = java.util.Arrays.copyOf(bytes, headerLength);
        byte[] rest = java.util.Arrays.copyOfRange(bytes, headerLength, bytes.length);
        List<byte[]> frames;
        try {
            frames = new Fragmenter(link.maxPayload(nextHop)).fragment(header,
                    compressed.uncompressedHeaderLength(), rest, compressed.datagramSize(), tags);
        } catch (IllegalArgumentException tooLarge) {
            counters.increment("tx:too-large");
            return CompletableFuture.completedFuture(TxStatus.FRAME_TOO_LONG);
        }
        counters.increment(frames.size() == 1 ? "tx:packet" : "tx:fragmented");
        boolean ack = !(nextHop instanceof ShortAddress s && s.isBroadcast());
        return sendInOrder(frames, 0, nextHop, ack);
    }

    private CompletionStage<TxStatus> sendInOrder(List<byte[]> frames, int index, MacAddress nextHop, boolean ack) {
        return link.send(nextHop, frames.get(index), ack).thenCompose(status -> {
            boolean delivered = status == TxStatus.ACKED || status == TxStatus.SENT;
            if (!delivered) {
                counters.increment("tx:failed:" + status.counterName());
            }
            if (!delivered || index + 1 == frames.size()) {
                return CompletableFuture.completedFuture(status);
            }
            return sendInOrder(frames, index + 1, nextHop, ack);
        });
    }

    /** A frame payload from {@code source} to {@code destination}, as the MAC delivered it. */
    public void received(byte[] payload, MacAddress source, MacAddress destination, int rssiDbm, int lqi) {
        rxFrames.increment();
        try {
            LowpanHeaders headers = LowpanHeaders.parse(payload, 0, payload.length);
            MacAddress from = headers.derivationSource(source);
            MacAddress to = headers.derivationDestination(destination);
            if (headers.dispatch() == Dispatch.FRAG1 || headers.dispatch() == Dispatch.FRAGN) {
                reassembled(reassembler.accept(payload, headers.offset(), payload.length - headers.offset(), from, to),
                        source, rssiDbm, lqi);
            } else {
                deliver(codec.decompress(payload, source, destination), source, rssiDbm, lqi);
            }
        } catch (SixLowpanDecodeException e) {
            counters.increment(e.counterName());
        }
    }

    private void reassembled(ReassemblyResult result, MacAddress source, int rssiDbm, int lqi) {
        if (result instanceof ReassemblyResult.Reassembled done) {
            try {
                Ipv6Packet packet = Ipv6Packet.decode(done.packet());
                deliver(done.udpChecksumElided() ? withUdpChecksum(packet) : packet, source, rssiDbm, lqi);
            } catch (Ipv6FormatException e) {
                counters.increment("dropped:malformed_ipv6");
            }
        }
        // Pending, duplicate and dropped fragments are counted by the reassembler.
    }

    /** RFC 6282 4.3.2: an elided UDP checksum is recomputed once the whole datagram is known. */
    private static Ipv6Packet withUdpChecksum(Ipv6Packet packet) throws Ipv6FormatException {
        UdpDatagram udp = packet.udp();
        return packet.toBuilder().udp(udp.sourcePort(), udp.destinationPort(), udp.data()).build();
    }

    private void deliver(Ipv6Packet packet, MacAddress source, int rssiDbm, int lqi) {
        try {
            if (!checksumValid(packet)) {
                counters.increment("dropped:bad_checksum");
                return;
            }
        } catch (Ipv6FormatException e) {
            counters.increment("dropped:malformed_upper_layer");
            return;
        }
        rxPackets.increment();
        upper.received(packet, source, rssiDbm, lqi);
    }

    /** UDP and ICMPv6 checksums over the pseudo-header with the final destination (RFC 8200 8.1). */
    private static boolean checksumValid(Ipv6Packet packet) throws Ipv6FormatException {
        return switch (packet.upperLayerProtocol()) {
            case Ipv6Packet.UDP -> packet.udp().hasValidChecksum(packet.source(), packet.finalDestination());
            case Ipv6Packet.ICMPV6 -> packet.icmpv6().hasValidChecksum(packet.source(), packet.finalDestination());
            default -> true;
        };
    }
}
