package org.metermesh.sixlowpan.iphc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.metermesh.api.ipv6.HopByHopOptions;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.api.ipv6.RplOption;
import org.metermesh.api.ipv6.UdpDatagram;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.ShortAddress;
import org.metermesh.sixlowpan.testsupport.Ipv6Samples;

/**
 * Exact octets derived by hand from the RFC 6282 and RFC 4944 text (each derivation is in the comments), and a
 * datagram captured from another implementation (smoltcp). The UDP/ICMPv6 checksums in the hand-derived vectors were
 * computed independently of this code, with a ten-line Python one's complement sum over the RFC 8200 section 8.1
 * pseudo-header.
 */
class IphcKnownVectorsTest {

    static final ExtendedAddress METER = ExtendedAddress.of(0x0012_4b00_1234_5678L);   // IID 0212:4b00:1234:5678
    static final ExtendedAddress GATEWAY = ExtendedAddress.of(0x0012_4b00_0000_0001L); // IID 0212:4b00:0000:0001

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static Ipv6Address a(String s) {
        return Ipv6Address.parse(s);
    }

    @Test
    void linkLocalUdpToPort61616() throws Exception {
        // fe80::212:4b00:1234:5678 -> fe80::212:4b00:0:1, UDP 61616 -> 61616, hop limit 64, "21.5"
        // IPHC octet 0: 011 | TF=11 (TC and flow label 0, elided) | NH=1 (NHC) | HLIM=10 (64)     = 0111 1110 = 7e
        // IPHC octet 1: CID=0 | SAC=0 | SAM=11 (IID from the MAC source) | M=0 | DAC=0 | DAM=11    = 0011 0011 = 33
        // NHC UDP (RFC 6282 4.3.1): 11110 | C=0 (checksum inline) | P=11 (both ports 0xF0Bx)      = 1111 0011 = f3
        // ports: source nibble 0, destination nibble 0 = 00; checksum be3a; then the 4 payload octets
        Ipv6Packet p = Ipv6Samples.telemetry(a("fe80::212:4b00:1234:5678"), a("fe80::212:4b00:0:1"), "21.5");
        assertThat(p.udp().checksum()).isEqualTo(0xbe3a);
        byte[] expected = hex("7e33 f3 00 be3a 32312e35");
        IphcCodec codec = new IphcCodec(new ContextTable());
        assertThat(codec.compress(p, METER, GATEWAY)).isEqualTo(expected);
        assertThat(codec.decompress(expected, METER, GATEWAY)).isEqualTo(p);
    }

    @Test
    void dioFromShortAddressToAllRplNodes() throws Exception {
        // fe80::ff:fe00:42 (MAC source short 0x0042) -> ff02::1a, ICMPv6 type 155 code 1, hop limit 255
        // IPHC octet 0: 011 | TF=11 | NH=0 (ICMPv6 has no NHC) | HLIM=11 (255)                     = 0111 1011 = 7b
        // IPHC octet 1: CID=0 | SAC=0 | SAM=11 (0000:00ff:fe00:0042 from the short address, 3.2.2) | M=1 |
        //               DAC=0 | DAM=11 (ff02::00XX, 8 bits inline)                                 = 0011 1011 = 3b
        // inline: next header 3a, destination 1a; then the ICMPv6 message: 9b 01, checksum 76b0, the DIO base
        Ipv6Address dodag = a("fd00:0:0:1:212:4b00:0:1");
        Ipv6Packet p = Ipv6Samples.dio(a("fe80::ff:fe00:42"), 0x1e, 1, 0x0100, dodag);
        byte[] expected = hex("7b3b 3a 1a 9b01 76b0 1e01 0100 8801 0000 fd000000000000010212 4b0000000001");
        IphcCodec codec = new IphcCodec(new ContextTable());
        assertThat(codec.compress(p, ShortAddress.of(0x42), ShortAddress.BROADCAST)).isEqualTo(expected);
        assertThat(codec.decompress(expected, ShortAddress.of(0x42), ShortAddress.BROADCAST)).isEqualTo(p);
    }

    @Test
    void statefulCompressionWithTwoContexts() throws Exception {
        // context 0 fd00:0:0:1::/64 (the mesh), context 2 2001:db8:0:1::/64 (head-end)
        // fd00:0:0:1:212:4b00:1234:5678 -> 2001:db8:0:1::ff:fe00:42, ECN 01, flow label 0x12345, hop limit 17,
        // UDP 61616 -> 5683, "tamper"
        // IPHC octet 0: 011 | TF=01 (ECN + flow label, DSCP 0 elided) | NH=1 | HLIM=00 (inline)    = 0110 1100 = 6c
        // IPHC octet 1: CID=1 | SAC=1 | SAM=11 (context 0 + IID from MAC) | M=0 | DAC=1 |
        //               DAM=10 (context 2 + 0000:00ff:fe00:XXXX)                                    = 1111 0110 = f6
        // CID octet: SCI=0, DCI=2                                                                          = 02
        // TF=01 inline: ECN(2)=01 | 2 pad bits | flow label(20)=1 2345                                  = 41 23 45
        // hop limit 11; source elided; destination 00 42
        // NHC UDP: 11110 | C=0 | P=10 (source 0xF0XX: 8 bits, destination 16 bits)         = 1111 0010 = f2
        // source port b0, destination port 1633, checksum d1ed, payload "tamper"
        ContextTable table = new ContextTable().set(0, Ipv6Prefix.parse("fd00:0:0:1::/64"))
                .set(2, Ipv6Prefix.parse("2001:db8:0:1::/64"));
        Ipv6Packet p = Ipv6Packet.builder().trafficClass(0x01).flowLabel(0x12345).hopLimit(17)
                .source(a("fd00:0:0:1:212:4b00:1234:5678")).destination(a("2001:db8:0:1::ff:fe00:42"))
                .udp(61616, 5683, "tamper".getBytes(StandardCharsets.US_ASCII)).build();
        assertThat(p.udp().checksum()).isEqualTo(0xd1ed);
        byte[] expected = hex("6cf6 02 412345 11 0042 f2 b0 1633 d1ed 74616d706572");
        IphcCodec codec = new IphcCodec(table);
        assertThat(codec.compress(p, METER, GATEWAY)).isEqualTo(expected);
        assertThat(codec.decompress(expected, METER, GATEWAY)).isEqualTo(p);
    }

    @Test
    void hopByHopRplOptionAsNhc() throws Exception {
        // fe80::212:4b00:1234:5678 -> fe80::212:4b00:0:1, hop limit 63, Hop-by-Hop with the RPL Option
        // (RFC 6553: type 63, length 4, flags 00, RPLInstanceID 1e, SenderRank 0100), UDP 61616 -> 61617
        // IPHC: 011 | TF=11 | NH=1 | HLIM=00 = 7c; 33 as above; hop limit 3f inline
        // NHC ext (RFC 6282 4.2): 1110 | EID=000 (Hop-by-Hop) | NH=1 (UDP follows as NHC)        = 1110 0001 = e1
        // Length 06: the octets after the Length field; the options fill the 8-octet header, nothing to elide
        // NHC UDP: f3, ports 01 (source nibble 0, destination nibble 1), checksum be39, "21.5"
        Ipv6Packet p = Ipv6Packet.builder().hopLimit(63).source(a("fe80::212:4b00:1234:5678"))
                .destination(a("fe80::212:4b00:0:1"))
                .addExtensionHeader(HopByHopOptions.of(RplOption.of(false, false, false, 0x1e, 0x0100)))
                .udp(61616, 61617, "21.5".getBytes(StandardCharsets.US_ASCII)).build();
        // The UDP checksum covers the upper-layer packet only: extension headers do not change it.
        assertThat(p.udp().checksum()).isEqualTo(0xbe39);
        byte[] expected = hex("7c33 3f e1 06 6304001e0100 f3 01 be39 32312e35");
        IphcCodec codec = new IphcCodec(new ContextTable());
        assertThat(codec.compress(p, METER, GATEWAY)).isEqualTo(expected);
        assertThat(codec.decompress(expected, METER, GATEWAY)).isEqualTo(p);
    }

    @Test
    void meshHeaderAddressesStandInForTheMacAddresses() throws Exception {
        // RFC 4944 5.2 mesh header: 10 | V=1 (originator short) | F=0 (final destination EUI-64) | HopsLeft 0101 = a5
        // originator 0042, final destination 0012 4b00 0000 0001 (written order)
        // then IPHC 7b 33 (TF=11, NH=0, HLIM=11 | SAM=11, DAM=11): both IIDs from the mesh header, not the MAC,
        // next header 3a, then the ICMPv6 echo request as it is
        MeshHeader mesh = new MeshHeader(ShortAddress.of(0x42), GATEWAY, 5);
        assertThat(mesh.encode()).isEqualTo(hex("a5 0042 00124b0000000001"));
        Ipv6Packet p = Ipv6Packet.builder().hopLimit(255).source(a("fe80::ff:fe00:42"))
                .destination(a("fe80::212:4b00:0:1")).icmpv6(128, 0, new byte[] {0, 1, 0, 2}).build();
        IphcCodec codec = new IphcCodec(new ContextTable());
        byte[] iphc = codec.compress(p, mesh.originator(), mesh.finalDestination());
        assertThat(Arrays.copyOf(iphc, 3)).isEqualTo(hex("7b33 3a"));
        byte[] frame = new byte[mesh.length() + iphc.length];
        mesh.writeTo(frame, 0);
        System.arraycopy(iphc, 0, frame, mesh.length(), iphc.length);
        // the MAC addresses of the last hop are someone else's: the mesh header's are used
        assertThat(codec.decompress(frame, ShortAddress.of(0x7777), ShortAddress.of(0x8888))).isEqualTo(p);
        // Hops Left 0xF announces an 8-bit Deep Hops Left octet
        assertThat(new MeshHeader(ShortAddress.of(0x42), ShortAddress.of(1), 20).encode())
                .isEqualTo(hex("bf 14 0042 0001"));
    }

    /**
     * A first fragment captured from another 6LoWPAN implementation, smoltcp (src/wire/sixlowpan/mod.rs, test
     * {@code sixlowpan_three_fragments}, https://github.com/smoltcp-rs/smoltcp): 802.15.4 data frames without FCS,
     * extended addresses, FRAG1 {@code c1 33 00 3f} (datagram_size 307, tag 0x3f), then IPHC {@code 6e 33}
     * (TF=01, NH=1, HLIM=10 | SAM=11, DAM=11), flow label 0x2353d, NHC UDP f0 (P=00, checksum inline) with ports
     * 0xd25f -> 0x1b39 and checksum 0xb46b. Decompressing the headers and placing the three fragments gives a
     * datagram whose UDP checksum verifies: an independent check of address derivation and the pseudo-header sum.
     */
    @Test
    void firstFragmentCapturedFromSmoltcp() throws Exception {
        byte[] frame1 = hex(""
                + "41cc92efbe4242424242420b1ad93e08282f829332c133003f6e3302353df0d25f1b39b46b4c6f72656d20697073756d"
                + "20646f6c6f722073697420616d65742c20636f6e73656374657475722061646970697363696e6720656c69742e20416c"
                + "697175616d20647569206f64696f2c20696163756c69732076656c2072");
        byte[] frame2 = hex(""
                + "41cc93efbe4242424242420b1ad93e08282f829332e133003f11757472756d2061742c20747269737469717565206e6f"
                + "6e206e756e6320657261742063757261652e204c6f72656d20697073756d20646f6c6f722073697420616d65742c2063"
                + "6f6e73656374657475722061646970697363696e6720656c6974");
        byte[] frame3 = hex(""
                + "41cc94efbe4242424242420b1ad93e08282f829332e133003f1d2e20416c697175616d20647569206f64696f2c206961"
                + "63756c69732076656c2072757472756d2061742c20747269737469717565206e6f6e206e756e63206572617420637572"
                + "61652e200a");
        // MAC header: FCF 41cc, seq, PAN beef, destination 4242424242420b1a and source d93e08282f829332 sent least
        // significant octet first: 1a:0b:42:42:42:42:42:42 and 32:93:82:2f:28:08:3e:d9
        ExtendedAddress dst = ExtendedAddress.of(0x1a0b_4242_4242_4242L);
        ExtendedAddress src = ExtendedAddress.of(0x3293_822f_2808_3ed9L);
        int mac = 21;
        IphcCodec codec = new IphcCodec(new ContextTable());
        HeaderDecompressor.Decompressed d = codec.decompress(frame1, mac + 4, frame1.length - mac - 4, src, dst, 307);
        assertThat(d.consumed()).isEqualTo(12);
        byte[] datagram = new byte[307];
        System.arraycopy(d.headers(), 0, datagram, 0, d.headers().length);
        int firstData = frame1.length - mac - 4 - d.consumed();
        System.arraycopy(frame1, mac + 4 + d.consumed(), datagram, d.headers().length, firstData);
        assertThat(d.headers().length + firstData).isEqualTo(0x11 * 8);   // FRAGN 2 starts at offset 17 * 8
        System.arraycopy(frame2, mac + 5, datagram, 0x11 * 8, frame2.length - mac - 5);
        System.arraycopy(frame3, mac + 5, datagram, 0x1d * 8, frame3.length - mac - 5);
        assertThat(0x1d * 8 + frame3.length - mac - 5).isEqualTo(307);

        Ipv6Packet p = Ipv6Packet.decode(datagram);
        assertThat(p.source()).isEqualTo(a("fe80::3093:822f:2808:3ed9"));       // U/L bit of 0x32 inverted
        assertThat(p.destination()).isEqualTo(a("fe80::180b:4242:4242:4242"));  // and of 0x1a
        assertThat(p.flowLabel()).isEqualTo(0x2353d);
        assertThat(p.hopLimit()).isEqualTo(64);
        UdpDatagram udp = p.udp();
        assertThat(udp.sourcePort()).isEqualTo(0xd25f);
        assertThat(udp.destinationPort()).isEqualTo(6969);
        assertThat(udp.length()).isEqualTo(267);
        assertThat(udp.checksum()).isEqualTo(0xb46b);
        assertThat(udp.hasValidChecksum(p.source(), p.destination())).isTrue();
        assertThat(new String(udp.data(), StandardCharsets.US_ASCII)).startsWith("Lorem ipsum dolor sit amet");
    }
}
