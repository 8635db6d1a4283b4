package org.metermesh.sixlowpan.iphc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.metermesh.api.ipv6.DestinationOptions;
import org.metermesh.api.ipv6.HopByHopOptions;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6FormatException;
import org.metermesh.api.ipv6.Ipv6Option;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.api.ipv6.RplOption;
import org.metermesh.api.ipv6.RplSourceRoutingHeader;
import org.metermesh.api.ipv6.UdpDatagram;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;

/**
 * Random and mutated input: decoding never throws anything but the typed rejections, and whatever decodes
 * compresses back to something that decodes to the same packet. Deterministic seeds, so a failure replays.
 */
class IphcFuzzTest {

    static final MacAddress[] LINKS = {ExtendedAddress.of(0x0012_4b00_1234_5678L), ShortAddress.of(0x42),
        MacAddress.NONE, ShortAddress.BROADCAST};

    final ContextTable table = new ContextTable().set(0, Ipv6Prefix.parse("fd00:0:0:1::/64"))
            .set(1, Ipv6Prefix.parse("2001:db8::/48")).set(2, Ipv6Prefix.parse("fd00::9:1:2:3:0/112"))
            .set(4, Ipv6Prefix.parse("fd00:0:0:4::/64"), false);
    final IphcCodec strict = new IphcCodec(table);
    final IphcCodec lenient = new IphcCodec(table, IphcSettings.defaults().withAcceptElidedUdpChecksum(true)
            .withMaxDatagramSize(2047));

    /** Feeds one input to every decoder; returns how many accepted it. */
    int feed(byte[] b, MacAddress src, MacAddress dst, SplittableRandom r) {
        int accepted = 0;
        for (IphcCodec codec : new IphcCodec[] {strict, lenient}) {
            try {
                Ipv6Packet p = codec.decompress(b, src, dst);
                accepted++;
                IphcCodec.Compressed c = codec.compressDatagram(p, src, dst);
                assertThat(codec.decompress(c.bytes(), src, dst)).isEqualTo(p);
                assertThat(c.datagramSize()).isEqualTo(p.encodedLength());
            } catch (SixLowpanDecodeException e) {
                assertThat(e.reason()).isNotNull();
            }
            try {
                int size = r.nextInt(4) == 0 ? -1 : r.nextInt(-1, 2100);
                codec.decompress(b, 0, b.length, src, dst, size);
            } catch (SixLowpanDecodeException e) {
                assertThat(e.reason()).isNotNull();
            }
        }
        try {
            LowpanHeaders.parse(b, 0, b.length);
        } catch (SixLowpanDecodeException e) {
            assertThat(e.reason()).isNotNull();
        }
        try {
            Ipv6Packet p = Ipv6Packet.decode(b);
            assertThat(Ipv6Packet.decode(p.encode())).isEqualTo(p);
            if (p.upperLayerProtocol() == Ipv6Packet.UDP) {
                UdpDatagram.decode(p.payload());
            }
        } catch (Ipv6FormatException e) {
            assertThat(e.reason()).isNotNull();
        }
        return accepted;
    }

    @Test
    void randomOctets() {
        SplittableRandom r = new SplittableRandom(0x6c6f7770616eL);
        for (int i = 0; i < 50_000; i++) {
            byte[] b = new byte[r.nextInt(0, 90)];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) r.nextInt(256);
            }
            if (b.length > 0 && r.nextBoolean()) {
                b[0] = (byte) (0x60 | r.nextInt(32));   // make most of them IPHC
            }
            feed(b, LINKS[r.nextInt(LINKS.length)], LINKS[r.nextInt(LINKS.length)], r);
        }
    }

    @Test
    void mutatedValidDatagrams() {
        SplittableRandom r = new SplittableRandom(4944_6282L);
        List<Ipv6Packet> seeds = seeds();
        int accepted = 0;
        for (int i = 0; i < 40_000; i++) {
            Ipv6Packet p = seeds.get(r.nextInt(seeds.size()));
            MacAddress src = LINKS[r.nextInt(2)];
            MacAddress dst = LINKS[r.nextInt(LINKS.length)];
            byte[] b = (r.nextInt(8) == 0 ? IphcCodec.encodeUncompressed(p) : strict.compress(p, src, dst)).clone();
            int mutations = 1 + r.nextInt(3);
            for (int m = 0; m < mutations && b.length > 0; m++) {
                switch (r.nextInt(4)) {
                    case 0:
                        b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                        break;
                    case 1:
                        b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                        break;
                    case 2:
                        b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
                        break;
                    default:
                        b = java.util.Arrays.copyOf(b, b.length + r.nextInt(1, 8));
                }
            }
            accepted += feed(b, src, dst, r);
        }
        assertThat(accepted).as("mutations that still decode").isPositive();
    }

    List<Ipv6Packet> seeds() {
        ExtendedAddress ext = (ExtendedAddress) LINKS[0];
        Ipv6Address ll = Ipv6Address.linkLocal(ext);
        Ipv6Address global = Ipv6Address.of(0xfd00_0000_0000_0001L, Ipv6Address.interfaceIdOf(ext));
        Ipv6Address head = Ipv6Address.parse("2001:db8:0:0:1::2");
        return List.of(
                Ipv6Packet.builder().source(ll).destination(Ipv6Address.parse("fe80::ff:fe00:42"))
                        .udp(61616, 61616, new byte[] {1, 2, 3}).build(),
                Ipv6Packet.builder().hopLimit(255).source(ll).destination(Ipv6Address.ALL_RPL_NODES)
                        .icmpv6(155, 1, new byte[24]).build(),
                Ipv6Packet.builder().trafficClass(0xb9).flowLabel(0x12345).hopLimit(3).source(global)
                        .destination(head).udp(5683, 61617, new byte[10]).build(),
                Ipv6Packet.builder().source(Ipv6Address.UNSPECIFIED).destination(Ipv6Address.parse("ff02::1:ff00:42"))
                        .icmpv6(135, 0, new byte[20]).build(),
                Ipv6Packet.builder().source(global).destination(Ipv6Address.parse("ff35:40:fd00:0:0:1:0:1"))
                        .udp(1, 2, new byte[0]).build(),
                Ipv6Packet.builder().hopLimit(63).source(global).destination(head)
                        .addExtensionHeader(HopByHopOptions.of(RplOption.of(false, true, false, 9, 512)))
                        .addExtensionHeader(RplSourceRoutingHeader.of(2,
                                List.of(Ipv6Address.parse("2001:db8::1:0:0:3"), Ipv6Address.parse("2001:db8::1:0:0:4")),
                                head))
                        .addExtensionHeader(DestinationOptions.of(new Ipv6Option.Unknown(0x1e, new byte[3])))
                        .udp(61616, 61616, new byte[7]).build(),
                Ipv6Packet.builder().source(Ipv6Address.parse("fd00::9:1:2:3:4")).destination(global)
                        .payload(Ipv6Packet.NO_NEXT_HEADER, new byte[0]).build());
    }
}
