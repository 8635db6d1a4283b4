package org.metermesh.sixlowpan.iphc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Packet;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;

/**
 * Every legal LOWPAN_IPHC combination (RFC 6282 section 3.1.1): each source mode (SAC/SAM, stateless and through
 * contexts 0, 3 and 9) against each destination mode (M=0 DAC/DAM, M=1 DAM 00-11 and M=1 DAC=1), times every TF
 * and HLIM mode, with the next header inline and as LOWPAN_NHC UDP. For each: the IPHC bits and the header length
 * are the ones expected, and decompressing gives back the same packet, whole and through the first-fragment path.
 */
class IphcRoundTripTest {

    static final ExtendedAddress EXT_A = ExtendedAddress.of(0x0012_4b00_1234_5678L);
    static final ExtendedAddress EXT_B = ExtendedAddress.of(0xacde_4800_0000_0001L);
    static final ShortAddress SHORT_A = ShortAddress.of(0x0001);
    static final ShortAddress SHORT_B = ShortAddress.of(0xbeef);

    static ContextTable contexts() {
        return new ContextTable()
                .set(0, Ipv6Prefix.parse("fd00:0:0:1::/64"))
                .set(3, Ipv6Prefix.parse("2001:db8:aaaa::/48"))
                .set(5, Ipv6Prefix.parse("fd00:0:0:2::/64"), false)
                .set(9, Ipv6Prefix.parse("fd00:0:0:9:1111:2222::/96"));
    }

    /**
     * An address case: the address, the link-layer address the frame carries, and the expected AC bit, AM bits,
     * context id and inline octets.
     */
    record AddressCase(String name, Ipv6Address address, MacAddress link, int ac, int am, int context, int inline) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Ipv6Address a(String s) {
        return Ipv6Address.parse(s);
    }

    static List<AddressCase> unicastCases(boolean source) {
        List<AddressCase> c = new ArrayList<>();
        MacAddress ext = source ? EXT_A : EXT_B;
        MacAddress shrt = source ? SHORT_A : SHORT_B;
        long extIid = Ipv6Address.interfaceIdOf(ext);
        long shortIid = Ipv6Address.interfaceIdOf(shrt);
        c.add(new AddressCase("inline128", a("2001:db8:ffff::1"), ext, 0, 0, 0, 16));
        c.add(new AddressCase("ll-64", a("fe80::1122:3344:5566:7788"), ext, 0, 1, 0, 8));
        c.add(new AddressCase("ll-16", a("fe80::ff:fe00:abcd"), ext, 0, 2, 0, 2));
        c.add(new AddressCase("ll-0-ext", Ipv6Address.linkLocal(extIid), ext, 0, 3, 0, 0));
        c.add(new AddressCase("ll-0-short", Ipv6Address.linkLocal(shortIid), shrt, 0, 3, 0, 0));
        c.add(new AddressCase("ll-prefix-not-64", a("fe80:1::1"), ext, 0, 0, 0, 16));
        c.add(new AddressCase("ctx0-64", a("fd00:0:0:1:1122:3344:5566:7788"), ext, 1, 1, 0, 8));
        c.add(new AddressCase("ctx0-16", a("fd00:0:0:1:0:ff:fe00:beef"), ext, 1, 2, 0, 2));
        c.add(new AddressCase("ctx0-0-ext", Ipv6Address.of(0xfd00_0000_0000_0001L, extIid), ext, 1, 3, 0, 0));
        c.add(new AddressCase("ctx0-0-short", Ipv6Address.of(0xfd00_0000_0000_0001L, shortIid), shrt, 1, 3, 0, 0));
        c.add(new AddressCase("ctx3-64", a("2001:db8:aaaa:0:a:b:c:d"), ext, 1, 1, 3, 8));
        c.add(new AddressCase("ctx3-0", Ipv6Address.of(0x2001_0db8_aaaa_0000L, extIid), ext, 1, 3, 3, 0));
        c.add(new AddressCase("ctx3-bits-beyond-48", a("2001:db8:aaaa:1:a:b:c:d"), ext, 0, 0, 0, 16));
        c.add(new AddressCase("ctx9-long-prefix", a("fd00:0:0:9:1111:2222:0:5"), ext, 1, 1, 9, 8));
        c.add(new AddressCase("ctx5-decompress-only", a("fd00:0:0:2::1"), ext, 0, 0, 0, 16));
        c.add(new AddressCase("no-link-address", a("fe80::ff:fe00:1"), MacAddress.NONE, 0, 2, 0, 2));
        if (source) {
            c.add(new AddressCase("unspecified", Ipv6Address.UNSPECIFIED, ext, 1, 0, 0, 0));
        } else {
            c.add(new AddressCase("unspecified-dst", Ipv6Address.UNSPECIFIED, ext, 0, 0, 0, 16));
        }
        return c;
    }

    /** Multicast destinations: ac = DAC, am = DAM, with M=1. */
    static List<AddressCase> multicastCases() {
        List<AddressCase> c = new ArrayList<>();
        MacAddress bc = ShortAddress.BROADCAST;
        c.add(new AddressCase("mc-8-all-nodes", a("ff02::1"), bc, 0, 3, 0, 1));
        c.add(new AddressCase("mc-8-all-rpl-nodes", a("ff02::1a"), bc, 0, 3, 0, 1));
        c.add(new AddressCase("mc-32", a("ff05::1:3"), bc, 0, 2, 0, 4));
        c.add(new AddressCase("mc-48-solicited-node", a("ff02::1:ff00:1234"), bc, 0, 1, 0, 6));
        c.add(new AddressCase("mc-128", a("ff0e::1:2:3:4"), bc, 0, 0, 0, 16));
        c.add(new AddressCase("mc-ctx0-unicast-prefix", a("ff35:40:fd00:0:0:1:1234:5678"), bc, 1, 0, 0, 6));
        c.add(new AddressCase("mc-ctx3-unicast-prefix", a("ff3e:30:2001:db8:aaaa:0:1:2"), bc, 1, 0, 3, 6));
        return c;
    }

    static Stream<Arguments> combinations() {
        List<AddressCase> destinations = new ArrayList<>(unicastCases(false));
        destinations.addAll(multicastCases());
        List<Arguments> args = new ArrayList<>();
        for (AddressCase s : unicastCases(true)) {
            for (AddressCase d : destinations) {
                args.add(Arguments.of(s, d));
            }
        }
        return args.stream();
    }

    /** {traffic class, flow label, expected TF, inline octets}. */
    static final int[][] TF_CASES = {{0, 0, 3, 0}, {0xb8, 0, 2, 1}, {0x01, 0x12345, 1, 3}, {0xb9, 0xabcde, 0, 4},
        {0x02, 0, 2, 1}, {0x00, 0x00001, 1, 3}};
    /** {hop limit, expected HLIM, inline octets}. */
    static final int[][] HLIM_CASES = {{1, 1, 0}, {64, 2, 0}, {255, 3, 0}, {17, 0, 1}, {0, 0, 1}};

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("combinations")
    void everyModeRoundTrips(AddressCase src, AddressCase dst) throws Exception {
        IphcCodec codec = new IphcCodec(contexts());
        boolean multicast = dst.address.isMulticast();
        for (int[] tf : TF_CASES) {
            for (int[] hlim : HLIM_CASES) {
                for (boolean udp : new boolean[] {false, true}) {
                    Ipv6Packet.Builder b = Ipv6Packet.builder().trafficClass(tf[0]).flowLabel(tf[1])
                            .hopLimit(hlim[0]).source(src.address).destination(dst.address);
                    if (udp) {
                        b.udp(61616, 61617, new byte[] {1, 2, 3});
                    } else {
                        b.icmpv6(128, 0, new byte[] {0, 1, 0, 2});
                    }
                    Ipv6Packet p = b.build();
                    byte[] c = codec.compress(p, src.link, dst.link);
                    String what = p + " TF" + tf[2] + " HLIM" + hlim[1] + ": " + java.util.HexFormat.of().formatHex(c);

                    assertThat((c[0] & 0xe0)).as(what).isEqualTo(0x60);
                    assertThat((c[0] >>> 3) & 3).as("TF " + what).isEqualTo(tf[2]);
                    assertThat((c[0] >>> 2) & 1).as("NH " + what).isEqualTo(udp ? 1 : 0);
                    assertThat(c[0] & 3).as("HLIM " + what).isEqualTo(hlim[1]);
                    boolean cid = src.context != 0 || dst.context != 0;
                    assertThat((c[1] >>> 7) & 1).as("CID " + what).isEqualTo(cid ? 1 : 0);
                    assertThat((c[1] >>> 6) & 1).as("SAC " + what).isEqualTo(src.ac);
                    assertThat((c[1] >>> 4) & 3).as("SAM " + what).isEqualTo(src.am);
                    assertThat((c[1] >>> 3) & 1).as("M " + what).isEqualTo(multicast ? 1 : 0);
                    assertThat((c[1] >>> 2) & 1).as("DAC " + what).isEqualTo(dst.ac);
                    assertThat(c[1] & 3).as("DAM " + what).isEqualTo(dst.am);
                    if (cid) {
                        assertThat(c[2] & 0xff).as("SCI/DCI " + what).isEqualTo((src.context << 4) | dst.context);
                    }
                    // 2 base + CID + TF + NH + HLIM + addresses + (UDP NHC: 1 + 1 port octet + 2 checksum)
                    int headers = 2 + (cid ? 1 : 0) + tf[3] + (udp ? 0 : 1) + hlim[2] + src.inline + dst.inline
                            + (udp ? 4 : 0);
                    int rest = udp ? 3 : 8;
                    assertThat(c).as("length " + what).hasSize(headers + rest);

                    assertThat(codec.decompress(c, src.link, dst.link)).as(what).isEqualTo(p);

                    HeaderDecompressor.Decompressed d = codec.decompress(c, 0, c.length, src.link, dst.link, -1);
                    assertThat(d.consumed()).as(what).isEqualTo(headers);
                    assertThat(d.udpChecksumElided()).isFalse();
                    byte[] whole = Arrays.copyOf(d.headers(), d.headers().length + c.length - d.consumed());
                    System.arraycopy(c, d.consumed(), whole, d.headers().length, c.length - d.consumed());
                    assertThat(whole).as(what).isEqualTo(p.encode());
                    // as a first fragment: the datagram size from the fragment header gives the lengths
                    HeaderDecompressor.Decompressed f = codec.decompress(c, 0, c.length, src.link, dst.link,
                            p.encodedLength());
                    assertThat(f.headers()).isEqualTo(d.headers());
                }
            }
        }
    }

    @Test
    void contextsOtherThanZeroShareOneCidOctet() throws Exception {
        IphcCodec codec = new IphcCodec(contexts());
        Ipv6Packet p = Ipv6Packet.builder().source(a("2001:db8:aaaa::1:2:3:4")).destination(a("fd00::9:1111:2222:0:7"))
                .udp(1, 2, new byte[0]).build();
        byte[] c = codec.compress(p, EXT_A, EXT_B);
        assertThat(c[1] & 0xc4).isEqualTo(0xc4);   // CID, SAC, DAC
        assertThat(c[2] & 0xff).isEqualTo(0x39);   // SCI 3, DCI 9
        assertThat(codec.decompress(c, EXT_A, EXT_B)).isEqualTo(p);
    }

    @Test
    void mostSpecificUsableContextWins() throws Exception {
        // context 9 (fd00:0:0:9:1111:2222::/96) does not cover this meter's IID; context 1 (fd00:0:0:9::/64) lets
        // the address be derived from the MAC address entirely, so it wins over inline forms.
        ContextTable table = contexts().set(1, Ipv6Prefix.parse("fd00:0:0:9::/64"));
        IphcCodec codec = new IphcCodec(table);
        Ipv6Address meter = Ipv6Address.of(0xfd00_0000_0000_0009L, Ipv6Address.interfaceIdOf(EXT_A));
        Ipv6Packet p = Ipv6Packet.builder().source(meter).destination(a("ff02::1")).icmpv6(128, 0, new byte[4])
                .build();
        byte[] c = codec.compress(p, EXT_A, ShortAddress.BROADCAST);
        assertThat((c[1] >>> 4) & 3).isEqualTo(3);  // fully elided through context 1
        assertThat(c[2] & 0xff).isEqualTo(0x10);
        assertThat(codec.decompress(c, EXT_A, ShortAddress.BROADCAST)).isEqualTo(p);
    }

    @Test
    void contextUpdatedByNdIsUsedForTheNextPacket() throws Exception {
        ContextTable table = new ContextTable();
        IphcCodec codec = new IphcCodec(table);
        Ipv6Packet p = Ipv6Packet.builder().source(Ipv6Address.of(0xfd00_0000_0000_0001L,
                Ipv6Address.interfaceIdOf(EXT_A))).destination(a("fd00:0:0:1::1")).icmpv6(128, 0, new byte[4]).build();
        byte[] before = codec.compress(p, EXT_A, EXT_B);
        table.set(0, Ipv6Prefix.parse("fd00:0:0:1::/64"));
        byte[] after = codec.compress(p, EXT_A, EXT_B);
        assertThat(after.length).isEqualTo(before.length - 16 - 8);  // source 128 -> 0, destination 128 -> 64 bits
        assertThat(codec.decompress(after, EXT_A, EXT_B)).isEqualTo(p);
        table.set(0, Ipv6Prefix.parse("fd00:0:0:1::/64"), false);   // 6CO with C=0: decompress only
        assertThat(codec.compress(p, EXT_A, EXT_B)).isEqualTo(before);
        assertThat(codec.decompress(after, EXT_A, EXT_B)).isEqualTo(p);
    }

    @Test
    void uncompressedDispatchRoundTrips() throws Exception {
        IphcCodec codec = new IphcCodec(contexts());
        Ipv6Packet p = Ipv6Packet.builder().trafficClass(3).flowLabel(7).hopLimit(9).source(a("2001:db8::1"))
                .destination(a("2001:db8::2")).udp(1000, 2000, new byte[] {9, 8, 7}).build();
        byte[] u = IphcCodec.encodeUncompressed(p);
        assertThat(u[0] & 0xff).isEqualTo(0x41);
        assertThat(codec.decompress(u, EXT_A, EXT_B)).isEqualTo(p);
        HeaderDecompressor.Decompressed d = codec.decompress(u, 0, u.length, EXT_A, EXT_B, u.length - 1);
        assertThat(d.consumed()).isEqualTo(41);
        assertThat(d.headers()).isEqualTo(Arrays.copyOfRange(p.encode(), 0, 40));
    }

    @Test
    void compressedDatagramReportsItsHeaderLengthsForTheFragmenter() {
        IphcCodec codec = new IphcCodec(contexts());
        Ipv6Packet p = Ipv6Packet.builder().source(Ipv6Address.linkLocal(EXT_A))
                .destination(Ipv6Address.linkLocal(EXT_B)).udp(61616, 61616, new byte[100]).build();
        IphcCodec.Compressed c = codec.compressDatagram(p, EXT_A, EXT_B);
        // IPHC 2, NHC UDP 1 + ports 1 + checksum 2 stand for the IPv6 header (40) and the UDP header (8)
        assertThat(c.compressedHeaderLength()).isEqualTo(6);
        assertThat(c.uncompressedHeaderLength()).isEqualTo(48);
        assertThat(c.datagramSize()).isEqualTo(p.encodedLength());
        assertThat(c.bytes()).hasSize(106);
    }
}
