package org.metermesh.api.radio;

/** How a data request ended (the MCPS-DATA.confirm status, IEEE 802.15.4-2015 8.3.2). */
public enum TxStatus {
    /** Acknowledged by the destination. */
    ACKED("acked"),
    /** Sent without acknowledgement request (broadcast, or none asked for). */
    SENT("sent"),
    /** No acknowledgement after macMaxFrameRetries retransmissions (NO_ACK). */
    NO_ACK("no-ack"),
    /** CSMA-CA found the channel busy macMaxCsmaBackoffs + 1 times (CHANNEL_ACCESS_FAILURE). */
    CHANNEL_BUSY("channel-busy"),
    /** The backend is down: port pulled, socket closed, no backend configured. */
    LINK_DOWN("link-down"),
    /** The frame does not fit the PHY's PSDU (FRAME_TOO_LONG). */
    FRAME_TOO_LONG("frame-too-long");

    private final String counterName;

    TxStatus(String counterName) {
        this.counterName = counterName;
    }

    /** The name under which the driver counts requests that ended this way. */
    public String counterName() {
        return counterName;
    }
}
