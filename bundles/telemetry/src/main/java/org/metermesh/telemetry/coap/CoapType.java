package org.metermesh.telemetry.coap;

/** The message type, the two T bits of the header (RFC 7252 3, 4.1-4.3). */
public enum CoapType {
    /** Confirmable: retransmitted until acknowledged (RFC 7252 4.2). */
    CON,
    /** Non-confirmable: sent once (RFC 7252 4.3). */
    NON,
    /** Acknowledgement of a CON message, possibly carrying a piggybacked response (RFC 7252 5.2.1). */
    ACK,
    /** Reset: the recipient could not process the message (RFC 7252 4.2, 4.3). */
    RST;

    private static final CoapType[] BY_BITS = values();

    /** The 2-bit wire value: CON 0, NON 1, ACK 2, RST 3. */
    public int bits() {
        return ordinal();
    }

    static CoapType ofBits(int bits) {
        return BY_BITS[bits & 0x3];
    }
}
