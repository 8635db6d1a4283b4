package org.metermesh.radio.frame;

/**
 * The Frame Version field.
 *
 * <p>IEEE 802.15.4-2015 7.2.2.10, Table 7-4: 0b00 IEEE Std 802.15.4-2003, 0b01 IEEE Std 802.15.4-2006,
 * 0b10 IEEE Std 802.15.4 (2015 and later), 0b11 reserved ({@link RejectReason#RESERVED_FRAME_VERSION}).
 */
public enum FrameVersion {
    IEEE_802_15_4_2003(0),
    IEEE_802_15_4_2006(1),
    IEEE_802_15_4_2015(2);

    private static final FrameVersion[] BY_CODE = {IEEE_802_15_4_2003, IEEE_802_15_4_2006, IEEE_802_15_4_2015};

    private final int code;

    FrameVersion(int code) {
        this.code = code;
    }

    /** The 2-bit Frame Version field value. */
    public int code() {
        return code;
    }

    /** Frame versions 0b00 and 0b01 share the 2003/2006 layout (no IEs, beacon superframe fields, plain command ID). */
    public boolean isLegacy() {
        return this != IEEE_802_15_4_2015;
    }

    static FrameVersion ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
