package org.metermesh.radio.frame;

/**
 * The Key Identifier Mode subfield of the Security Control field.
 *
 * <p>IEEE 802.15.4-2015 9.4.2.3, Table 9-7: mode 0 key implicit (no Key Identifier field), mode 1 Key Index only,
 * mode 2 4-octet Key Source + Key Index, mode 3 8-octet Key Source + Key Index (Key Identifier field 9.4.4).
 */
public enum KeyIdMode {
    IMPLICIT(0, 0),
    KEY_INDEX(1, 0),
    KEY_SOURCE_4(2, 4),
    KEY_SOURCE_8(3, 8);

    private static final KeyIdMode[] BY_CODE = values();

    private final int code;
    private final int keySourceLength;

    KeyIdMode(int code, int keySourceLength) {
        this.code = code;
        this.keySourceLength = keySourceLength;
    }

    public int code() {
        return code;
    }

    /** Octets of the Key Source subfield. */
    public int keySourceLength() {
        return keySourceLength;
    }

    /** Octets of the whole Key Identifier field (Key Source + 1-octet Key Index, or nothing). */
    public int keyIdentifierLength() {
        return this == IMPLICIT ? 0 : keySourceLength + 1;
    }

    static KeyIdMode ofCode(int code) {
        return BY_CODE[code & 0x03];
    }
}
