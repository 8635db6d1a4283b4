package org.metermesh.api.radio;

/**
 * The radio's addressing and channel, as in the field manual's {@code iz set wpan0 0xcafe 0x0001 0x11}.
 *
 * @param panId           IEEE 802.15.4 PAN identifier, 0x0000-0xfffe (0xffff is the broadcast PAN)
 * @param shortAddress    16-bit short address, 0x0000-0xfffd, or 0xfffe: none assigned
 * @param extendedAddress 64-bit EUI-64 of this radio
 * @param channel         channel number of the configured channel plan
 * @param txPowerDbm      transmit power in dBm
 */
public record RadioSettings(int panId, int shortAddress, long extendedAddress, int channel, int txPowerDbm) {

    /** macShortAddress value meaning "none allocated: use the extended address" (IEEE 802.15.4-2015 8.4.3.1). */
    public static final int NO_SHORT_ADDRESS = 0xfffe;

    public RadioSettings {
        requireRange("panId", panId, 0, 0xfffe);
        requireRange("shortAddress", shortAddress, 0, NO_SHORT_ADDRESS);
        requireRange("channel", channel, 0, 255);
        requireRange("txPowerDbm", txPowerDbm, -40, 40);
    }

    /** The address this radio puts in the source field of its frames: its short address if it has one. */
    public MacAddress linkAddress() {
        return shortAddress < NO_SHORT_ADDRESS ? ShortAddress.of(shortAddress) : ExtendedAddress.of(extendedAddress);
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " " + value + " is outside " + min + ".." + max);
        }
    }
}
