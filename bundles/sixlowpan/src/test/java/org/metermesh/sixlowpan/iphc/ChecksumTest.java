package org.metermesh.sixlowpan.iphc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.metermesh.api.ipv6.Icmpv6Message;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Checksum;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.ipv6.RplSourceRoutingHeader;
import org.metermesh.api.ipv6.UdpDatagram;

/**
 * The Internet checksum (RFC 1071) and the upper-layer checksum over the IPv6 pseudo-header (RFC 8200 section 8.1),
 * against values published elsewhere.
 */
class ChecksumTest {

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static final Ipv6Address FE80_1 = Ipv6Address.parse("fe80::1");
    static final Ipv6Address FE80_2 = Ipv6Address.parse("fe80::2");

    @Test
    void rfc1071NumericalExample() {
        // RFC 1071 section 3: octets 00 01 f2 03 f4 f5 f6 f7 have the one's complement sum ddf2; the checksum is
        // its complement, 220d
        assertThat(Ipv6Checksum.internetChecksum(hex("0001f203f4f5f6f7"), 0, 8)).isEqualTo(0x220d);
        // an odd length is padded with a zero octet (RFC 1071 section 4.1)
        assertThat(Ipv6Checksum.internetChecksum(hex("0001f203f4f5f6"), 0, 7)).isEqualTo(~(0xddf2 - 0xf7) & 0xffff);
    }

    @Test
    void icmpv6EchoRequestFromSmoltcp() throws Exception {
        // smoltcp src/wire/icmpv6.rs test vector ECHO_PACKET_BYTES: fe80::1 -> fe80::2, echo request id 1234,
        // seq abcd, data aa0000ff, checksum 19b3 (https://github.com/smoltcp-rs/smoltcp)
        byte[] echo = hex("8000 19b3 1234 abcd aa0000ff");
        Icmpv6Message m = Icmpv6Message.decode(echo);
        assertThat(m.hasValidChecksum(FE80_1, FE80_2)).isTrue();
        assertThat(new Icmpv6Message(128, 0, 0, m.body()).computeChecksum(FE80_1, FE80_2)).isEqualTo(0x19b3);
        assertThat(Ipv6Checksum.compute(FE80_1, FE80_2, 58, echo, 0, echo.length)).isZero();
        assertThat(m.hasValidChecksum(FE80_2, Ipv6Address.parse("fe80::3"))).isFalse();
    }

    @Test
    void packetTooBigFromSmoltcp() throws Exception {
        // smoltcp src/wire/icmpv6.rs PKT_TOO_BIG_BYTES: fe80::1 -> fe80::2, Packet Too Big, MTU 1500, checksum 0fc9,
        // quoting an IPv6 packet. (The UDP checksum inside the quote, 124d, is not one for these addresses - the
        // quote is opaque data there - so only the ICMPv6 checksum is a vector.)
        byte[] tooBig = hex("0200 0fc9 000005dc 6000000000 0c1140 fe800000000000000000000000000001"
                + "fe800000000000000000000000000002 bf000035000c124d aa0000ff");
        Icmpv6Message m = Icmpv6Message.decode(tooBig);
        assertThat(m.hasValidChecksum(FE80_1, FE80_2)).isTrue();
        assertThat(m.withChecksum(FE80_1, FE80_2).checksum()).isEqualTo(0x0fc9);
        Ipv6Packet quoted = Ipv6Packet.decode(java.util.Arrays.copyOfRange(tooBig, 8, tooBig.length));
        assertThat(quoted.udp().destinationPort()).isEqualTo(53);
    }

    @Test
    void udpOverIpv6() {
        // fe80::1 -> fe80::2, ports bf00 -> 0035, data aa0000ff: checksum 989c, computed independently of this code
        // with a ten-line Python one's complement sum over the pseudo-header (RFC 8200 section 8.1)
        UdpDatagram u = UdpDatagram.of(0xbf00, 53, hex("aa0000ff"), FE80_1, FE80_2);
        assertThat(u.encode()).isEqualTo(hex("bf000035000c989c aa0000ff"));
        assertThat(u.hasValidChecksum(FE80_1, FE80_2)).isTrue();
        assertThat(u.hasValidChecksum(FE80_2, FE80_1)).as("the pseudo-header sum is symmetric").isTrue();
        assertThat(u.hasValidChecksum(FE80_1, Ipv6Address.parse("fe80::3"))).isFalse();
    }

    @Test
    void computedZeroIsSentAsAllOnesAndZeroIsNeverValid() {
        // choose two data octets that bring the one's complement sum to ffff: the computed checksum is then 0,
        // which RFC 768 (and RFC 8200 8.1 for IPv6) sends as ffff
        UdpDatagram probe = new UdpDatagram(61616, 61616, 0, new byte[] {0, 0, 0x12, 0x34});
        int c0 = probe.computeChecksum(FE80_1, FE80_2);
        UdpDatagram zero = new UdpDatagram(61616, 61616, 0,
                new byte[] {(byte) (c0 >>> 8), (byte) c0, 0x12, 0x34});
        assertThat(zero.computeChecksum(FE80_1, FE80_2)).isEqualTo(0xffff);
        assertThat(zero.withChecksum(FE80_1, FE80_2).hasValidChecksum(FE80_1, FE80_2)).isTrue();
        assertThat(zero.hasValidChecksum(FE80_1, FE80_2)).as("a zero UDP checksum is invalid over IPv6").isFalse();
        Ipv6Packet p = Ipv6Packet.builder().source(FE80_1).destination(FE80_2)
                .udp(61616, 61616, new byte[] {(byte) (c0 >>> 8), (byte) c0, 0x12, 0x34}).build();
        assertThat(p.payload()[6] & 0xff).isEqualTo(0xff);
        assertThat(p.payload()[7] & 0xff).isEqualTo(0xff);
    }

    @Test
    void pseudoHeaderUsesTheFinalDestinationOfASourceRoute() throws Exception {
        // RFC 8200 section 8.1: with a Routing header, the pseudo-header carries the final destination, which at
        // the originator is the last address of the Routing header
        Ipv6Address firstHop = Ipv6Address.parse("fd00:0:0:1::2");
        Ipv6Address meter = Ipv6Address.parse("fd00:0:0:1::9");
        Ipv6Packet p = Ipv6Packet.builder().source(Ipv6Address.parse("fd00:0:0:1::1")).destination(firstHop)
                .addExtensionHeader(RplSourceRoutingHeader.of(2,
                        List.of(Ipv6Address.parse("fd00:0:0:1::5"), meter), firstHop))
                .udp(61616, 61616, new byte[] {1}).build();
        assertThat(p.finalDestination()).isEqualTo(meter);
        assertThat(p.udp().hasValidChecksum(p.source(), meter)).isTrue();
        assertThat(p.udp().hasValidChecksum(p.source(), firstHop)).isFalse();
        byte[] payload = p.payload();
        assertThat(Ipv6Checksum.compute(p.source(), meter, 17, payload, 0, payload.length)).isZero();
        // once the route is used up the Destination Address is the final one
        Ipv6Packet arrived = p.toBuilder().destination(meter).extensionHeaders(List.of(
                RplSourceRoutingHeader.of(0, List.of(Ipv6Address.parse("fd00:0:0:1::5"), firstHop), meter)))
                .payload(17, payload).build();
        assertThat(arrived.finalDestination()).isEqualTo(meter);
        assertThat(arrived.upperLayerChecksum()).isZero();
    }
}
