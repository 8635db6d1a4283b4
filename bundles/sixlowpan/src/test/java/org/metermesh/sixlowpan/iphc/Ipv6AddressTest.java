package org.metermesh.sixlowpan.iphc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.metermesh.api.ipv6.Ipv6Address;
import org.metermesh.api.ipv6.Ipv6Prefix;
import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;

/**
 * {@link Ipv6Address} and {@link Ipv6Prefix} (api bundle, tested here beside their first user): RFC 4291 text,
 * RFC 5952 canonical text, predicates, and interface identifiers from IEEE 802.15.4 addresses (RFC 4944 section 6,
 * RFC 6282 section 3.2.2).
 */
class Ipv6AddressTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // RFC 5952 4.1: no leading zeros; 4.2.1: '::' as long as possible; 4.2.2: not for one 16-bit 0 field;
        // 4.2.3: the longest run, the first of equal runs; 4.3: lower case; 5: IPv4-mapped in dotted form
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:DB8::AAAA:1, 2001:db8::aaaa:1",
        "0:0:0:0:0:0:0:0, ::",
        "::1, ::1",
        "1::, 1::",
        "fe80::0212:4b00:1234:5678, fe80::212:4b00:1234:5678",
        "ff02:0:0:0:0:0:0:1a, ff02::1a",
        "::ffff:192.0.2.1, ::ffff:192.0.2.1",
        "::ffff:c000:0201, ::ffff:192.0.2.1",
        "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0",
        "::2:3:4:5:6:7:8, 0:2:3:4:5:6:7:8",
        "64:ff9b::192.0.2.33, 64:ff9b::c000:221"
    })
    void parseAndFormat(String text, String canonical) {
        Ipv6Address a = Ipv6Address.parse(text);
        assertThat(a).hasToString(canonical);
        assertThat(Ipv6Address.parse(canonical)).isEqualTo(a);
        assertThat(Ipv6Address.of(a.toBytes())).isEqualTo(a);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", ":::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1::2::3", "12345::", "g::",
        "fe80::1%eth0", "fd00::/64", ":1::", "1:2:3:4:5:6:7:8::", "::1.2.3", "::1.2.3.256", "::01.2.3.4",
        "1.2.3.4::", "::1.2.3.4:5", " ::1", "\u0661::"})
    void rejectsWhatIsNotAnAddress(String text) {
        assertThatThrownBy(() -> Ipv6Address.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void octetsAreMostSignificantFirst() {
        Ipv6Address a = Ipv6Address.parse("2001:db8::1");
        assertThat(HexFormat.of().formatHex(a.toBytes())).isEqualTo("20010db8000000000000000000000001");
        assertThat(a.high()).isEqualTo(0x2001_0db8_0000_0000L);
        assertThat(a.low()).isEqualTo(1L);
        assertThat(a.octet(0)).isEqualTo(0x20);
        assertThat(a.octet(15)).isEqualTo(1);
        assertThat(Ipv6Address.parse("::1").compareTo(Ipv6Address.parse("ff02::1"))).isNegative();
        assertThat(Ipv6Address.parse("ff02::1").compareTo(Ipv6Address.parse("::1"))).isPositive();
    }

    @Test
    void predicates() {
        assertThat(Ipv6Address.parse("ff02::1").isMulticast()).isTrue();
        assertThat(Ipv6Address.parse("ff02::1").multicastScope()).isEqualTo(2);
        assertThat(Ipv6Address.parse("ff05::1:3").multicastScope()).isEqualTo(5);
        assertThat(Ipv6Address.parse("fe80::1").isMulticast()).isFalse();
        assertThat(Ipv6Address.parse("fe80::1").isLinkLocal()).isTrue();
        assertThat(Ipv6Address.parse("febf::1").isLinkLocal()).isTrue();    // fe80::/10
        assertThat(Ipv6Address.parse("fec0::1").isLinkLocal()).isFalse();
        assertThat(Ipv6Address.parse("fd00::1").isUniqueLocal()).isTrue();
        assertThat(Ipv6Address.parse("fc00::1").isUniqueLocal()).isTrue();
        assertThat(Ipv6Address.parse("fe00::1").isUniqueLocal()).isFalse();
        assertThat(Ipv6Address.UNSPECIFIED.isUnspecified()).isTrue();
        assertThat(Ipv6Address.LOOPBACK.isLoopback()).isTrue();
        assertThat(Ipv6Address.ALL_RPL_NODES).hasToString("ff02::1a");
        assertThatThrownBy(() -> Ipv6Address.parse("fe80::1").multicastScope())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void eui64InterfaceIdentifierInvertsTheUniversalLocalBit() {
        // RFC 4944 section 6 (by RFC 4291 appendix A): the IID is the EUI-64 with the U/L bit (0x02 of the first
        // octet) inverted. ac:de:48:00:00:00:00:01 (the address of IEEE 802.15.4-2006 Annex C) -> aede:4800:0:1
        ExtendedAddress eui = ExtendedAddress.of(0xacde_4800_0000_0001L);
        assertThat(Ipv6Address.interfaceIdOf(eui)).isEqualTo(0xaede_4800_0000_0001L);
        assertThat(Ipv6Address.linkLocal(eui)).hasToString("fe80::aede:4800:0:1");
        // a universally administered EUI-64 (U/L 0) gets the bit set, a local one (U/L 1) gets it cleared
        assertThat(Ipv6Address.linkLocal(ExtendedAddress.of(0x0012_4b00_1234_5678L)))
                .hasToString("fe80::212:4b00:1234:5678");
        assertThat(Ipv6Address.linkLocal(ExtendedAddress.of(0x0212_4b00_1234_5678L)))
                .hasToString("fe80::12:4b00:1234:5678");
        assertThat(Ipv6Address.eui64FromInterfaceId(0xaede_4800_0000_0001L)).isEqualTo(0xacde_4800_0000_0001L);
    }

    @Test
    void shortAddressInterfaceIdentifier() {
        // RFC 6282 section 3.2.2: 0000:00ff:fe00:XXXX
        assertThat(Ipv6Address.linkLocal(ShortAddress.of(0x1234))).hasToString("fe80::ff:fe00:1234");
        assertThat(Ipv6Address.interfaceIdFromShortAddress(0)).isEqualTo(0x0000_00ff_fe00_0000L);
        assertThat(Ipv6Address.linkLocal(ShortAddress.BROADCAST)).hasToString("fe80::ff:fe00:ffff");
        // RFC 4944 section 6: the 48-bit pseudo address PAN ID : 0000 : short, made an IID like an Ethernet MAC
        // (RFC 2464: ff:fe inserted in the middle), with the U/L bit (0x0200 of the PAN ID) set to zero
        assertThat(Ipv6Address.interfaceIdFromShortAddress(0xabcd, 0x0001)).isEqualTo(0xa9cd_00ff_fe00_0001L);
        assertThat(Ipv6Address.interfaceIdFromShortAddress(0xcafe, 0x0042)).isEqualTo(0xc8fe_00ff_fe00_0042L);
        assertThat(Ipv6Address.interfaceIdFromShortAddress(0, 0x0042))
                .isEqualTo(Ipv6Address.interfaceIdFromShortAddress(0x0042));
        assertThatThrownBy(() -> Ipv6Address.interfaceIdFromShortAddress(0x10000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ipv6Address.linkLocal(MacAddress.NONE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void globalAddressFromMeshPrefix() {
        Ipv6Prefix mesh = Ipv6Prefix.parse("fd00:0:0:1::/64");
        assertThat(Ipv6Address.of(mesh, ExtendedAddress.of(0x0012_4b00_1234_5678L)))
                .hasToString("fd00::1:212:4b00:1234:5678");  // RFC 5952: the run of two zero groups
        assertThat(mesh.addressOf(ShortAddress.of(0x42))).hasToString("fd00::1:0:ff:fe00:42");
        assertThat(mesh.withInterfaceId(1)).hasToString("fd00:0:0:1::1");
        assertThatThrownBy(() -> Ipv6Prefix.parse("fd00::/96").withInterfaceId(1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prefixes() {
        Ipv6Prefix p = Ipv6Prefix.parse("2001:db8:aaaa:ffff::/48");
        assertThat(p).hasToString("2001:db8:aaaa::/48");
        assertThat(p).isEqualTo(Ipv6Prefix.parse("2001:db8:aaaa::/48"));
        assertThat(p.contains(Ipv6Address.parse("2001:db8:aaaa:1::1"))).isTrue();
        assertThat(p.contains(Ipv6Address.parse("2001:db8:aaab::1"))).isFalse();
        assertThat(p.contains(Ipv6Prefix.parse("2001:db8:aaaa:1::/64"))).isTrue();
        assertThat(Ipv6Prefix.parse("::/0").contains(Ipv6Address.parse("ff02::1"))).isTrue();
        assertThat(Ipv6Prefix.parse("fd00::1:2:3:4/127").address()).hasToString("fd00::1:2:3:4");
        assertThat(Ipv6Prefix.parse("fd00::1:2:3:5/127").contains(Ipv6Address.parse("fd00::1:2:3:4"))).isTrue();
        assertThat(Ipv6Prefix.parse("fd00::1:2:3:5/128").contains(Ipv6Address.parse("fd00::1:2:3:4"))).isFalse();
        for (String bad : new String[] {"fd00::", "fd00::/129", "fd00::/", "fd00::/-1", "fd00::/6a"}) {
            assertThatThrownBy(() -> Ipv6Prefix.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
