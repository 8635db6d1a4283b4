package org.metermesh.radio.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hand-made PSDUs that break exactly one rule, each with the reason it must be rejected with. Unless the test is
 * about the FCS itself, the FCS is made valid so that the decoder gets to the broken field.
 */
class CorruptionTest {

    private final MacFrameCodec codec = MacFrameCodec.classic();

    private RejectReason reasonFor(byte[] psdu) {
        FrameDecodeResult r = codec.decode(psdu);
        assertThat(r).as("decoding %s", HexFormat.of().formatHex(psdu)).isInstanceOf(FrameDecodeResult.Rejected.class);
        return ((FrameDecodeResult.Rejected) r).reason();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        // reason                   | MPDU without FCS (hex)                      | what is wrong
        "RESERVED_FRAME_TYPE        | 0410 01                                     | frame type 0b100",
        "UNSUPPORTED_FRAME_TYPE     | 0510 01                                     | multipurpose frame",
        "UNSUPPORTED_FRAME_TYPE     | 0610 01                                     | fragment frame",
        "UNSUPPORTED_FRAME_TYPE     | 0710 01                                     | extended frame type",
        "RESERVED_FRAME_VERSION     | 0130 01                                     | frame version 0b11",
        "RESERVED_ADDRESSING_MODE   | 0114 01 feca 00                             | destination mode 0b01",
        "RESERVED_ADDRESSING_MODE   | 0150 01 feca 00                             | source mode 0b01",
        "INVALID_PAN_ID_COMPRESSION | 4118 01 feca 0100                           | 2006: compression with only a destination",
        "INVALID_PAN_ID_COMPRESSION | 4190 01 feca 0100                           | 2006: compression with only a source",
        "INVALID_PAN_ID_COMPRESSION | 4110 01                                     | 2006: compression without addresses",
        "TRUNCATED_HEADER           | 0110                                        | no sequence number",
        "TRUNCATED_HEADER           | 4198 01 feca 0100 02                        | source short address cut",
        "TRUNCATED_HEADER           | 41dc 01 feca 0100000000000000 01            | source extended address cut",
        "TRUNCATED_HEADER           | 0198 01 feca 0100 fe                        | source PAN ID cut",
        "TRUNCATED_HEADER           | 4122 01 fe                                  | 2015: row 2 destination PAN ID cut",
        "TRUNCATED_SECURITY_HEADER  | 4998 01 feca 0100 0200                      | no security control",
        "TRUNCATED_SECURITY_HEADER  | 4998 01 feca 0100 0200 05 010000            | frame counter cut",
        "TRUNCATED_SECURITY_HEADER  | 4998 01 feca 0100 0200 1d 01000000 01020304 | 8-octet key source cut",
        "TRUNCATED_SECURITY_HEADER  | 4998 01 feca 0100 0200 0d 01000000          | key index missing",
        "TRUNCATED_MIC              | 4998 01 feca 0100 0200 03 05000000 aabbcc   | MIC-128 with 3 octets",
        "TRUNCATED_MIC              | 49a8 01 feca 0100 0200 21 01aabb            | 2015: suppressed counter, MIC-32 cut",
        "TRUNCATED_BEACON           | 0090 01 feca 0100 ff                        | superframe specification cut",
        "TRUNCATED_BEACON           | 0090 01 feca 0100 ffcf 82 01 1000 29        | second GTS descriptor missing",
        "TRUNCATED_BEACON           | 0090 01 feca 0100 ffcf 00 11 4200 010000    | pending extended address cut",
        "MISSING_COMMAND_ID         | 4398 01 feca ffff 0100                      | 2006 command without ID",
        "MISSING_COMMAND_ID         | 43aa 01 feca ffff 0100 003f 00f8            | 2015 command without ID after PT",
        "TRUNCATED_IE               | 0122 05 3f                                  | header IE descriptor cut",
        "TRUNCATED_IE               | 0122 05                                     | IE Present without any IE",
        "TRUNCATED_IE               | 0122 05 003f 05                             | payload IE descriptor cut",
        "BAD_IE_LENGTH              | 0122 05 020f 9c                             | time correction content cut",
        "BAD_IE_LENGTH              | 0122 05 030f 9c8f00                         | time correction with 3 octets",
        "BAD_IE_LENGTH              | 0122 05 013f 00                             | HT1 with content",
        "BAD_IE_LENGTH              | 0122 05 003f 0290 ab                        | vendor payload IE content cut",
        "BAD_IE_LENGTH              | 0122 05 003f 01f8 00                        | payload termination with content",
        "BAD_IE_LENGTH              | 0122 05 003f 0488 061a 0000                 | MLME sub-IE overruns its IE",
        "WRONG_IE_TYPE              | 0122 05 00f8                                | payload IE in the header IE list",
        "WRONG_IE_TYPE              | 0122 05 003f 0000                           | header IE in the payload IE list",
    })
    void rejectsWithTheExactReason(RejectReason expected, String mpduHex, String description) {
        assertThat(reasonFor(Psdus.withCrc16(mpduHex))).as(description).isEqualTo(expected);
    }

    @Test
    void everySingleOctetCorruptionIsABadFcs() {
        List<MacFrame> samples = FrameSamples.allCombinations();
        for (MacFrame frame : List.of(samples.get(17), samples.get(150))) {
            for (MacFrameCodec c : List.of(MacFrameCodec.classic(), MacFrameCodec.sun())) {
                byte[] good = c.encode(frame);
                for (int i = 0; i < good.length; i++) {
                    for (int bit = 0; bit < 8; bit++) {
                        byte[] bad = good.clone();
                        bad[i] ^= (byte) (1 << bit);
                        assertThat(c.decode(bad)).as("octet %d bit %d", i, bit)
                                .isInstanceOfSatisfying(FrameDecodeResult.Rejected.class,
                                        r -> assertThat(r.reason()).isEqualTo(RejectReason.BAD_FCS));
                    }
                }
            }
        }
    }

    @Test
    void corruptingTheFrameTypeBitsGivesTheReasonOfEachType() {
        byte[] mpdu = Psdus.hex("4198 01 feca 0100 0200 aa");
        // Table 7-1 codes 0..7; null = accepted. A beacon needs superframe fields that "aa" cannot provide.
        RejectReason[] expected = {RejectReason.TRUNCATED_BEACON, null, null, null, RejectReason.RESERVED_FRAME_TYPE,
            RejectReason.UNSUPPORTED_FRAME_TYPE, RejectReason.UNSUPPORTED_FRAME_TYPE,
            RejectReason.UNSUPPORTED_FRAME_TYPE};
        for (int type = 0; type < 8; type++) {
            byte[] m = mpdu.clone();
            m[0] = (byte) ((m[0] & 0xf8) | type);
            FrameDecodeResult r = codec.decode(Psdus.withFcs(FcsType.CRC16, m));
            if (expected[type] == null) {
                assertThat(r).as("type %d", type).isInstanceOf(FrameDecodeResult.Decoded.class);
            } else {
                assertThat(reasonFor(Psdus.withFcs(FcsType.CRC16, m))).as("type %d", type).isEqualTo(expected[type]);
            }
        }
    }

    @Test
    void lengthLimitsComeFromTheConstructor() {
        byte[] longest = new byte[127];
        longest[0] = 0x01;
        longest[1] = 0x10;
        FcsType.CRC16.append(longest, 0, 125);
        assertThat(codec.decode(longest)).isInstanceOf(FrameDecodeResult.Decoded.class);

        assertThat(reasonFor(new byte[128])).isEqualTo(RejectReason.PSDU_TOO_LONG);
        assertThat(reasonFor(new byte[3])).isEqualTo(RejectReason.PSDU_TOO_SHORT);
        assertThat(reasonFor(new byte[0])).isEqualTo(RejectReason.PSDU_TOO_SHORT);
        assertThat(((FrameDecodeResult.Rejected) MacFrameCodec.sun().decode(new byte[2048])).reason())
                .isEqualTo(RejectReason.PSDU_TOO_LONG);
        assertThat(((FrameDecodeResult.Rejected) MacFrameCodec.sun().decode(new byte[5])).reason())
                .isEqualTo(RejectReason.PSDU_TOO_SHORT);
    }

    @Test
    void encodingRefusesFramesOverTheLimit() {
        MacFrame tooLong = MacFrame.builder(FrameType.DATA, FrameVersion.IEEE_802_15_4_2006).sequenceNumber(1)
                .payload(new byte[123]).build();  // 2 + 1 + 123 + 2 = 128 octets
        assertThat(codec.psduLength(tooLong)).isEqualTo(128);
        assertThatIllegalArgumentException().isThrownBy(() -> codec.encode(tooLong)).withMessageContaining("127");
        assertThat(MacFrameCodec.sun().encode(tooLong)).hasSize(130);
        assertThatIllegalArgumentException().isThrownBy(() -> new MacFrameCodec(FcsType.CRC32, 2048));
        assertThatIllegalArgumentException().isThrownBy(() -> new MacFrameCodec(FcsType.CRC16, 3));
    }

    @Test
    void rejectionsReportWhereTheProblemIs() {
        FrameDecodeResult r = codec.decode(Psdus.withCrc16("4198 01 feca 0100 02"));
        assertThat(r).isEqualTo(new FrameDecodeResult.Rejected(RejectReason.TRUNCATED_HEADER, 7,
                "source address needs 2 octets, 1 left"));
        assertThat(RejectReason.BAD_FCS.counterName()).isEqualTo("dropped:bad_fcs");
    }

    @Test
    void unknownIesAreKeptAndReencodedExactly() {
        // header IE 0x40 (unassigned), HT1, payload IE group 0x7 (unassigned), PT, payload
        byte[] psdu = Psdus.withCrc16("0122 05 0220 0909 003f 03b8 010203 00f8 cafe");
        MacFrame f = Psdus.decodeOk(codec, psdu);
        assertThat(f.headerIes()).containsExactly(HeaderIe.of(0x40, new byte[] {9, 9}), HeaderIe.headerTermination1());
        assertThat(f.payloadIes())
                .containsExactly(PayloadIe.of(7, new byte[] {1, 2, 3}), PayloadIe.payloadTermination());
        assertThat(f.payload()).containsExactly(0xca, 0xfe);
        assertThat(codec.encode(f)).isEqualTo(psdu);
    }

    @Test
    void reservedBitsAreIgnoredOnReception() {
        // 802.15.4-2006 7.2.1.1: FCF b7-b9 reserved in frame version 0b01; security control b5-b7 reserved.
        MacFrame f = Psdus.decodeOk(codec, Psdus.withCrc16("c19b 01 feca 0100 0200 aa"));
        assertThat(f.sequenceNumber()).hasValue(1);
        assertThat(f.headerIes()).isEmpty();
        assertThat(codec.encode(f)).isEqualTo(Psdus.withCrc16("4198 01 feca 0100 0200 aa"));

        MacFrame s = Psdus.decodeOk(codec, Psdus.withCrc16("4998 01 feca 0100 0200 e4 05000000 aabbccdd"));
        assertThat(s.security().orElseThrow().frameCounterSuppressed()).isFalse();
        assertThat(s.security().orElseThrow().frameCounter()).isEqualTo(5);
    }
}
