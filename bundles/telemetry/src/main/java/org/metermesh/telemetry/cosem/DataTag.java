package org.metermesh.telemetry.cosem;

/**
 * The A-XDR tags of the COSEM {@code Data} CHOICE that MeterMesh encodes and decodes (DLMS UA Blue Book 4.1.5 "Common
 * data types", IEC 62056-6-2; Green Book 9.5 "Data" in the xDLMS ASN.1). Tags not listed here (compact-array 19,
 * date-time 25, date 26, time 27, delta types 28-33) are rejected as {@link CosemRejection#UNSUPPORTED_TAG}.
 */
public enum DataTag {
    NULL_DATA(0),
    ARRAY(1),
    STRUCTURE(2),
    BOOLEAN(3),
    BIT_STRING(4),
    DOUBLE_LONG(5),
    DOUBLE_LONG_UNSIGNED(6),
    OCTET_STRING(9),
    VISIBLE_STRING(10),
    UTF8_STRING(12),
    BCD(13),
    INTEGER(15),
    LONG(16),
    UNSIGNED(17),
    LONG_UNSIGNED(18),
    LONG64(20),
    LONG64_UNSIGNED(21),
    ENUM(22),
    FLOAT32(23),
    FLOAT64(24);

    private static final DataTag[] BY_CODE = new DataTag[256];

    static {
        for (DataTag tag : values()) {
            BY_CODE[tag.code] = tag;
        }
    }

    private final int code;

    DataTag(int code) {
        this.code = code;
    }

    /** The tag octet. */
    public int code() {
        return code;
    }

    /** The tag for an octet, or null if MeterMesh does not carry it. */
    static DataTag of(int code) {
        return BY_CODE[code & 0xFF];
    }

    /** Tags the Blue Book defines that MeterMesh deliberately does not carry. */
    static boolean isDefinedButUnsupported(int code) {
        return code == 19 || (code >= 25 && code <= 33);
    }
}
