package org.metermesh.radio.frame;

/**
 * One GTS descriptor of a 2003/2006 beacon with its direction bit.
 *
 * <p>IEEE 802.15.4-2006 7.2.2.1.6 (Figure 51): Device Short Address (2 octets), GTS Starting Slot b0-b3 and GTS
 * Length b4-b7 (1 octet). The direction comes from the GTS Directions field (7.2.2.1.5, Figure 50): bit i set means
 * descriptor i is a receive-only GTS.
 *
 * @param deviceShortAddress 0x0000..0xffff
 * @param startingSlot       0..15
 * @param length             0..15 superframe slots
 * @param receiveOnly        direction bit
 */
public record GtsDescriptor(int deviceShortAddress, int startingSlot, int length, boolean receiveOnly) {

    public GtsDescriptor {
        if (deviceShortAddress < 0 || deviceShortAddress > 0xffff) {
            throw new IllegalArgumentException("GTS device address " + deviceShortAddress + " is not 16 bits");
        }
        if (startingSlot < 0 || startingSlot > 15 || length < 0 || length > 15) {
            throw new IllegalArgumentException("GTS starting slot and length must be 0..15");
        }
    }
}
