package org.metermesh.telemetry.cosem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AxdrCodecTest {

    private static final HexFormat HEX = HexFormat.of();

    /** Each alternative with its A-XDR octets, worked out from Blue Book 4.1.5 by hand. */
    static Stream<Arguments> vectors() {
        return Stream.of(
                Arguments.of(CosemData.NullData.INSTANCE, "00"),
                Arguments.of(new CosemData.Bool(true), "0301"),
                Arguments.of(new CosemData.Bool(false), "0300"),
                Arguments.of(new CosemData.BitString(10, new byte[] {(byte) 0xFF, (byte) 0xC0}), "040affc0"),
                Arguments.of(new CosemData.Int32(-2), "05fffffffe"),
                Arguments.of(new CosemData.UInt32(4_294_967_294L), "06fffffffe"),
                Arguments.of(new CosemData.OctetString(new byte[] {1, 2}), "09020102"),
                Arguments.of(new CosemData.VisibleString("AB"), "0a024142"),
                Arguments.of(new CosemData.Utf8String("é"), "0c02c3a9"),
                Arguments.of(new CosemData.Bcd(0x12), "0d12"),
                Arguments.of(new CosemData.Int8(-1), "0fff"),
                Arguments.of(new CosemData.Int16(-2), "10fffe"),
                Arguments.of(new CosemData.UInt8(254), "11fe"),
                Arguments.of(new CosemData.UInt16(65534), "12fffe"),
                Arguments.of(new CosemData.Int64(-2), "14fffffffffffffffe"),
                Arguments.of(new CosemData.UInt64(-2), "15fffffffffffffffe"),
                Arguments.of(new CosemData.EnumValue(3), "1603"),
                Arguments.of(new CosemData.Float32(1.0f), "173f800000"),
                Arguments.of(new CosemData.Float64(1.0), "183ff0000000000000"),
                Arguments.of(CosemData.Structure.of(new CosemData.UInt8(1),
                        CosemData.Array.of(new CosemData.UInt8(2))), "0202110101011102"));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void encodesToTheKnownOctets(CosemData data, String hex) {
        assertThat(HEX.formatHex(AxdrCodec.encode(data))).isEqualTo(hex);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void decodesTheKnownOctets(CosemData data, String hex) {
        assertThat(AxdrCodec.DEFAULT.decode(HEX.parseHex(hex))).isEqualTo(new DecodeResult.Decoded<>(data));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void guruxDecodesOurOctetsToTheSameValue(CosemData data, String hex) {
        byte[] octets = AxdrCodec.encode(data);
        Gurux.Decoded theirs = Gurux.decodeData(octets);
        assertThat(theirs.consumed()).isEqualTo(octets.length);
        Gurux.assertSameValue(data, theirs.value());
    }

    @Test
    void longStringsUseTheMultiOctetLengthForm() {
        byte[] payload = new byte[300];
        payload[299] = 7;
        byte[] octets = AxdrCodec.encode(new CosemData.OctetString(payload));
        // 300 = 0x012C: length-of-length 0x82, then two octets (A-XDR variable-length integer).
        assertThat(HEX.formatHex(octets, 0, 4)).isEqualTo("09" + "82012c");
        assertThat(octets).hasSize(4 + 300);
        assertThat(AxdrCodec.DEFAULT.decode(octets).orElseThrow()).isEqualTo(new CosemData.OctetString(payload));
        Gurux.assertSameValue(new CosemData.OctetString(payload), Gurux.decodeData(octets).value());
    }

    @Test
    void lengthsAt127And128SwitchForm() {
        assertThat(HEX.formatHex(AxdrCodec.encode(new CosemData.OctetString(new byte[127])), 0, 2)).isEqualTo("097f");
        assertThat(HEX.formatHex(AxdrCodec.encode(new CosemData.OctetString(new byte[128])), 0, 3))
                .isEqualTo("098180");
    }

    @Test
    void aBigNestedValueRoundTripsAndGuruxAgrees() {
        List<CosemData> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(CosemData.Structure.of(new CosemData.OctetString(ObisCode.ACTIVE_ENERGY_IMPORT.toBytes()),
                    new CosemData.UInt32(i * 1000L), new CosemData.Int8(-3), new CosemData.EnumValue(30)));
        }
        CosemData value = new CosemData.Array(rows);
        byte[] octets = AxdrCodec.encode(value);
        assertThat(AxdrCodec.DEFAULT.decode(octets).orElseThrow()).isEqualTo(value);
        Gurux.assertSameValue(value, Gurux.decodeData(octets).value());
    }

    @Test
    void rejectsEmptyInput() {
        assertRejected("", CosemRejection.EMPTY, 0);
    }

    @Test
    void rejectsTagsTheBlueBookDoesNotDefine() {
        assertRejected("07", CosemRejection.UNKNOWN_TAG, 0);
        assertRejected("ff", CosemRejection.UNKNOWN_TAG, 0);
        assertRejected("0202" + "1101" + "08", CosemRejection.UNKNOWN_TAG, 4);
    }

    @Test
    void rejectsDefinedTagsMeterMeshDoesNotCarry() {
        assertRejected("13", CosemRejection.UNSUPPORTED_TAG, 0); // compact-array
        assertRejected("19" + "07ea0b15060e0f0000ffc400", CosemRejection.UNSUPPORTED_TAG, 0); // date-time
        assertRejected("21" + "00", CosemRejection.UNSUPPORTED_TAG, 0); // delta-double-long-unsigned
        assertRejected("22" + "00", CosemRejection.UNKNOWN_TAG, 0);
    }

    @Test
    void rejectsTruncationInEveryKindOfField() {
        assertRejected("05ffff", CosemRejection.TRUNCATED, 1);
        assertRejected("090501020304", CosemRejection.TRUNCATED, 2);
        assertRejected("0981", CosemRejection.TRUNCATED, 2);
        assertRejected("0203" + "1101" + "1102", CosemRejection.TRUNCATED, 6);
        assertRejected("0202" + "1101", CosemRejection.TRUNCATED, 4);
        assertRejected("040a" + "ff", CosemRejection.TRUNCATED, 2);
    }

    @Test
    void aCountBeyondTheInputIsTruncationBeforeAnyAllocation() {
        assertRejected("01" + "820200" + "00", CosemRejection.TRUNCATED, 4);
    }

    @Test
    void rejectsTrailingOctets() {
        assertRejected("110100", CosemRejection.TRAILING_BYTES, 2);
    }

    @Test
    void rejectsMalformedLengths() {
        assertRejected("0980", CosemRejection.BAD_LENGTH, 1);
        assertRejected("0985" + "0000000001" + "00", CosemRejection.BAD_LENGTH, 1);
        assertRejected("0984" + "80000000", CosemRejection.BAD_LENGTH, 1);
    }

    @Test
    void enforcesTheDepthLimit() {
        AxdrCodec codec = new AxdrCodec(new DecodeLimits(2, 100, 100));
        assertThat(codec.decode(HEX.parseHex("0201" + "0201" + "1101"))).isInstanceOf(DecodeResult.Decoded.class);
        DecodeResult<CosemData> deep = codec.decode(HEX.parseHex("0201" + "0201" + "0201" + "1101"));
        assertThat(deep).isEqualTo(new DecodeResult.Rejected<>(CosemRejection.TOO_DEEP, 4,
                "structure nested deeper than 2"));
    }

    @Test
    void enforcesTheElementLimitPerContainerAndPerValue() {
        AxdrCodec codec = new AxdrCodec(new DecodeLimits(8, 4, 100));
        assertThat(codec.decode(HEX.parseHex("0203" + "1101" + "1102" + "1103")))
                .isInstanceOf(DecodeResult.Decoded.class);
        assertRejectedBy(codec, "0205" + "1101" + "1102" + "1103" + "1104" + "1105",
                CosemRejection.TOO_MANY_ELEMENTS, 0);
        assertRejectedBy(codec, "0202" + "0202" + "1101" + "1102" + "1103",
                CosemRejection.TOO_MANY_ELEMENTS, 8);
    }

    @Test
    void enforcesTheOctetLimit() {
        AxdrCodec codec = new AxdrCodec(new DecodeLimits(8, 100, 3));
        assertThat(codec.decode(HEX.parseHex("0903010203"))).isInstanceOf(DecodeResult.Decoded.class);
        assertRejectedBy(codec, "090401020304", CosemRejection.TOO_LONG, 1);
        assertRejectedBy(codec, "0a0441424344", CosemRejection.TOO_LONG, 1);
        assertRejectedBy(codec, "0420" + "00000000", CosemRejection.TOO_LONG, 1);
    }

    @Test
    void rejectsStringsThatAreNotWhatTheirTagSays() {
        assertRejected("0a02" + "4107", CosemRejection.BAD_STRING, 1);
        assertRejected("0c02" + "c328", CosemRejection.BAD_STRING, 1);
    }

    @Test
    void booleanAcceptsAnyNonZeroOctetAsTrue() {
        assertThat(AxdrCodec.DEFAULT.decode(HEX.parseHex("03ff")).orElseThrow()).isEqualTo(new CosemData.Bool(true));
    }

    @Test
    void everySingleOctetFlipOrCutIsDecodedOrRejectedNeverThrown() {
        CosemData value = CosemData.Structure.of(new CosemData.UInt8(1),
                new CosemData.OctetString(ObisCode.VOLTAGE_L1.toBytes()), new CosemData.Utf8String("zähler"),
                CosemData.Array.of(new CosemData.Int64(5), new CosemData.Float64(230.5)));
        byte[] good = AxdrCodec.encode(value);
        for (int i = 0; i < good.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) (1 << bit);
                assertThat(AxdrCodec.DEFAULT.decode(bad)).isNotNull();
            }
            byte[] cut = java.util.Arrays.copyOf(good, i);
            DecodeResult<CosemData> result = AxdrCodec.DEFAULT.decode(cut);
            assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        }
    }

    private static void assertRejected(String hex, CosemRejection reason, int offset) {
        assertRejectedBy(AxdrCodec.DEFAULT, hex, reason, offset);
    }

    private static void assertRejectedBy(AxdrCodec codec, String hex, CosemRejection reason, int offset) {
        DecodeResult<CosemData> result = codec.decode(HEX.parseHex(hex));
        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        DecodeResult.Rejected<CosemData> rejected = (DecodeResult.Rejected<CosemData>) result;
        assertThat(rejected.reason()).as(rejected.detail()).isEqualTo(reason);
        assertThat(rejected.offset()).as(rejected.detail()).isEqualTo(offset);
    }
}
