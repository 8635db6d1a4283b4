package org.metermesh.radio.frame;

/**
 * MAC frame types this codec carries.
 *
 * <p>IEEE 802.15.4-2015 7.2.2.2, Table 7-1 (Frame Type field values): 0b000 Beacon, 0b001 Data,
 * 0b010 Acknowledgment, 0b011 MAC command, 0b100 reserved, 0b101 Multipurpose, 0b110 Fragment or Frak,
 * 0b111 Extended. The last three use other frame control layouts and are rejected with
 * {@link RejectReason#UNSUPPORTED_FRAME_TYPE}; 0b100 with {@link RejectReason#RESERVED_FRAME_TYPE}.
 */
public enum FrameType {
    BEACON(0),
    DATA(1),
    ACK(2),
    MAC_COMMAND(3);

    /** Table 7-1: 0b100. */
    static final int CODE_RESERVED = 4;

    private static final FrameType[] BY_CODE = {BEACON, DATA, ACK, MAC_COMMAND};

    private final int code;

    FrameType(int code) {
        this.code = code;
    }

    /** The 3-bit Frame Type field value. */
    public int code() {
        return code;
    }

    /** The type for a Frame Type field value, or {@code null} if this codec does not carry that type. */
    static FrameType ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
