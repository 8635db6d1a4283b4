package org.metermesh.rpl.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.metermesh.rpl.testsupport.Hex;

class Ipv6AddressTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // input                                  | RFC 5952 canonical text
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",          // 4.2.1: shorten the longest zero run
        "2001:db8:0:0:1:0:0:1,                    2001:db8::1:0:0:1",    // 4.2.3: first of two equal runs
        "2001:db8:0:1:1:1:1:1,                    2001:db8:0:1:1:1:1:1", // 4.2.2: one zero group is not "::"
        "2001:DB8::AAAA,                          2001:db8::aaaa",       // 4.3: lower case
        "::,                                      ::",
        "::1,                                     ::1",
        "fe80::,                                  fe80::",
        "ff02::1a,                                ff02::1a",
        "fd00:0:0:0:212:4b00:1:2,                 fd00::212:4b00:1:2",
    })
    void parsesAndPrintsCanonicalText(String input, String canonical) {
        Ipv6Address a = Ipv6Address.parse(input);
        assertThat(a).hasToString(canonical);
        assertThat(Ipv6Address.parse(canonical)).isEqualTo(a);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", "1::2::3", "12345::", "g::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7::8", "::ffff:1.2.3.4"})
    void rejectsBadText(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Ipv6Address.parse(text));
    }

    @Test
    void octetsRoundTripInNetworkOrder() {
        byte[] raw = Hex.bytes("fd000000000000000212 4b00 0001 0002");
        Ipv6Address a = Ipv6Address.of(raw);
        assertThat(a.high()).isEqualTo(0xfd00_0000_0000_0000L);
        assertThat(a.low()).isEqualTo(0x0212_4b00_0001_0002L);
        assertThat(a.toBytes()).isEqualTo(raw);
        assertThat(a.octet(0)).isEqualTo(0xfd);
        assertThat(a.octet(9)).isEqualTo(0x12);
        assertThat(a.octet(15)).isEqualTo(0x02);
    }

    @Test
    void masksToPrefixLength() {
        Ipv6Address a = Ipv6Address.parse("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff");
        assertThat(a.mask(0)).isEqualTo(Ipv6Address.UNSPECIFIED);
        assertThat(a.mask(32)).isEqualTo(Ipv6Address.parse("2001:db8::"));
        assertThat(a.mask(64)).isEqualTo(Ipv6Address.parse("2001:db8:ffff:ffff::"));
        assertThat(a.mask(65)).isEqualTo(Ipv6Address.parse("2001:db8:ffff:ffff:8000::"));
        assertThat(a.mask(127)).isEqualTo(Ipv6Address.parse("2001:db8:ffff:ffff:ffff:ffff:ffff:fffe"));
        assertThat(a.mask(128)).isEqualTo(a);
    }

    @Test
    void classifiesScopes() {
        assertThat(Ipv6Address.parse("fe80::1").isLinkLocal()).isTrue();
        assertThat(Ipv6Address.parse("febf::1").isLinkLocal()).isTrue();
        assertThat(Ipv6Address.parse("fec0::1").isLinkLocal()).isFalse();
        assertThat(Ipv6Address.ALL_RPL_NODES.isMulticast()).isTrue();
        assertThat(Ipv6Address.ALL_RPL_NODES).hasToString("ff02::1a");
    }

    @Test
    void comparesAsUnsignedOctetStrings() {
        assertThat(Ipv6Address.parse("fe80::1")).isGreaterThan(Ipv6Address.parse("2001::1"));
        assertThat(Ipv6Address.parse("::ffff:0:0:0:1")).isGreaterThan(Ipv6Address.parse("::1"));
    }
}
