package org.metermesh.telemetry.cosem;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A value of the COSEM {@code Data} type (DLMS UA Blue Book 4.1.5 "Common data types", IEC 62056-6-2; the CHOICE is
 * defined in the Green Book xDLMS ASN.1). Each record is one alternative; the record name follows the usual
 * fixed-width naming and the javadoc gives the Blue Book name and tag. Encoded and decoded by {@link AxdrCodec}.
 */
public sealed interface CosemData {

    /** The A-XDR tag of this alternative. */
    DataTag tag();

    /** null-data [0]. */
    record NullData() implements CosemData {
        public static final NullData INSTANCE = new NullData();

        @Override
        public DataTag tag() {
            return DataTag.NULL_DATA;
        }
    }

    /** array [1]: SEQUENCE OF Data, elements of one type (not checked: the Blue Book leaves it to the object). */
    record Array(List<CosemData> elements) implements CosemData {
        public Array {
            elements = List.copyOf(elements);
        }

        public static Array of(CosemData... elements) {
            return new Array(List.of(elements));
        }

        @Override
        public DataTag tag() {
            return DataTag.ARRAY;
        }
    }

    /** structure [2]: SEQUENCE OF Data, elements of any type. */
    record Structure(List<CosemData> elements) implements CosemData {
        public Structure {
            elements = List.copyOf(elements);
        }

        public static Structure of(CosemData... elements) {
            return new Structure(List.of(elements));
        }

        @Override
        public DataTag tag() {
            return DataTag.STRUCTURE;
        }
    }

    /** boolean [3]: one octet, 0 false, any other value true (encoded as 0x01). */
    record Bool(boolean value) implements CosemData {
        @Override
        public DataTag tag() {
            return DataTag.BOOLEAN;
        }
    }

    /**
     * bit-string [4]: a length in bits, then the bits packed most significant first, unused trailing bits zero.
     *
     * @param bitLength number of bits
     * @param bits ceil(bitLength / 8) octets
     */
    record BitString(int bitLength, byte[] bits) implements CosemData {
        public BitString {
            if (bitLength < 0 || bits.length != (bitLength + 7) / 8) {
                throw new IllegalArgumentException(bitLength + " bits need " + ((bitLength + 7) / 8)
                        + " octets, not " + bits.length);
            }
            bits = bits.clone();
        }

        @Override
        public byte[] bits() {
            return bits.clone();
        }

        @Override
        public DataTag tag() {
            return DataTag.BIT_STRING;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BitString b && b.bitLength == bitLength && Arrays.equals(b.bits, bits);
        }

        @Override
        public int hashCode() {
            return 31 * bitLength + Arrays.hashCode(bits);
        }

        @Override
        public String toString() {
            return "BitString[" + bitLength + " bits, " + HexFormat.of().formatHex(bits) + "]";
        }
    }

    /** double-long [5]: Integer32. */
    record Int32(int value) implements CosemData {
        @Override
        public DataTag tag() {
            return DataTag.DOUBLE_LONG;
        }
    }

    /** double-long-unsigned [6]: Unsigned32, 0..4294967295. */
    record UInt32(long value) implements CosemData {
        public UInt32 {
            checkRange("double-long-unsigned", value, 0, 0xFFFF_FFFFL);
        }

        @Override
        public DataTag tag() {
            return DataTag.DOUBLE_LONG_UNSIGNED;
        }
    }

    /** octet-string [9]. */
    record OctetString(byte[] value) implements CosemData {
        public OctetString {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        /** Number of octets, without copying them. */
        public int length() {
            return value.length;
        }

        @Override
        public DataTag tag() {
            return DataTag.OCTET_STRING;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof OctetString s && Arrays.equals(s.value, value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "OctetString[" + HexFormat.of().formatHex(value) + "]";
        }
    }

    /** visible-string [10]: printable ASCII (0x20..0x7E), the ISO 646 visible characters. */
    record VisibleString(String value) implements CosemData {
        public VisibleString {
            Objects.requireNonNull(value, "value");
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 || c > 0x7E) {
                    throw new IllegalArgumentException("visible-string holds printable ASCII only, not U+"
                            + String.format("%04X", (int) c) + " at " + i);
                }
            }
        }

        @Override
        public DataTag tag() {
            return DataTag.VISIBLE_STRING;
        }
    }

    /** utf8-string [12]. */
    record Utf8String(String value) implements CosemData {
        public Utf8String {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public DataTag tag() {
            return DataTag.UTF8_STRING;
        }
    }

    /** bcd [13]: one octet holding two BCD digits (Blue Book: Integer8). Kept as the raw octet 0..255. */
    record Bcd(int value) implements CosemData {
        public Bcd {
            checkRange("bcd", value, 0, 255);
        }

        @Override
        public DataTag tag() {
            return DataTag.BCD;
        }
    }

    /** integer [15]: Integer8. */
    record Int8(int value) implements CosemData {
        public Int8 {
            checkRange("integer", value, Byte.MIN_VALUE, Byte.MAX_VALUE);
        }

        @Override
        public DataTag tag() {
            return DataTag.INTEGER;
        }
    }

    /** long [16]: Integer16. */
    record Int16(int value) implements CosemData {
        public Int16 {
            checkRange("long", value, Short.MIN_VALUE, Short.MAX_VALUE);
        }

        @Override
        public DataTag tag() {
            return DataTag.LONG;
        }
    }

    /** unsigned [17]: Unsigned8. */
    record UInt8(int value) implements CosemData {
        public UInt8 {
            checkRange("unsigned", value, 0, 255);
        }

        @Override
        public DataTag tag() {
            return DataTag.UNSIGNED;
        }
    }

    /** long-unsigned [18]: Unsigned16. */
    record UInt16(int value) implements CosemData {
        public UInt16 {
            checkRange("long-unsigned", value, 0, 0xFFFF);
        }

        @Override
        public DataTag tag() {
            return DataTag.LONG_UNSIGNED;
        }
    }

    /** long64 [20]: Integer64. */
    record Int64(long value) implements CosemData {
        @Override
        public DataTag tag() {
            return DataTag.LONG64;
        }
    }

    /**
     * long64-unsigned [21]: Unsigned64, held in a {@code long} as its two's-complement bit pattern (as
     * {@link Long#toUnsignedString(long)} reads it).
     */
    record UInt64(long bits) implements CosemData {
        /** The unsigned value. */
        public BigInteger value() {
            return new BigInteger(Long.toUnsignedString(bits));
        }

        @Override
        public DataTag tag() {
            return DataTag.LONG64_UNSIGNED;
        }
    }

    /** enum [22]: Unsigned8; the meaning of each value is defined by the attribute that carries it. */
    record EnumValue(int value) implements CosemData {
        public EnumValue {
            checkRange("enum", value, 0, 255);
        }

        @Override
        public DataTag tag() {
            return DataTag.ENUM;
        }
    }

    /** float32 [23]: IEEE 754 single precision, big-endian. */
    record Float32(float value) implements CosemData {
        @Override
        public DataTag tag() {
            return DataTag.FLOAT32;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Float32 f && Float.floatToRawIntBits(f.value) == Float.floatToRawIntBits(value);
        }

        @Override
        public int hashCode() {
            return Float.floatToRawIntBits(value);
        }
    }

    /** float64 [24]: IEEE 754 double precision, big-endian. */
    record Float64(double value) implements CosemData {
        @Override
        public DataTag tag() {
            return DataTag.FLOAT64;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Float64 f
                    && Double.doubleToRawLongBits(f.value) == Double.doubleToRawLongBits(value);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(Double.doubleToRawLongBits(value));
        }
    }

    private static void checkRange(String type, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(type + " holds " + min + ".." + max + ", not " + value);
        }
    }
}
