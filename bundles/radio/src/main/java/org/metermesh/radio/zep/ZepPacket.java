package org.metermesh.radio.zep;

import java.util.Arrays;

/**
 * A ZigBee Encapsulation Protocol version 2 packet, the UDP encapsulation of IEEE 802.15.4 frames that Wireshark
 * dissects (epan/dissectors/packet-zep.c) and RIOT (sys/include/net/zep.h) and Contiki emit. Immutable values,
 * validated on construction.
 */
public sealed interface ZepPacket {

    /** The UDP port registered for ZEP (IANA "zep", 17754). */
    int UDP_PORT = 17754;

    /**
     * Type 1: one 802.15.4 frame heard or sent on a channel.
     *
     * @param channel      channel the frame is on, 0-255 (the 2.4 GHz pages use 11-26)
     * @param deviceId     16-bit id of the station that captured or sent the frame
     * @param crcMode      true ("CRC mode"): the PSDU ends with its FCS, as RIOT and Contiki send it; false ("LQI
     *                     mode"): the last two octets are TI CC24xx metadata (RSSI, CRC-OK bit and correlation)
     * @param lqi          link quality indication; Wireshark shows it only in LQI mode
     * @param ntpTimestamp capture time as a 64-bit NTP timestamp (RFC 5905 6)
     * @param sequence     unsigned 32-bit sequence number of the sender
     * @param psdu         the MAC frame, at most 127 octets (the header's length field has seven bits)
     */
    record Data(int channel, int deviceId, boolean crcMode, int lqi, long ntpTimestamp, long sequence, byte[] psdu)
            implements ZepPacket {

        public Data {
            requireRange("channel", channel, 0, 0xff);
            requireRange("deviceId", deviceId, 0, 0xffff);
            requireRange("lqi", lqi, 0, 0xff);
            if (sequence < 0 || sequence > 0xffffffffL) {
                throw new IllegalArgumentException("sequence " + sequence + " is not an unsigned 32-bit number");
            }
            requireRange("psdu length", psdu.length, ZepCodec.MIN_PSDU, ZepCodec.MAX_PSDU);
            psdu = psdu.clone();
        }

        @Override
        public byte[] psdu() {
            return psdu.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Data that && channel == that.channel && deviceId == that.deviceId
                    && crcMode == that.crcMode && lqi == that.lqi && ntpTimestamp == that.ntpTimestamp
                    && sequence == that.sequence && Arrays.equals(psdu, that.psdu);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(new long[] {channel, deviceId, crcMode ? 1 : 0, lqi, ntpTimestamp, sequence})
                    * 31 + Arrays.hashCode(psdu);
        }

        @Override
        public String toString() {
            return "ZepData[channel=" + channel + ", device=" + deviceId + ", " + (crcMode ? "CRC" : "LQI")
                    + " mode, lqi=" + lqi + ", seq=" + sequence + ", psdu=" + psdu.length + " octets]";
        }
    }

    /** Type 2: acknowledges the data packet with this sequence number. */
    record Ack(long sequence) implements ZepPacket {
        public Ack {
            if (sequence < 0 || sequence > 0xffffffffL) {
                throw new IllegalArgumentException("sequence " + sequence + " is not an unsigned 32-bit number");
            }
        }
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " " + value + " is outside " + min + ".." + max);
        }
    }
}
