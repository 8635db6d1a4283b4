package org.metermesh.radio.frame;

import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.ShortAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the superframe, GTS and pending address fields of a 2003/2006 beacon
 * (IEEE 802.15.4-2006 7.2.2.1, Figures 46-53). Reserved bits are ignored on reception and sent as zero.
 */
final class BeaconFieldsCodec {

    private BeaconFieldsCodec() {
    }

    static BeaconFields read(ByteReader in) throws DecodeException {
        RejectReason truncated = RejectReason.TRUNCATED_BEACON;
        SuperframeSpec superframe = new SuperframeSpec(in.u16(truncated, "superframe specification"));
        // 7.2.2.1.3 GTS Specification: descriptor count b0-b2, GTS permit b7.
        int gtsSpec = in.u8(truncated, "GTS specification");
        int gtsCount = gtsSpec & 0x07;
        List<GtsDescriptor> gts = new ArrayList<>(gtsCount);
        if (gtsCount > 0) {
            // 7.2.2.1.5 GTS Directions: mask b0-b6, bit i = 1 means descriptor i is receive-only.
            int directions = in.u8(truncated, "GTS directions");
            for (int i = 0; i < gtsCount; i++) {
                int address = in.u16(truncated, "GTS descriptor");
                int slots = in.u8(truncated, "GTS descriptor");
                gts.add(new GtsDescriptor(address, slots & 0x0f, slots >>> 4, (directions >>> i & 1) != 0));
            }
        }
        // 7.2.2.1.7 Pending Address Specification: short count b0-b2, extended count b4-b6.
        int pendingSpec = in.u8(truncated, "pending address specification");
        List<ShortAddress> pendingShort = new ArrayList<>(pendingSpec & 0x07);
        for (int i = 0; i < (pendingSpec & 0x07); i++) {
            pendingShort.add(new ShortAddress(in.u16(truncated, "pending short address")));
        }
        List<ExtendedAddress> pendingExtended = new ArrayList<>((pendingSpec >>> 4) & 0x07);
        for (int i = 0; i < ((pendingSpec >>> 4) & 0x07); i++) {
            pendingExtended.add(new ExtendedAddress(in.u64(truncated, "pending extended address")));
        }
        return new BeaconFields(superframe, (gtsSpec & 0x80) != 0, gts, pendingShort, pendingExtended);
    }

    static void write(ByteWriter out, BeaconFields b) {
        out.u16(b.superframe().value());
        out.u8(b.gts().size() | (b.gtsPermit() ? 0x80 : 0));
        if (!b.gts().isEmpty()) {
            int directions = 0;
            for (int i = 0; i < b.gts().size(); i++) {
                directions |= b.gts().get(i).receiveOnly() ? 1 << i : 0;
            }
            out.u8(directions);
            for (GtsDescriptor d : b.gts()) {
                out.u16(d.deviceShortAddress());
                out.u8(d.startingSlot() | d.length() << 4);
            }
        }
        out.u8(b.pendingShort().size() | b.pendingExtended().size() << 4);
        for (ShortAddress a : b.pendingShort()) {
            out.u16(a.value());
        }
        for (ExtendedAddress a : b.pendingExtended()) {
            out.u64(a.value());
        }
    }
}
