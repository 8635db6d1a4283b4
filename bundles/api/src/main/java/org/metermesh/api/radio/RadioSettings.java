package org.metermesh.api.radio;

/**
 * The radio's addressing and channel, as in the field manual's {@code iz set wpan0 0xcafe 0x0001 0x11}.
 *
 * @param panId           IEEE 802.15.4 PAN identifier, 0x0000-0xfffe (0xffff is the broadcast PAN)
 * @param shortAddress    16-bit short address, 0x0000-0xfffd (0xfffe: none assigned, 0xffff: broadcast)
 * @param extendedAddress 64-bit EUI-64 of this radio
 * @param channel         channel number of the configured channel plan
 * @param txPowerDbm      transmit power in dBm
 */
public record RadioSettings(int panId, int shortAddress, long extendedAddress, int channel, int txPowerDbm) {

    public RadioSettings {
        requireRange("panId", panId, 0, 0xfffe);
        requireRange("shortAddress", shortAddress, 0, 0xfffd);
        requireRange("channel", channel, 0, 255);
        requireRange("txPowerDbm", txPowerDbm, -40, 40);
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " " + value + " is outside " + min + ".." + max);
        }
    }
}
