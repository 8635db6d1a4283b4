package org.metermesh.radio.frame;

/**
 * The Superframe Specification field of a 2003/2006 beacon, kept as its raw 16-bit value (reserved bit included).
 *
 * <p>IEEE 802.15.4-2006 7.2.2.1.2 (Figure 47; 802.15.4-2015 7.3.1.3, Figure 7-6): Beacon Order b0-b3, Superframe
 * Order b4-b7, Final CAP Slot b8-b11, Battery Life Extension b12, reserved b13, PAN Coordinator b14,
 * Association Permit b15. Little-endian on air.
 *
 * @param value 0x0000..0xffff
 */
public record SuperframeSpec(int value) {

    public SuperframeSpec {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException("superframe specification " + value + " is not 16 bits");
        }
    }

    /** A superframe specification; beacon order 15 means a non-beacon-enabled PAN. */
    public static SuperframeSpec of(int beaconOrder, int superframeOrder, int finalCapSlot,
            boolean batteryLifeExtension, boolean panCoordinator, boolean associationPermit) {
        requireNibble("beacon order", beaconOrder);
        requireNibble("superframe order", superframeOrder);
        requireNibble("final CAP slot", finalCapSlot);
        return new SuperframeSpec(beaconOrder | superframeOrder << 4 | finalCapSlot << 8
                | (batteryLifeExtension ? 0x1000 : 0) | (panCoordinator ? 0x4000 : 0)
                | (associationPermit ? 0x8000 : 0));
    }

    private static void requireNibble(String name, int v) {
        if (v < 0 || v > 15) {
            throw new IllegalArgumentException(name + " " + v + " is outside 0..15");
        }
    }

    public int beaconOrder() {
        return value & 0x0f;
    }

    public int superframeOrder() {
        return (value >>> 4) & 0x0f;
    }

    public int finalCapSlot() {
        return (value >>> 8) & 0x0f;
    }

    public boolean batteryLifeExtension() {
        return (value & 0x1000) != 0;
    }

    public boolean panCoordinator() {
        return (value & 0x4000) != 0;
    }

    public boolean associationPermit() {
        return (value & 0x8000) != 0;
    }
}
