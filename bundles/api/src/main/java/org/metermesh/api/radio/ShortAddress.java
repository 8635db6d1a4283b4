package org.metermesh.api.radio;

/**
 * A 16-bit short address. 0xffff is the broadcast address, 0xfffe means "no short address allocated, use the
 * extended address" (IEEE 802.15.4-2015 6.4.1 / 8.4.3.1 macShortAddress).
 *
 * @param value 0x0000-0xffff
 */
public record ShortAddress(int value) implements MacAddress {

    public static final ShortAddress BROADCAST = new ShortAddress(0xffff);

    public ShortAddress {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException("short address " + value + " is outside 0x0000..0xffff");
        }
    }

    public static ShortAddress of(int value) {
        return new ShortAddress(value);
    }

    @Override
    public AddressingMode mode() {
        return AddressingMode.SHORT;
    }

    public boolean isBroadcast() {
        return value == 0xffff;
    }

    @Override
    public String toString() {
        return String.format("0x%04x", value);
    }
}
