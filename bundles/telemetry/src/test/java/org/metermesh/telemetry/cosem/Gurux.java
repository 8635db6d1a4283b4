package org.metermesh.telemetry.cosem;

import static org.assertj.core.api.Assertions.assertThat;

import gurux.dlms.GXBitString;
import gurux.dlms.GXByteBuffer;
import gurux.dlms.GXDLMSClient;
import gurux.dlms.GXDLMSTranslator;
import gurux.dlms.GXEnum;
import gurux.dlms.TranslatorOutputType;
import java.math.BigInteger;
import java.util.List;

/**
 * gurux.dlms (GPL, test scope only) as an independent decoder: our octets must mean the same to it as to us.
 */
public final class Gurux {

    private Gurux() {
    }

    /** gurux's decoding of one A-XDR Data value, and how many octets it consumed. */
    public record Decoded(Object value, int consumed) {
    }

    public static Decoded decodeData(byte[] axdr) {
        GXByteBuffer buffer = new GXByteBuffer(axdr);
        Object value = GXDLMSClient.getValue(buffer);
        return new Decoded(value, buffer.position());
    }

    /** gurux's XML rendering of an APDU, without comments. */
    public static String pduToXml(byte[] apdu) {
        GXDLMSTranslator t = new GXDLMSTranslator(TranslatorOutputType.SIMPLE_XML);
        t.setComments(false);
        return t.pduToXml(apdu);
    }

    /** Asserts that gurux's decoded object is the same value as ours, recursively. */
    public static void assertSameValue(CosemData ours, Object theirs) {
        if (ours instanceof CosemData.NullData) {
            assertThat(theirs).isNull();
        } else if (ours instanceof CosemData.Structure s) {
            assertElements(s.elements(), theirs);
        } else if (ours instanceof CosemData.Array a) {
            assertElements(a.elements(), theirs);
        } else if (ours instanceof CosemData.Bool b) {
            assertThat(theirs).isEqualTo(b.value());
        } else if (ours instanceof CosemData.BitString b) {
            GXBitString bits = (GXBitString) theirs;
            StringBuilder expected = new StringBuilder();
            byte[] octets = b.bits();
            for (int i = 0; i < b.bitLength(); i++) {
                expected.append((octets[i / 8] >> (7 - i % 8) & 1) == 1 ? '1' : '0');
            }
            assertThat(bits.getValue()).isEqualTo(expected.toString());
        } else if (ours instanceof CosemData.Int32 v) {
            assertThat(theirs).isEqualTo(v.value());
        } else if (ours instanceof CosemData.UInt32 v) {
            assertThat(theirs).isEqualTo(v.value());
        } else if (ours instanceof CosemData.OctetString s) {
            assertThat((byte[]) theirs).containsExactly(s.value());
        } else if (ours instanceof CosemData.VisibleString s) {
            assertThat(theirs).isEqualTo(s.value());
        } else if (ours instanceof CosemData.Utf8String s) {
            assertThat(theirs).isEqualTo(s.value());
        } else if (ours instanceof CosemData.Bcd v) {
            assertThat(((Number) theirs).intValue()).isEqualTo(v.value());
        } else if (ours instanceof CosemData.Int8 v) {
            assertThat(theirs).isEqualTo((byte) v.value());
        } else if (ours instanceof CosemData.Int16 v) {
            assertThat(theirs).isEqualTo((short) v.value());
        } else if (ours instanceof CosemData.UInt8 v) {
            assertThat(theirs).isEqualTo(v.value());
        } else if (ours instanceof CosemData.UInt16 v) {
            assertThat(theirs).isEqualTo(v.value());
        } else if (ours instanceof CosemData.Int64 v) {
            assertThat(theirs).isEqualTo(v.value());
        } else if (ours instanceof CosemData.UInt64 v) {
            assertThat(theirs).isEqualTo(new BigInteger(Long.toUnsignedString(v.bits())));
        } else if (ours instanceof CosemData.EnumValue v) {
            assertThat(((GXEnum) theirs).intValue()).isEqualTo(v.value());
        } else if (ours instanceof CosemData.Float32 v) {
            assertThat(theirs).isEqualTo(v.value());
        } else if (ours instanceof CosemData.Float64 v) {
            assertThat(theirs).isEqualTo(v.value());
        } else {
            throw new AssertionError("no gurux mapping for " + ours);
        }
    }

    private static void assertElements(List<CosemData> ours, Object theirs) {
        assertThat(theirs).isInstanceOf(List.class);
        List<?> list = (List<?>) theirs;
        assertThat(list).hasSize(ours.size());
        for (int i = 0; i < ours.size(); i++) {
            assertSameValue(ours.get(i), list.get(i));
        }
    }
}
