package org.metermesh.sixlowpan.iphc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.metermesh.api.ipv6.HopByHopOptions;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.api.ipv6.RplOption;
import org.metermesh.api.ipv6.RplSourceRoutingHeader;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;
import org.metermesh.sixlowpan.iphc.SixLowpanDecodeException.Reason;

/** Malformed input: one octet changed or cut, and each refusal with its exact reason. */
class IphcCorruptionTest {

    static final ExtendedAddress SRC = ExtendedAddress.of(0x0012_4b00_1234_5678L);
    static final ExtendedAddress DST = ExtendedAddress.of(0x0012_4b00_0000_0001L);

    final ContextTable table = new ContextTable().set(0, Ipv6Prefix.parse("fd00:0:0:1::/64"))
            .set(1, Ipv6Prefix.parse("2001:db8::/64"));
    final IphcCodec codec = new IphcCodec(table);

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static Reason reasonOf(ThrowingCall call) {
        try {
            call.run();
        } catch (SixLowpanDecodeException e) {
            return e.reason();
        } catch (Exception e) {
            throw new AssertionError("unexpected " + e, e);
        }
        return null;
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    Reason decompress(String hex) {
        return decompress(hex, SRC, DST);
    }

    Reason decompress(String hex, MacAddress src, MacAddress dst) {
        byte[] b = hex(hex);
        return reasonOf(() -> codec.decompress(b, src, dst));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource({
        "empty, '', TRUNCATED",
        "NALP dispatch, 00 01 02, NOT_LOWPAN",
        "NALP dispatch 3f, 3f, NOT_LOWPAN",
        "HC1 (obsolete), 42 ff, UNKNOWN_DISPATCH",
        "reserved dispatch 0x40, 40 00, UNKNOWN_DISPATCH",
        "page switch (RFC 8025), f1 7e 33, UNKNOWN_DISPATCH",
        "IPHC cut after first octet, 7e, TRUNCATED",
        "M=0 DAC=1 DAM=00 is reserved, 7a 34 3a, RESERVED_MODE",
        "M=1 DAC=1 DAM=01 is reserved, 7a 3d 3a 0102030405, RESERVED_MODE",
        "M=1 DAC=1 DAM=11 is reserved, 7a 3f 3a 01, RESERVED_MODE",
        "unknown source context 14, 7a f3 e0 3a, UNKNOWN_CONTEXT",
        "unknown destination context 15, 7a b7 0f 3a, UNKNOWN_CONTEXT",
        "CID octet missing, 7a b3, TRUNCATED",
        "TF=00 cut short, 62 33 00 00, TRUNCATED",
        "next header missing, 7a 33, TRUNCATED",
        "hop limit missing, 78 33 3a, TRUNCATED",
        "source inline cut short, 7a 03 3a 0011223344, TRUNCATED",
        "multicast 48-bit cut short, 7b 39 3a 02 0000ff, TRUNCATED",
        "NHC missing after NH=1, 7e 33, TRUNCATED",
        "NHC 0xf8 undefined, 7e 33 f8, UNSUPPORTED_NEXT_HEADER",
        "NHC 0xd0 undefined, 7e 33 d0, UNSUPPORTED_NEXT_HEADER",
        "NHC EID 2 fragment, 7e 33 e4 11 06 000000000000, UNSUPPORTED_NEXT_HEADER",
        "NHC EID 4 mobility, 7e 33 e8 3b 06 000000000000, UNSUPPORTED_NEXT_HEADER",
        "NHC EID 5 reserved, 7e 33 ea 3b 00, RESERVED_MODE",
        "NHC EID 6 reserved, 7e 33 ec 3b 00, RESERVED_MODE",
        "NHC EID 7 IPv6, 7e 33 ee 7e 33, UNSUPPORTED_NEXT_HEADER",
        "hop-by-hop after routing, 7e 33 e3 06 0300ff000000 e1 00 f3 00 0000, BAD_EXTENSION_HEADER",
        "routing header length 5, 7e 33 e2 3b 05 0300000000, BAD_EXTENSION_HEADER",
        "extension header body cut short, 7e 33 e0 3b 06 630400, TRUNCATED",
        "UDP ports cut short, 7e 33 f0 f0b0 f0, TRUNCATED",
        "UDP checksum cut short, 7e 33 f3 00 be, TRUNCATED",
        "UDP checksum elided, 7e 33 f7 00 32312e35, ELIDED_CHECKSUM_REFUSED",
        "IPv6 dispatch cut short, 41 60000000 0000 3b 40, TRUNCATED",
        "IPv6 dispatch with version 4, 41 45000000 0000 3b 40 00000000000000000000000000000001"
                + " 00000000000000000000000000000002, MALFORMED_IPV6",
        "IPv6 dispatch with bad payload length, 41 60000000 0001 3b 40 00000000000000000000000000000001"
                + " 00000000000000000000000000000002, MALFORMED_IPV6",
        "mesh header cut short, a5 0042 0012, TRUNCATED",
        "nothing after the mesh header, b0 0042 0001, TRUNCATED",
        "two mesh headers, b0 0042 0001 b0 0042 0001 7a33 3a, BAD_HEADER_ORDER",
        "mesh after broadcast, 50 07 b0 0042 0001 7a33 3a, BAD_HEADER_ORDER",
        "broadcast without sequence number, 50, TRUNCATED",
        "first fragment, c0 50 0001 7a 33 3a, FRAGMENTED",
        "subsequent fragment, e0 50 0001 05 00000000, FRAGMENTED",
        "RPL source route with no whole address, 7e 33 e3 06 0300ff700000 f3 00 0000, MALFORMED_IPV6",
        "RPL option of the wrong length, 7e 33 e1 04 63020000 f3 00 0000, MALFORMED_IPV6",
        "non-zero PadN, 7e 33 e1 06 01040000ff00 f3 00 0000, MALFORMED_IPV6"
    })
    void exactReason(String what, String hex, Reason expected) {
        assertThat(decompress(hex)).as(what).isEqualTo(expected);
    }

    @Test
    void elidedAddressWithoutLinkLayerAddress() {
        assertThat(decompress("7a 33 3a 80000000", MacAddress.NONE, DST)).isEqualTo(Reason.NO_LINK_ADDRESS);
        assertThat(decompress("7a 33 3a 80000000", SRC, MacAddress.NONE)).isEqualTo(Reason.NO_LINK_ADDRESS);
        assertThat(decompress("7a 73 3a 80000000", MacAddress.NONE, DST)).isEqualTo(Reason.NO_LINK_ADDRESS);
        assertThat(decompress("7a 33 3a 80000000", SRC, DST)).isNull();
    }

    @Test
    void tooManyNhcHeaders() {
        IphcCodec strict = new IphcCodec(table, IphcSettings.defaults().withMaxNhcHeaders(2));
        // three destination options headers of 8 octets, NH=1, NH=1, NH=0
        byte[] b = hex("7e 33 e7 06 010400000000 e7 06 010400000000 e6 3b 06 010400000000");
        assertThat(reasonOf(() -> codec.decompress(b, SRC, DST))).isNull();
        assertThat(reasonOf(() -> strict.decompress(b, SRC, DST))).isEqualTo(Reason.TOO_MANY_HEADERS);
    }

    @Test
    void datagramLargerThanConfigured() {
        IphcCodec small = new IphcCodec(table, IphcSettings.defaults().withMaxDatagramSize(100));
        Ipv6Packet p = Ipv6Packet.builder().source(Ipv6Address.linkLocal(SRC)).destination(Ipv6Address.linkLocal(DST))
                .udp(61616, 61616, new byte[52]).build();
        byte[] c = codec.compress(p, SRC, DST);
        assertThat(p.encodedLength()).isEqualTo(100);
        assertThat(reasonOf(() -> small.decompress(c, SRC, DST))).isNull();
        Ipv6Packet q = p.toBuilder().udp(61616, 61616, new byte[53]).build();
        byte[] d = codec.compress(q, SRC, DST);
        assertThat(reasonOf(() -> small.decompress(d, SRC, DST))).isEqualTo(Reason.TOO_LARGE);
        assertThat(reasonOf(() -> small.decompress(c, 0, c.length, SRC, DST, 101))).isEqualTo(Reason.TOO_LARGE);
        byte[] u = IphcCodec.encodeUncompressed(q);
        assertThat(reasonOf(() -> small.decompress(u, SRC, DST))).isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void firstFragmentDatagramSizeMustCoverWhatTheFragmentHolds() throws Exception {
        Ipv6Packet p = Ipv6Packet.builder().source(Ipv6Address.linkLocal(SRC)).destination(Ipv6Address.linkLocal(DST))
                .udp(61616, 61616, new byte[20]).build();
        byte[] c = codec.compress(p, SRC, DST);
        int size = p.encodedLength();   // 68
        assertThat(codec.decompress(c, 0, c.length, SRC, DST, size).headers()).hasSize(48);
        assertThat(reasonOf(() -> codec.decompress(c, 0, c.length, SRC, DST, size - 1))).isEqualTo(Reason.BAD_LENGTH);
        assertThat(reasonOf(() -> codec.decompress(c, 0, c.length, SRC, DST, -2))).isEqualTo(Reason.BAD_LENGTH);
        // a first fragment holds only part of the datagram: the UDP Length comes from datagram_size
        HeaderDecompressor.Decompressed d = codec.decompress(c, 0, 10, SRC, DST, 1000);
        assertThat(d.headers()[4] & 0xff).isEqualTo((1000 - 40) >>> 8);
        assertThat(d.headers()[5] & 0xff).isEqualTo((1000 - 40) & 0xff);
        assertThat(((d.headers()[44] & 0xff) << 8) | (d.headers()[45] & 0xff)).isEqualTo(960);
    }

    /** A datagram that uses every kind of header: CID, TF=00, inline hop limit, contexts, NHC HBH/routing/UDP. */
    Ipv6Packet everything() {
        Ipv6Address dst = Ipv6Address.parse("2001:db8::ff:fe00:7");
        return Ipv6Packet.builder().trafficClass(0xb9).flowLabel(0xabcde).hopLimit(9)
                .source(Ipv6Address.of(0xfd00_0000_0000_0001L, Ipv6Address.interfaceIdOf(SRC))).destination(dst)
                .addExtensionHeader(HopByHopOptions.of(RplOption.of(true, false, false, 3, 0x300)))
                .addExtensionHeader(RplSourceRoutingHeader.of(1, List.of(Ipv6Address.parse("2001:db8::5")), dst))
                .udp(61616, 61617, new byte[] {1, 2, 3, 4}).build();
    }

    @Test
    void everyCutInsideTheCompressedHeadersIsTruncated() throws Exception {
        Ipv6Packet p = everything();
        IphcCodec.Compressed c = codec.compressDatagram(p, SRC, ShortAddress.of(7));
        assertThat(codec.decompress(c.bytes(), SRC, ShortAddress.of(7))).isEqualTo(p);
        for (int cut = 0; cut < c.compressedHeaderLength(); cut++) {
            byte[] b = java.util.Arrays.copyOf(c.bytes(), cut);
            int at = cut;
            assertThat(reasonOf(() -> codec.decompress(b, 0, b.length, SRC, ShortAddress.of(7), -1)))
                    .as("cut at %d", at).isEqualTo(Reason.TRUNCATED);
        }
    }

    @Test
    void everySingleOctetCorruptionIsRefusedOrDecodesToAValidPacket() throws Exception {
        Ipv6Packet p = everything();
        byte[] good = codec.compress(p, SRC, ShortAddress.of(7));
        for (int i = 0; i < good.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] b = good.clone();
                b[i] ^= (byte) (1 << bit);
                try {
                    Ipv6Packet q = codec.decompress(b, SRC, ShortAddress.of(7));
                    // whatever it decoded to compresses and decompresses to itself
                    assertThat(codec.decompress(codec.compress(q, SRC, ShortAddress.of(7)), SRC, ShortAddress.of(7)))
                            .isEqualTo(q);
                } catch (SixLowpanDecodeException e) {
                    assertThat(e.reason()).isNotNull();
                    assertThat(e.counterName()).startsWith("dropped:");
                }
            }
        }
    }

    @Test
    void lowpanHeadersReportWhereFragmentsAndDatagramsStart() throws Exception {
        byte[] b = hex("a5 0042 00124b0000000001 50 09 c1 33 003f 7e33");
        LowpanHeaders h = LowpanHeaders.parse(b, 0, b.length);
        assertThat(h.mesh()).hasValue(new MeshHeader(ShortAddress.of(0x42), DST, 5));
        assertThat(h.broadcastSequence()).hasValue(9);
        assertThat(h.dispatch()).isEqualTo(Dispatch.FRAG1);
        assertThat(h.fragmented()).isTrue();
        assertThat(h.offset()).isEqualTo(13);
        assertThat(h.derivationSource(SRC)).isEqualTo(ShortAddress.of(0x42));
        assertThat(h.derivationDestination(ShortAddress.of(1))).isEqualTo(DST);

        byte[] plain = hex("7e33 f3 00 0000");
        LowpanHeaders none = LowpanHeaders.parse(plain, 0, plain.length);
        assertThat(none.mesh()).isEmpty();
        assertThat(none.broadcastSequence()).isEmpty();
        assertThat(none.dispatch()).isEqualTo(Dispatch.IPHC);
        assertThat(none.offset()).isZero();
        assertThat(none.derivationSource(SRC)).isEqualTo(SRC);
        byte[] fragn = hex("e1 33 003f 11 0102");
        assertThat(LowpanHeaders.parse(fragn, 0, fragn.length).dispatch()).isEqualTo(Dispatch.FRAGN);
        byte[] deep = hex("bf 14 0042 0001 41");
        LowpanHeaders d = LowpanHeaders.parse(deep, 0, deep.length);
        assertThat(d.mesh().orElseThrow().hopsLeft()).isEqualTo(20);
        assertThat(d.dispatch()).isEqualTo(Dispatch.IPV6);
        assertThat(d.offset()).isEqualTo(6);
    }

    @Test
    void dispatchPatterns() {
        assertThat(Dispatch.of(0x00)).isEqualTo(Dispatch.NALP);
        assertThat(Dispatch.of(0x41)).isEqualTo(Dispatch.IPV6);
        assertThat(Dispatch.of(0x42)).isEqualTo(Dispatch.HC1);
        assertThat(Dispatch.of(0x50)).isEqualTo(Dispatch.BC0);
        assertThat(Dispatch.of(0x60)).isEqualTo(Dispatch.IPHC);
        assertThat(Dispatch.of(0x7f)).isEqualTo(Dispatch.IPHC);
        assertThat(Dispatch.of(0x80)).isEqualTo(Dispatch.MESH);
        assertThat(Dispatch.of(0xbf)).isEqualTo(Dispatch.MESH);
        assertThat(Dispatch.of(0xc7)).isEqualTo(Dispatch.FRAG1);
        assertThat(Dispatch.of(0xe7)).isEqualTo(Dispatch.FRAGN);
        assertThat(Dispatch.of(0xd0)).isEqualTo(Dispatch.RESERVED);
        assertThat(Dispatch.of(0xf0)).isEqualTo(Dispatch.PAGE);
        assertThat(Dispatch.of(0x51)).isEqualTo(Dispatch.RESERVED);
    }

    @Test
    void refusalsCarryTheirCounterName() {
        assertThatThrownBy(() -> codec.decompress(hex("7e 33 f7 00"), SRC, DST))
                .isInstanceOfSatisfying(SixLowpanDecodeException.class,
                        e -> assertThat(e.counterName()).isEqualTo("dropped:elided_checksum_refused"));
    }
}
