package org.metermesh.radio.frame;

/**
 * The Security Level subfield of the Security Control field.
 *
 * <p>IEEE 802.15.4-2015 9.4.2.2, Table 9-6: level, data confidentiality, and MIC length (0, 4, 8 or 16 octets).
 */
public enum SecurityLevel {
    NONE(0, false, 0),
    MIC_32(1, false, 4),
    MIC_64(2, false, 8),
    MIC_128(3, false, 16),
    ENC(4, true, 0),
    ENC_MIC_32(5, true, 4),
    ENC_MIC_64(6, true, 8),
    ENC_MIC_128(7, true, 16);

    private static final SecurityLevel[] BY_CODE = values();

    private final int code;
    private final boolean encrypted;
    private final int micLength;

    SecurityLevel(int code, boolean encrypted, int micLength) {
        this.code = code;
        this.encrypted = encrypted;
        this.micLength = micLength;
    }

    public int code() {
        return code;
    }

    /** Whether the private payload is encrypted. */
    public boolean encrypted() {
        return encrypted;
    }

    /** Octets of the MIC at the end of the MAC payload. */
    public int micLength() {
        return micLength;
    }

    static SecurityLevel ofCode(int code) {
        return BY_CODE[code & 0x07];
    }
}
