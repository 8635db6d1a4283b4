package org.metermesh.radio.frame;

import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.ShortAddress;
import java.util.List;
import java.util.Objects;

/**
 * The fields between the MHR and the beacon payload of a frame version 0b00/0b01 beacon. They are sent in the clear
 * even in secured beacons. Enhanced Beacons (frame version 0b10) carry this information in IEs instead.
 *
 * <p>IEEE 802.15.4-2006 7.2.2.1 (Figure 46): Superframe Specification (2 octets, 7.2.2.1.2), GTS fields (GTS
 * Specification 1 octet: descriptor count b0-b2, GTS Permit b7; GTS Directions 1 octet if count &gt; 0; the
 * descriptors; 7.2.2.1.3-7.2.2.1.6), Pending Address fields (Pending Address Specification 1 octet: short count
 * b0-b2, extended count b4-b6; then the short then the extended addresses; 7.2.2.1.7-7.2.2.1.8).
 *
 * @param superframe       superframe specification
 * @param gtsPermit        GTS Permit bit
 * @param gts              up to 7 GTS descriptors
 * @param pendingShort     up to 7 short addresses with pending data
 * @param pendingExtended  up to 7 extended addresses with pending data
 */
public record BeaconFields(SuperframeSpec superframe, boolean gtsPermit, List<GtsDescriptor> gts,
        List<ShortAddress> pendingShort, List<ExtendedAddress> pendingExtended) {

    public static final int MAX_ENTRIES = 7;

    public BeaconFields {
        Objects.requireNonNull(superframe, "superframe");
        gts = List.copyOf(gts);
        pendingShort = List.copyOf(pendingShort);
        pendingExtended = List.copyOf(pendingExtended);
        if (gts.size() > MAX_ENTRIES || pendingShort.size() > MAX_ENTRIES || pendingExtended.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException(
                    "a beacon carries at most 7 GTS descriptors and 7 + 7 pending addresses");
        }
    }

    /** No GTS, nothing pending. */
    public static BeaconFields of(SuperframeSpec superframe) {
        return new BeaconFields(superframe, false, List.of(), List.of(), List.of());
    }

    /** Octets on air. */
    public int length() {
        return 2 + 1 + (gts.isEmpty() ? 0 : 1 + 3 * gts.size()) + 1 + 2 * pendingShort.size()
                + 8 * pendingExtended.size();
    }
}
