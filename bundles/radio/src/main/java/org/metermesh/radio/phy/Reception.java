package org.metermesh.radio.phy;

/**
 * One PSDU heard on the air.
 *
 * <p>The array is shared, not copied: the simulated medium hands the same one to every node that hears a frame, so
 * a {@link PhyListener} reads it and never writes to it (decoders copy what they keep).
 *
 * @param psdu           the MAC frame including its FCS, as received (not yet checked)
 * @param rssiDbm        received signal strength
 * @param lqi            link quality indication, 0-255
 * @param channel        channel it was heard on
 * @param timestampNanos end of reception on the stack's scheduler time line
 */
public record Reception(byte[] psdu, int rssiDbm, int lqi, int channel, long timestampNanos) {
}
