package org.metermesh.sixlowpan.iphc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.metermesh.api.ipv6.DestinationOptions;
import org.metermesh.api.ipv6.HopByHopOptions;
import org.metermesh.api.ipv6.Icmpv6Message;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6FormatException;
import org.metermesh.api.ipv6.Ipv6FormatException.Reason;
import org.metermesh.api.ipv6.Ipv6Option;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.ipv6.RoutingHeader;
import org.metermesh.api.ipv6.RplOption;
import org.metermesh.api.ipv6.RplSourceRoutingHeader;
import org.metermesh.api.ipv6.UdpDatagram;

/**
 * The IPv6 packet model of the api bundle (tested here beside its first user): RFC 8200 header layout, the extension
 * headers RPL needs (RFC 6553 RPL Option, RFC 6554 Source Routing Header), exact octets, and every malformed input
 * refused with its reason.
 */
class Ipv6PacketTest {

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static final Ipv6Address SRC = Ipv6Address.parse("fd00:0:0:1::1");
    static final Ipv6Address DST = Ipv6Address.parse("fd00:0:0:1::2");

    @Test
    void fixedHeaderOctets() throws Exception {
        // RFC 8200 section 3: version 6 | traffic class 0xb9 | flow label 0xabcde, payload length 3, next header 59,
        // hop limit 17
        Ipv6Packet p = Ipv6Packet.builder().trafficClass(0xb9).flowLabel(0xabcde).hopLimit(17).source(SRC)
                .destination(DST).payload(Ipv6Packet.NO_NEXT_HEADER, new byte[] {1, 2, 3}).build();
        byte[] expected = hex("6b9abcde 0003 3b 11 fd000000000000010000000000000001 fd000000000000010000000000000002"
                + "010203");
        assertThat(p.encode()).isEqualTo(expected);
        assertThat(Ipv6Packet.decode(expected)).isEqualTo(p);
        assertThat(p.payloadLength()).isEqualTo(3);
        assertThat(p.encodedLength()).isEqualTo(43);
    }

    @Test
    void hopByHopRplOptionOctets() throws Exception {
        // RFC 6553 section 3: Hop-by-Hop header: next header 11 (UDP), Hdr Ext Len 0, RPL Option type 63, length 4,
        // flags O=1 R=0 F=1 (1010 0000 = a0), RPLInstanceID 1e, SenderRank 0x0100
        Ipv6Packet p = Ipv6Packet.builder().source(SRC).destination(DST)
                .addExtensionHeader(HopByHopOptions.of(RplOption.of(true, false, true, 0x1e, 0x100)))
                .udp(61616, 61616, new byte[0]).build();
        byte[] b = p.encode();
        assertThat(b[6]).isEqualTo((byte) 0);  // next header: Hop-by-Hop
        assertThat(HexFormat.of().formatHex(b, 40, 48)).isEqualTo("11006304a01e0100");
        Ipv6Packet q = Ipv6Packet.decode(b);
        assertThat(q).isEqualTo(p);
        assertThat(q.rplOption()).hasValue(new RplOption(RplOption.TYPE, true, false, true, 0x1e, 0x100));
        // RFC 9008 renumbered the option 0x23; both decode
        b[42] = 0x23;
        assertThat(Ipv6Packet.decode(b).rplOption().orElseThrow().type()).isEqualTo(RplOption.TYPE_RFC9008);
    }

    @Test
    void sourceRoutingHeaderOctetsAndAddresses() throws Exception {
        // RFC 6554 section 3, a route of two hops after the first: the destination fd00:0:0:1::2 is the reference;
        // both addresses share 15 octets with it, so CmprI = CmprE = 15 and each is carried in one octet;
        // 8 + 1 + 1 = 10 octets, Pad 6 to 16: Hdr Ext Len 1
        RplSourceRoutingHeader srh = RplSourceRoutingHeader.of(2,
                List.of(Ipv6Address.parse("fd00:0:0:1::3"), Ipv6Address.parse("fd00:0:0:1::4")), DST);
        assertThat(srh.cmprI()).isEqualTo(15);
        assertThat(srh.cmprE()).isEqualTo(15);
        assertThat(srh.pad()).isEqualTo(6);
        assertThat(HexFormat.of().formatHex(srh.encode(17))).isEqualTo("1101" + "0302" + "ff600000" + "0304"
                + "000000000000");
        assertThat(srh.addresses(DST)).containsExactly(Ipv6Address.parse("fd00:0:0:1::3"),
                Ipv6Address.parse("fd00:0:0:1::4"));

        // addresses differing early: CmprI from the least shared, CmprE from the last
        Ipv6Address ref = Ipv6Address.parse("2001:db8::1");
        RplSourceRoutingHeader mixed = RplSourceRoutingHeader.of(3, List.of(Ipv6Address.parse("2001:db8::2"),
                Ipv6Address.parse("2001:db9::3"), Ipv6Address.parse("fd00::4")), ref);
        assertThat(mixed.cmprI()).isEqualTo(3);
        assertThat(mixed.cmprE()).isEqualTo(0);
        // 8 + 2 * 13 + 16 = 50, pad 6 -> 56 = 8 * (1 + 6)
        assertThat(mixed.length()).isEqualTo(56);
        assertThat(mixed.addresses(ref)).containsExactly(Ipv6Address.parse("2001:db8::2"),
                Ipv6Address.parse("2001:db9::3"), Ipv6Address.parse("fd00::4"));

        Ipv6Packet p = Ipv6Packet.builder().source(SRC).destination(ref).addExtensionHeader(mixed)
                .udp(61616, 61616, new byte[] {5}).build();
        Ipv6Packet q = Ipv6Packet.decode(p.encode());
        assertThat(q).isEqualTo(p);
        assertThat(q.sourceRoute()).hasValue(mixed);
        assertThat(q.finalDestination()).isEqualTo(Ipv6Address.parse("fd00::4"));
    }

    @Test
    void optionsAndGenericHeadersRoundTrip() throws Exception {
        Ipv6Packet p = Ipv6Packet.builder().source(SRC).destination(DST)
                .addExtensionHeader(new HopByHopOptions(List.of(new Ipv6Option.Pad1(), new Ipv6Option.PadN(5),
                        new Ipv6Option.Unknown(0xc2, new byte[] {0, 0, 0, 1}))))
                .addExtensionHeader(new RoutingHeader(0, 0, new byte[4]))
                .addExtensionHeader(DestinationOptions.of(new Ipv6Option.Unknown(0x1e, new byte[9])))
                .payload(Ipv6Packet.FRAGMENT, new byte[8]).build();
        byte[] b = p.encode();
        assertThat(Ipv6Packet.decode(b)).isEqualTo(p);
        assertThat(Ipv6Packet.decode(b).encode()).isEqualTo(b);
        assertThat(p.nextHeader()).isEqualTo(Ipv6Packet.HOP_BY_HOP);
        assertThat(p.upperLayerProtocol()).isEqualTo(Ipv6Packet.FRAGMENT);
        assertThat(DestinationOptions.of(new Ipv6Option.Unknown(0x1e, new byte[9])).length()).isEqualTo(16);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource({
        "shorter than the header, 60000000 0000 3b40, TRUNCATED",
        "version 4, 40000000 0000 3b40 %s, BAD_VERSION",
        "payload length beyond the data, 60000000 0001 3b40 %s, TRUNCATED",
        "payload length short of the data, 60000000 0000 3b40 %s 00, BAD_PAYLOAD_LENGTH",
        "extension header cut short, 60000000 0001 0040 %s 3b, TRUNCATED",
        "extension header overruns, 60000000 0008 0040 %s 3b01000000000000, TRUNCATED",
        "hop-by-hop not first, 60000000 0010 3c40 %s 0000010400000000 3b00010400000000, BAD_EXTENSION_HEADER",
        "option length overruns, 60000000 0008 0040 %s 3b00010500000000, BAD_OPTION",
        "option without length octet, 60000000 0008 0040 %s 3b00010300000005, BAD_OPTION",
        "non-zero PadN, 60000000 0008 0040 %s 3b00010400010000, BAD_OPTION",
        "RPL option too short, 60000000 0008 0040 %s 3b00630200000100, BAD_OPTION",
        "RPL option too long, 60000000 0010 0040 %s 3b01630a00000000 0000000000000000, BAD_OPTION",
        "SRH with no whole address, 60000000 0008 2b40 %s 3b000300ff700000, BAD_ROUTING_HEADER",
        "SRH addresses do not divide, 60000000 0018 2b40 %s 3b02030108000000 0000000000000000 0000000000000000,"
                + " BAD_ROUTING_HEADER"
    })
    void refusesMalformedPackets(String what, String template, Reason expected) {
        byte[] b = hex(String.format(template, "fd000000000000010000000000000001 fd000000000000010000000000000002"));
        assertThatThrownBy(() -> Ipv6Packet.decode(b)).as(what)
                .isInstanceOfSatisfying(Ipv6FormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(expected);
                    assertThat(e.counterName()).isEqualTo("dropped:" + expected.name().toLowerCase());
                });
    }

    @Test
    void sourceRoutingHeaderFormula() throws Exception {
        // RFC 6554 section 3: n = (((Hdr Ext Len * 8) - Pad - (16 - CmprE)) / (16 - CmprI)) + 1
        // Hdr Ext Len 3 (24 octets after the first 8), CmprI 8, CmprE 8, Pad 0: (24 - 0 - 8) / 8 + 1 = 3
        byte[] b = hex("60000000 0020 2b40 fd000000000000010000000000000001 fd000000000000010000000000000002"
                + "3b030301 88000000 0000000000000003 0000000000000004 0000000000000005");
        Ipv6Packet p = Ipv6Packet.decode(b);
        RplSourceRoutingHeader srh = p.sourceRoute().orElseThrow();
        assertThat(srh.addressCount()).isEqualTo(3);
        assertThat(srh.addresses(p.destination())).containsExactly(Ipv6Address.parse("fd00:0:0:1::3"),
                Ipv6Address.parse("fd00:0:0:1::4"), Ipv6Address.parse("fd00:0:0:1::5"));
        assertThat(p.encode()).isEqualTo(b);
    }

    @Test
    void builderRefusesInconsistentPackets() {
        assertThatThrownBy(() -> Ipv6Packet.builder().addExtensionHeader(DestinationOptions.of())
                .addExtensionHeader(HopByHopOptions.of()).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ipv6Packet.builder().payload(Ipv6Packet.ROUTING, new byte[8]).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ipv6Packet.builder().payload(Ipv6Packet.UDP, new byte[65536]).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ipv6Packet.builder().flowLabel(0x100000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ipv6Packet.builder().trafficClass(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HopByHopOptions(List.of(new Ipv6Option.Pad1())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RoutingHeader(3, 0, new byte[4])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RplSourceRoutingHeader(0, 0, 0, 1, List.of(Ipv6Address.parse("::1"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RplSourceRoutingHeader(0, 8, 8, 0, List.of(Ipv6Address.parse("fd00::1"))))
                .as("elided octets must be zero").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ipv6Option.Unknown(RplOption.TYPE, new byte[4]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesAreImmutable() throws Exception {
        byte[] data = {1, 2, 3};
        Ipv6Packet p = Ipv6Packet.builder().source(SRC).destination(DST).payload(Ipv6Packet.NO_NEXT_HEADER, data)
                .build();
        data[0] = 9;
        p.payload()[1] = 9;
        assertThat(p.payload()).containsExactly(1, 2, 3);
        UdpDatagram u = new UdpDatagram(1, 2, 3, data);
        data[1] = 7;
        assertThat(u.data()).containsExactly(9, 2, 3);
        assertThat(Ipv6Packet.decode(p.encode())).isEqualTo(p).hasSameHashCodeAs(p);
    }

    @Test
    void upperLayerViews() throws Exception {
        Ipv6Packet p = Ipv6Packet.builder().source(SRC).destination(DST).udp(61616, 5683, new byte[] {4, 2}).build();
        UdpDatagram u = p.udp();
        assertThat(u.sourcePort()).isEqualTo(61616);
        assertThat(u.destinationPort()).isEqualTo(5683);
        assertThat(u.length()).isEqualTo(10);
        assertThat(u.hasValidChecksum(SRC, DST)).isTrue();
        assertThat(u.hasValidChecksum(SRC, Ipv6Address.parse("fd00:0:0:1::3"))).isFalse();
        assertThatThrownBy(p::icmpv6).isInstanceOfSatisfying(Ipv6FormatException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PROTOCOL));
        assertThatThrownBy(() -> UdpDatagram.decode(hex("f0b0f0b0 0009 0000 0102")))
                .isInstanceOfSatisfying(Ipv6FormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.BAD_UDP_LENGTH));
        assertThatThrownBy(() -> UdpDatagram.decode(hex("f0b0f0b0 0008 00")))
                .isInstanceOfSatisfying(Ipv6FormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED));
        assertThatThrownBy(() -> Icmpv6Message.decode(hex("800000")))
                .isInstanceOfSatisfying(Ipv6FormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED));
        Ipv6Packet echo = Ipv6Packet.builder().source(SRC).destination(DST).icmpv6(128, 0, new byte[] {0, 1, 0, 1})
                .build();
        assertThat(echo.icmpv6().hasValidChecksum(SRC, DST)).isTrue();
        assertThat(echo.upperLayerChecksum()).isZero();
    }
}
