package org.metermesh.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.platform.clock.VirtualScheduler;
import org.metermesh.sixlowpan.frag.DatagramTagSequence;
import org.metermesh.sixlowpan.frag.Fragmenter;
import org.metermesh.sixlowpan.frag.Reassembler;
import org.metermesh.sixlowpan.frag.ReassemblyConfig;
import org.metermesh.sixlowpan.frag.ReassemblyResult;
import org.metermesh.sixlowpan.iphc.ContextTable;
import org.metermesh.sixlowpan.iphc.IphcCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Datagrams per second on one core: a 1280-octet UDP datagram (the IPv6 minimum MTU) compressed, cut into fragments
 * for 102-octet frame payloads (what a 127-octet frame with extended addresses and CRC-16 leaves) and reassembled.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class FragmentationBenchmark {

    private static final Ipv6Prefix MESH = Ipv6Prefix.parse("fd00:cafe::/64");
    private static final ExtendedAddress GATEWAY = ExtendedAddress.of(0x02004d6d00000001L);
    private static final ExtendedAddress METER = ExtendedAddress.of(0x02004d6d00000002L);
    private static final int CLASSIC_FRAME_PAYLOAD = 102;

    private IphcCodec codec;
    private Ipv6Packet large;
    private VirtualScheduler scheduler;
    private Reassembler reassembler;
    private Fragmenter fragmenter;
    private DatagramTagSequence tags;

    @Setup
    public void setUp() {
        codec = new IphcCodec(new ContextTable().set(0, MESH));
        byte[] data = new byte[1280 - 48];
        Arrays.fill(data, (byte) 'k');
        large = Ipv6Packet.builder().source(Ipv6Address.of(MESH, METER)).destination(Ipv6Address.of(MESH, GATEWAY))
                .hopLimit(64).udp(61616, 61616, data).build();
        scheduler = new VirtualScheduler(1);
        reassembler = new Reassembler(scheduler, codec, ReassemblyConfig.DEFAULTS);
        fragmenter = new Fragmenter(CLASSIC_FRAME_PAYLOAD);
        tags = new DatagramTagSequence(0);
    }

    @Benchmark
    public byte[] fragmentReassemble() {
        IphcCodec.Compressed compressed = codec.compressDatagram(large, METER, GATEWAY);
        byte[] bytes = compressed.bytes();
        int header = compressed.compressedHeaderLength();
        List<byte[]> fragments = fragmenter.fragment(Arrays.copyOf(bytes, header),
                compressed.uncompressedHeaderLength(), Arrays.copyOfRange(bytes, header, bytes.length),
                compressed.datagramSize(), tags);
        byte[] packet = null;
        for (byte[] fragment : fragments) {
            ReassemblyResult result = reassembler.accept(fragment, 0, fragment.length, METER, GATEWAY);
            if (result instanceof ReassemblyResult.Reassembled done) {
                packet = done.packet();
            }
        }
        // Let virtual time pass the (cancelled) reassembly timeout, so the scheduler does not pile them up.
        scheduler.runFor(Duration.ofSeconds(61));
        if (packet == null) {
            throw new IllegalStateException("the datagram was not reassembled");
        }
        return packet;
    }
}
