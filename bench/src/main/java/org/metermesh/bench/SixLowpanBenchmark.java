package org.metermesh.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;
import org.metermesh.sixlowpan.iphc.ContextTable;
import org.metermesh.sixlowpan.iphc.IphcCodec;
import org.metermesh.sixlowpan.iphc.SixLowpanDecodeException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Packets per second on one core through RFC 6282 compression and decompression of one packet: a meter reading
 * ({@code udp-reading}: UDP 61616 between global addresses of the mesh prefix, context 0, 60 octets of data) or a
 * DIO-sized multicast ({@code icmpv6-multicast}: link-local to ff02::1a, 24-octet ICMPv6 body).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class SixLowpanBenchmark {

    private static final Ipv6Prefix MESH = Ipv6Prefix.parse("fd00:cafe::/64");
    private static final ExtendedAddress GATEWAY = ExtendedAddress.of(0x02004d6d00000001L);
    private static final ExtendedAddress METER = ExtendedAddress.of(0x02004d6d00000002L);

    @Param({"udp-reading", "icmpv6-multicast"})
    public String packet;

    private IphcCodec codec;
    private Ipv6Packet value;
    private MacAddress destination;

    @Setup
    public void setUp() {
        codec = new IphcCodec(new ContextTable().set(0, MESH));
        if (packet.equals("udp-reading")) {
            value = udp(60);
            destination = GATEWAY;
        } else {
            value = Ipv6Packet.builder().source(Ipv6Address.linkLocal(GATEWAY)).destination(Ipv6Address.ALL_RPL_NODES)
                    .hopLimit(255).icmpv6(155, 1, new byte[24]).build();
            destination = ShortAddress.BROADCAST;
        }
    }

    private static Ipv6Packet udp(int size) {
        byte[] data = new byte[size];
        Arrays.fill(data, (byte) 'k');
        return Ipv6Packet.builder().source(Ipv6Address.of(MESH, METER)).destination(Ipv6Address.of(MESH, GATEWAY))
                .hopLimit(64).udp(61616, 61616, data).build();
    }

    @Benchmark
    public Ipv6Packet compressDecompress() throws SixLowpanDecodeException {
        byte[] compressed = codec.compress(value, METER, destination);
        return codec.decompress(compressed, METER, destination);
    }
}
