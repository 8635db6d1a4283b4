package org.metermesh.radio.pcap;

/**
 * A channel number within a channel page (IEEE 802.15.4-2015 10.1.2 Channel assignments), as the TAP
 * CHANNEL_ASSIGNMENT TLV carries it: 2.4 GHz O-QPSK channels 11-26 are page 0.
 *
 * @param number 0..65535
 * @param page   0..255
 */
public record ChannelAssignment(int number, int page) {

    public ChannelAssignment {
        if (number < 0 || number > 0xffff || page < 0 || page > 0xff) {
            throw new IllegalArgumentException("channel " + number + " page " + page + " out of range");
        }
    }
}
