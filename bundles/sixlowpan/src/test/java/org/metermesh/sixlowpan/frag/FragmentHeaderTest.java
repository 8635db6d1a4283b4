package org.metermesh.sixlowpan.frag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.metermesh.sixlowpan.testsupport.Bytes.hex;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.metermesh.sixlowpan.iphc.SixLowpanDecodeException;

/** RFC 4944 5.3 fragmentation headers: known octets, round trip, and each way to be malformed. */
class FragmentHeaderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // header                               | octets
        "FRAG1 1280 0x1234                      | c5 00 12 34",
        "FRAG1 2047 0xffff                      | c7 ff ff ff",
        "FRAG1 0 0                              | c0 00 00 00",
        "FRAGN 1280 0x1234 offset 12 units      | e5 00 12 34 0c",
        "FRAGN 81 0xabcd offset 255 units       | e0 51 ab cd ff",
    })
    void knownOctets(String description, String octets) throws Exception {
        byte[] wire = hex(octets);
        FragmentHeader header = FragmentHeader.parse(wire, 0, wire.length);
        byte[] written = new byte[header.length()];
        assertThat(header.writeTo(written, 0)).isEqualTo(wire.length);
        assertThat(written).isEqualTo(wire);
        String[] parts = description.split(" ");
        assertThat(header.first()).isEqualTo(parts[0].equals("FRAG1"));
        assertThat(header.datagramSize()).isEqualTo(Integer.parseInt(parts[1]));
        assertThat(header.tag()).isEqualTo(Integer.decode(parts[2]));
        if (!header.first()) {
            assertThat(header.offsetUnits()).isEqualTo(Integer.parseInt(parts[4]));
            assertThat(header.offset()).isEqualTo(8 * Integer.parseInt(parts[4]));
        }
    }

    @Test
    void roundTripsEveryFieldBoundary() throws Exception {
        for (int size : new int[] {0, 1, 40, 1280, 2046, 2047}) {
            for (int tag : new int[] {0, 1, 0x7fff, 0x8000, 0xffff}) {
                for (FragmentHeader header : new FragmentHeader[] {FragmentHeader.frag1(size, tag),
                        FragmentHeader.fragN(size, tag, 0), FragmentHeader.fragN(size, tag, 255)}) {
                    byte[] wire = new byte[header.length() + 3];
                    header.writeTo(wire, 2);
                    assertThat(FragmentHeader.parse(wire, 2, header.length())).isEqualTo(header);
                    assertThat(FragmentHeader.isFragment(wire[2])).isTrue();
                }
            }
        }
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "TRUNCATED        |                | nothing at all",
        "TRUNCATED        | c5 00 12       | FRAG1 cut after 3 octets",
        "TRUNCATED        | e5 00 12 34    | FRAGN without its offset",
        "UNKNOWN_DISPATCH | 41 00 12 34 00 | uncompressed IPv6 dispatch",
        "UNKNOWN_DISPATCH | 7b 00 12 34 00 | IPHC dispatch",
        "UNKNOWN_DISPATCH | 85 00 12 34 00 | mesh header",
        "UNKNOWN_DISPATCH | d0 00 12 34 00 | 11010: not a fragment",
        "UNKNOWN_DISPATCH | e8 00 12 34 00 | 11101: not a fragment",
    })
    void rejectsWithTheExactReason(SixLowpanDecodeException.Reason reason, String octets, String description) {
        byte[] wire = octets == null ? new byte[0] : hex(octets);
        assertThatThrownBy(() -> FragmentHeader.parse(wire, 0, wire.length)).as(description)
                .isInstanceOfSatisfying(SixLowpanDecodeException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void limitsAreEnforcedInTheConstructor() {
        assertThatIllegalArgumentException().isThrownBy(() -> FragmentHeader.frag1(2048, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> FragmentHeader.frag1(-1, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> FragmentHeader.frag1(1280, 0x10000));
        assertThatIllegalArgumentException().isThrownBy(() -> FragmentHeader.fragN(1280, 1, 256));
        assertThatIllegalArgumentException().isThrownBy(() -> new FragmentHeader(true, 1280, 1, 3));
    }
}
