package org.metermesh.radio.frame;

import java.util.OptionalInt;

import org.metermesh.api.radio.MacAddress;

/**
 * The leading fields of an MPDU, up to the destination address (IEEE 802.15.4-2015 7.2.1, Figure 7-1): what a
 * receiver needs to decide whether the rest of the frame concerns it at all. A radio in a dense street hears
 * hundreds of unicasts and acknowledgements for others for every frame of its own.
 *
 * @param type             the frame type
 * @param sequenceNumber   the sequence number, empty if suppressed (2015 frames)
 * @param destinationPanId the Destination PAN ID, -1 if the field is absent
 * @param destination      the destination address, {@link MacAddress#NONE} if absent
 */
public record FrameHead(FrameType type, OptionalInt sequenceNumber, int destinationPanId, MacAddress destination) {
}
