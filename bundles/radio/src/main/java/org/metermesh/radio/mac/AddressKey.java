package org.metermesh.radio.mac;

import org.metermesh.api.radio.ExtendedAddress;
import org.metermesh.api.radio.MacAddress;
import org.metermesh.api.radio.ShortAddress;

/**
 * A MAC address as a kind and a number, for the MAC's per-source tables: two primitives tell addresses apart without
 * visiting the address objects, which a node hearing hundreds of sources would otherwise do for every frame.
 */
final class AddressKey {

    /** The kinds are non-zero, so a table may mark an empty slot with 0. */
    static final byte EXTENDED = 1;
    static final byte SHORT = 2;
    /** No address field ({@link MacAddress#NONE}). */
    static final byte ABSENT = 3;

    private AddressKey() {
    }

    static byte kind(MacAddress address) {
        if (address instanceof ExtendedAddress) {
            return EXTENDED;
        }
        return address instanceof ShortAddress ? SHORT : ABSENT;
    }

    /** The EUI-64's or short address's value; 0 for no address. */
    static long value(MacAddress address) {
        if (address instanceof ExtendedAddress e) {
            return e.value();
        }
        return address instanceof ShortAddress s ? s.value() : 0;
    }
}
