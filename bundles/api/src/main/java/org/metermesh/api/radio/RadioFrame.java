package org.metermesh.api.radio;

/**
 * A data frame the radio received for this node (or broadcast), after filtering and duplicate rejection.
 *
 * @param source         the sender's MAC address
 * @param destination    the address it was sent to: ours, or broadcast
 * @param panId          the PAN it was sent in
 * @param payload        the MAC payload (a 6LoWPAN datagram or fragment)
 * @param rssiDbm        received signal strength
 * @param lqi            link quality indication, 0-255
 * @param channel        channel it was heard on
 * @param timestampNanos when it ended, on the stack's scheduler time line
 */
public record RadioFrame(MacAddress source, MacAddress destination, int panId, byte[] payload, int rssiDbm, int lqi,
        int channel, long timestampNanos) {
}
