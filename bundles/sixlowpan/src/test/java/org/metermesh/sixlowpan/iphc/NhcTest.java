package org.metermesh.sixlowpan.iphc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.metermesh.api.ipv6.DestinationOptions;
import org.metermesh.api.ipv6.ExtensionHeader;
import org.metermesh.api.ipv6.HopByHopOptions;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Option;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.ipv6.RoutingHeader;
import org.metermesh.api.ipv6.RplOption;
import org.metermesh.api.ipv6.RplSourceRoutingHeader;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.sixlowpan.iphc.SixLowpanDecodeException.Reason;

/** LOWPAN_NHC for UDP (RFC 6282 section 4.3) and for IPv6 extension headers (RFC 6282 section 4.2). */
class NhcTest {

    static final ExtendedAddress SRC = ExtendedAddress.of(0x0012_4b00_1234_5678L);
    static final ExtendedAddress DST = ExtendedAddress.of(0x0012_4b00_0000_0001L);
    static final Ipv6Address LL_SRC = Ipv6Address.linkLocal(SRC);
    static final Ipv6Address LL_DST = Ipv6Address.linkLocal(DST);
    /** IPHC for link-local addresses from the MAC, hop limit 64, NH=1: 7e 33. */
    static final int IPHC_LENGTH = 2;

    final IphcCodec codec = new IphcCodec(new ContextTable());

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static Ipv6Packet.Builder base() {
        return Ipv6Packet.builder().hopLimit(64).source(LL_SRC).destination(LL_DST);
    }

    /** The octets after the IPHC header. */
    byte[] nhc(Ipv6Packet p) {
        byte[] c = codec.compress(p, SRC, DST);
        assertThat(Arrays.copyOf(c, 2)).isEqualTo(hex("7e33"));
        return Arrays.copyOfRange(c, IPHC_LENGTH, c.length);
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
        // RFC 6282 4.3.1: P=11 both 0xF0Bx (4 bits each); P=01 destination 0xF0XX (8 bits); P=10 source 0xF0XX;
        // P=00 both inline. MeterMesh's 61616 = 0xF0B0.
        "61616, 61616, f3 00",
        "61617, 61631, f3 1f",
        "61631, 61616, f3 f0",
        "5683, 61616, f1 1633 b0",
        "61616, 5683, f2 b0 1633",
        "61632, 61616, f1 f0c0 b0",   // 0xf0c0 is no 0xF0Bx port: one port of 8 bits, the destination's
        "61440, 61695, f1 f000 ff",   // 0xf000 and 0xf0ff: destination 8 bits wins the tie
        "5683, 5684, f0 1633 1634",
        "61695, 61696, f2 ff f100",   // 0xf100 is outside 0xF0XX
        "0, 65535, f0 0000 ffff"
    })
    void udpPortModes(int srcPort, int dstPort, String expectedHeader) throws Exception {
        Ipv6Packet p = base().udp(srcPort, dstPort, new byte[] {0x42}).build();
        byte[] nhc = nhc(p);
        byte[] expected = hex(expectedHeader);
        int checksum = p.udp().checksum();
        assertThat(Arrays.copyOf(nhc, expected.length)).isEqualTo(expected);
        assertThat(Arrays.copyOfRange(nhc, expected.length, nhc.length))
                .isEqualTo(new byte[] {(byte) (checksum >>> 8), (byte) checksum, 0x42});
        assertThat(codec.decompress(codec.compress(p, SRC, DST), SRC, DST)).isEqualTo(p);
    }

    @Test
    void checksumIsCarriedUnlessExplicitlyElided() throws Exception {
        Ipv6Packet p = base().udp(61616, 61616, "21.5".getBytes()).build();
        assertThat(nhc(p)[0] & 0x04).as("C bit").isZero();

        IphcCodec eliding = new IphcCodec(new ContextTable(), IphcSettings.defaults().withElideUdpChecksum(true));
        byte[] elided = eliding.compress(p, SRC, DST);
        assertThat(elided).isEqualTo(hex("7e33 f7 00 32312e35"));   // C=1: no checksum octets

        // a receiver that does not allow it refuses the datagram
        assertThatThrownBy(() -> codec.decompress(elided, SRC, DST))
                .isInstanceOfSatisfying(SixLowpanDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.ELIDED_CHECKSUM_REFUSED));

        // one that allows it flags it, and for a whole datagram computes it
        IphcCodec accepting = new IphcCodec(new ContextTable(),
                IphcSettings.defaults().withAcceptElidedUdpChecksum(true));
        HeaderDecompressor.Decompressed d = accepting.decompress(elided, 0, elided.length, SRC, DST, -1);
        assertThat(d.udpChecksumElided()).isTrue();
        assertThat(Arrays.copyOfRange(d.headers(), 46, 48)).isEqualTo(new byte[2]);
        assertThat(accepting.decompress(elided, SRC, DST)).isEqualTo(p);
    }

    @Test
    void hopByHopWithTrailingPad1ElidedAndRestored() throws Exception {
        // options: unknown type 3e with 3 data octets (5 octets) + Pad1 = 2 + 6 = 8 octets. RFC 6282 4.2 lets the
        // compressor elide the single trailing Pad1; the decompressor pads back to 8 octets with a Pad1.
        HopByHopOptions hbh = HopByHopOptions.of(new Ipv6Option.Unknown(0x3e, new byte[] {1, 2, 3}));
        assertThat(hbh.options()).endsWith(new Ipv6Option.Pad1());
        Ipv6Packet p = base().addExtensionHeader(hbh).icmpv6(128, 0, new byte[4]).build();
        // e0: EID 0, NH=0 -> next header 3a inline, length 05, then 3e 03 010203
        assertThat(Arrays.copyOf(nhc(p), 8)).isEqualTo(hex("e0 3a 05 3e03010203"));
        assertThat(codec.decompress(codec.compress(p, SRC, DST), SRC, DST)).isEqualTo(p);
    }

    @Test
    void hopByHopWithTrailingPadNElidedAndRestored() throws Exception {
        // a lone PadN(4) fills the 8-octet header: all of it is elided, Length 0
        HopByHopOptions hbh = new HopByHopOptions(List.of(new Ipv6Option.PadN(4)));
        Ipv6Packet p = base().addExtensionHeader(hbh).udp(61616, 61616, new byte[0]).build();
        byte[] nhc = nhc(p);
        assertThat(Arrays.copyOf(nhc, 4)).isEqualTo(hex("e1 00 f3 00"));
        assertThat(codec.decompress(codec.compress(p, SRC, DST), SRC, DST)).isEqualTo(p);
        // RPL Option (6 octets) and a PadN of 8 octets: 2 + 6 + 8 = 16; a PadN longer than 7 octets is not elided
        HopByHopOptions two = new HopByHopOptions(List.of(RplOption.of(true, false, false, 1, 256),
                new Ipv6Option.PadN(6)));
        Ipv6Packet q = base().addExtensionHeader(two).udp(61616, 61616, new byte[0]).build();
        assertThat(nhc(q)[1] & 0xff).isEqualTo(14);
        assertThat(codec.decompress(codec.compress(q, SRC, DST), SRC, DST)).isEqualTo(q);
    }

    @Test
    void paddingThatIsNotASingleTrailingOptionIsKept() throws Exception {
        // two Pad1s: only the last is elided, the decompressor restores one Pad1: same octets
        HopByHopOptions hbh = new HopByHopOptions(List.of(new Ipv6Option.Unknown(0x3e, new byte[2]),
                new Ipv6Option.Pad1(), new Ipv6Option.Pad1()));
        Ipv6Packet p = base().addExtensionHeader(hbh).icmpv6(128, 0, new byte[4]).build();
        assertThat(nhc(p)[2]).isEqualTo((byte) 5);
        assertThat(codec.decompress(codec.compress(p, SRC, DST), SRC, DST)).isEqualTo(p);
    }

    @Test
    void rplSourceRoutingHeaderAsNhc() throws Exception {
        Ipv6Address first = Ipv6Address.parse("fd00:0:0:1::2");
        RplSourceRoutingHeader srh = RplSourceRoutingHeader.of(2,
                List.of(Ipv6Address.parse("fd00:0:0:1::3"), Ipv6Address.parse("fd00:0:0:1::4")), first);
        assertThat(srh.length()).isEqualTo(16);
        Ipv6Packet p = Ipv6Packet.builder().hopLimit(64).source(Ipv6Address.parse("fd00:0:0:1::1"))
                .destination(first).addExtensionHeader(srh).udp(61616, 61617, new byte[] {7}).build();
        byte[] c = codec.compress(p, SRC, DST);
        // after IPHC (addresses inline, no context): e3 = EID 1 (routing), NH=1; length 14 (16 - 2);
        // 03 02 ff 60 0000 03 04 000000000000: type 3, 2 segments left, CmprI 15, CmprE 15, Pad 6
        int nhcAt = 2 + 32;
        assertThat(Arrays.copyOfRange(c, nhcAt, nhcAt + 16)).isEqualTo(hex("e3 0e 0302ff600000 0304 000000000000"));
        assertThat(c[nhcAt + 16] & 0xff).isEqualTo(0xf3);
        assertThat(codec.decompress(c, SRC, DST)).isEqualTo(p);
        // the UDP checksum covers the final destination, the last address of the route (RFC 8200 8.1)
        assertThat(p.finalDestination()).isEqualTo(Ipv6Address.parse("fd00:0:0:1::4"));
        assertThat(p.udp().hasValidChecksum(p.source(), p.finalDestination())).isTrue();
    }

    @Test
    void chainOfHopByHopRoutingAndDestinationOptions() throws Exception {
        Ipv6Packet p = base()
                .addExtensionHeader(HopByHopOptions.of(RplOption.of(true, false, true, 7, 0x200)))
                .addExtensionHeader(new RoutingHeader(0xfe, 1, new byte[12]))
                .addExtensionHeader(DestinationOptions.of(new Ipv6Option.Unknown(0x1e, new byte[] {9})))
                .udp(61616, 61616, new byte[] {1, 2}).build();
        byte[] nhc = nhc(p);
        assertThat(nhc[0] & 0xff).isEqualTo(0xe1);             // HBH, NH=1
        assertThat(nhc[1] & 0xff).isEqualTo(6);
        assertThat(nhc[8] & 0xff).isEqualTo(0xe3);             // routing, NH=1
        assertThat(nhc[9] & 0xff).isEqualTo(14);
        assertThat(nhc[24] & 0xff).isEqualTo(0xe7);            // destination options, NH=1
        assertThat(nhc[25] & 0xff).isEqualTo(3);               // 1e 01 09, the trailing PadN(1) elided
        assertThat(nhc[29] & 0xff).isEqualTo(0xf3);            // UDP
        assertThat(codec.decompress(codec.compress(p, SRC, DST), SRC, DST)).isEqualTo(p);
    }

    @Test
    void headerTooLongForTheNhcLengthOctetGoesInlineWithEverythingAfterIt() throws Exception {
        // 2 + 257 + pad: the NHC Length octet counts at most 255 octets
        HopByHopOptions big = HopByHopOptions.of(new Ipv6Option.Unknown(0x3e, new byte[255]));
        Ipv6Packet p = base().addExtensionHeader(big).addExtensionHeader(DestinationOptions.of())
                .udp(61616, 61616, new byte[3]).build();
        byte[] c = codec.compress(p, SRC, DST);
        assertThat(c[0] & 0x04).as("NH").isZero();
        assertThat(c[2]).as("inline next header").isEqualTo((byte) 0);
        assertThat(codec.decompress(c, SRC, DST)).isEqualTo(p);

        // first header small, second big: the first is NHC with NH=0 and the second's protocol inline
        Ipv6Packet q = base().addExtensionHeader(HopByHopOptions.of(RplOption.of(false, false, false, 1, 1)))
                .addExtensionHeader(DestinationOptions.of(new Ipv6Option.Unknown(0x3e, new byte[255])))
                .udp(61616, 61616, new byte[3]).build();
        byte[] d = codec.compress(q, SRC, DST);
        assertThat(Arrays.copyOfRange(d, 2, 5)).isEqualTo(hex("e0 3c 06"));
        assertThat(codec.decompress(d, SRC, DST)).isEqualTo(q);
    }

    @Test
    void udpThatCannotBeNhcCompressedStaysInline() throws Exception {
        // a UDP Length that disagrees with the payload cannot be elided: the header is carried as it is
        byte[] udp = hex("f0b0f0b0 0009 0000 0102");
        Ipv6Packet p = base().payload(Ipv6Packet.UDP, udp).build();
        byte[] c = codec.compress(p, SRC, DST);
        assertThat(Arrays.copyOf(c, 3)).isEqualTo(hex("7a33 11"));
        assertThat(codec.decompress(c, SRC, DST)).isEqualTo(p);
        Ipv6Packet tooShort = base().payload(Ipv6Packet.UDP, hex("f0b0f0b0")).build();
        assertThat(codec.decompress(codec.compress(tooShort, SRC, DST), SRC, DST)).isEqualTo(tooShort);
    }

    @Test
    void everyExtensionHeaderCombinationRoundTrips() throws Exception {
        List<ExtensionHeader> pool = List.of(
                HopByHopOptions.of(RplOption.of(false, true, false, 0x80, 0xffff)),
                RplSourceRoutingHeader.of(1, List.of(Ipv6Address.parse("2001:db8::99")), LL_DST),
                new RoutingHeader(0, 0, new byte[20]),
                DestinationOptions.of(new Ipv6Option.PadN(0)),
                DestinationOptions.of(new Ipv6Option.Unknown(0xc2, new byte[4])));
        int n = 0;
        for (int mask = 0; mask < 1 << pool.size(); mask++) {
            for (int upper = 0; upper < 3; upper++) {
                Ipv6Packet.Builder b = base();
                for (int i = 0; i < pool.size(); i++) {
                    if ((mask & (1 << i)) != 0) {
                        b.addExtensionHeader(pool.get(i));
                    }
                }
                if (upper == 0) {
                    b.udp(61616, 5683, new byte[] {1});
                } else if (upper == 1) {
                    b.icmpv6(155, 0, new byte[] {1, 2});
                } else {
                    b.payload(Ipv6Packet.NO_NEXT_HEADER, new byte[0]);
                }
                Ipv6Packet p = b.build();
                byte[] c = codec.compress(p, SRC, DST);
                assertThat(codec.decompress(c, SRC, DST)).as(p.toString()).isEqualTo(p);
                n++;
            }
        }
        assertThat(n).isEqualTo(96);
    }
}
