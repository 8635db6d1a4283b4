package org.metermesh.api.radio;

/**
 * Destination/Source Addressing Mode field values.
 *
 * <p>IEEE 802.15.4-2015 7.2.2.9, Table 7-3: 0b00 PAN ID and address not present, 0b01 reserved
 * (a frame using it is rejected), 0b10 short (16-bit) address, 0b11 extended (64-bit) address.
 */
public enum AddressingMode {
    NONE(0, 0),
    SHORT(2, 2),
    EXTENDED(3, 8);

    /** The reserved field value. */
    public static final int CODE_RESERVED = 1;

    private final int code;
    private final int length;

    AddressingMode(int code, int length) {
        this.code = code;
        this.length = length;
    }

    /** The 2-bit field value. */
    public int code() {
        return code;
    }

    /** Octets of the address field on air. */
    public int addressLength() {
        return length;
    }

    /** The mode with this 2-bit field value, or null for the reserved value. */
    public static AddressingMode ofCode(int code) {
        switch (code) {
            case 0: return NONE;
            case 2: return SHORT;
            case 3: return EXTENDED;
            default: return null;
        }
    }
}
