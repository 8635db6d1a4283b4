package org.metermesh.radio.serial;

/**
 * First octet of every RCP frame payload. Host-to-RCP commands have the high bit clear, RCP-to-host responses and
 * indications have it set. Layouts are in RCP-PROTOCOL.md (bundles/radio) and {@link RcpCodec}.
 */
public enum RcpCommand {
    PING(0x01),
    SET_CHANNEL(0x02),
    SET_TX_POWER(0x03),
    TRANSMIT(0x04),
    CCA(0x05),
    STATUS(0x80),
    PONG(0x81),
    TX_DONE(0x84),
    CCA_RESULT(0x85),
    RECEIVE(0x86);

    private final int code;

    RcpCommand(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The command with this code, or null for a code this protocol version does not define. */
    public static RcpCommand of(int code) {
        for (RcpCommand command : values()) {
            if (command.code == code) {
                return command;
            }
        }
        return null;
    }
}
