package org.metermesh.radio.mac;

import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.radio.frame.FrameVersion;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;

/**
 * Who this MAC is and how it retries.
 *
 * @param panId          macPanId
 * @param shortAddress   macShortAddress; 0xfffe means none assigned: frames carry the extended address
 * @param extended       the radio's EUI-64
 * @param panCoordinator the gateway coordinates its PAN: it accepts frames that carry no destination address
 * @param frameVersion   version of the data frames it sends
 * @param minBe          macMinBe (default 3)
 * @param maxBe          macMaxBe (default 5)
 * @param maxCsmaBackoffs macMaxCsmaBackoffs (default 4)
 * @param maxFrameRetries macMaxFrameRetries (default 3)
 */
public record MacSettings(int panId, int shortAddress, long extended, boolean panCoordinator,
        FrameVersion frameVersion, int minBe, int maxBe, int maxCsmaBackoffs, int maxFrameRetries) {

    /** No short address allocated (IEEE 802.15.4-2015 8.4.3.1, macShortAddress). */
    public static final int NO_SHORT_ADDRESS = org.metermesh.api.radio.RadioSettings.NO_SHORT_ADDRESS;

    public MacSettings {
        if (minBe < 0 || maxBe < minBe || maxBe > 8 || maxCsmaBackoffs < 0 || maxCsmaBackoffs > 5
                || maxFrameRetries < 0 || maxFrameRetries > 7) {
            throw new IllegalArgumentException("CSMA/retry parameters outside IEEE 802.15.4 Table 8-94 ranges");
        }
    }

    /** The defaults of IEEE 802.15.4-2015 Table 8-94 for a node with the given identity. */
    public static MacSettings defaults(int panId, int shortAddress, long extended, boolean panCoordinator) {
        return new MacSettings(panId, shortAddress, extended, panCoordinator, FrameVersion.IEEE_802_15_4_2006, 3, 5,
                4, 3);
    }

    /** The address this node puts into the source field: its short address if it has one. */
    public MacAddress sourceAddress() {
        return shortAddress < NO_SHORT_ADDRESS ? ShortAddress.of(shortAddress) : ExtendedAddress.of(extended);
    }

    public MacSettings withPanId(int value) {
        return new MacSettings(value, shortAddress, extended, panCoordinator, frameVersion, minBe, maxBe,
                maxCsmaBackoffs, maxFrameRetries);
    }

    public MacSettings withShortAddress(int value) {
        return new MacSettings(panId, value, extended, panCoordinator, frameVersion, minBe, maxBe, maxCsmaBackoffs,
                maxFrameRetries);
    }

    public MacSettings withExtendedAddress(long value) {
        return new MacSettings(panId, shortAddress, value, panCoordinator, frameVersion, minBe, maxBe,
                maxCsmaBackoffs, maxFrameRetries);
    }
}
