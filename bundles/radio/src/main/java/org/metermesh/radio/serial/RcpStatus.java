package org.metermesh.radio.serial;

/** Outcome the RCP reports for a configuration command (SET_CHANNEL, SET_TX_POWER). */
public enum RcpStatus {
    OK(0),
    /** The value is outside what the radio supports (channel not in its plan, power out of range). */
    INVALID_ARGUMENT(1),
    /** The radio could not apply the value. */
    FAILED(2);

    private final int code;

    RcpStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The status with this code, or null if undefined. */
    public static RcpStatus of(int code) {
        for (RcpStatus status : values()) {
            if (status.code == code) {
                return status;
            }
        }
        return null;
    }
}
