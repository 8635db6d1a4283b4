package org.metermesh.radio.phy;

/** How a PHY transmission ended. */
public enum TxOutcome {
    /** The PSDU went on the air. */
    SENT,
    /** The backend found the channel busy and did not transmit. */
    CHANNEL_BUSY,
    /** The backend could not transmit (link down, port gone, I/O error). */
    FAILED
}
