package org.metermesh.radio.pcap;

import java.util.Objects;

import org.metermesh.radio.frame.FcsType;

/**
 * Per-frame radio metadata for the IEEE 802.15.4 TAP link type. Only {@link #fcsType()} is mandatory; absent
 * optional values are {@code null} and produce no TLV. Immutable: the {@code with*} methods return copies.
 *
 * @param fcsType             FCS that ends the PSDU (FCS_TYPE TLV, so readers need no preference)
 * @param rssDbm              received signal strength in dBm (RSS TLV, IEEE-754 float)
 * @param lqi                 link quality indicator 0..255 (LQI TLV; IEEE 802.15.4-2015 10.2.6)
 * @param channel             channel number and page (CHANNEL_ASSIGNMENT TLV)
 * @param channelFrequencyKhz channel center frequency in kHz (CHANNEL_FREQUENCY TLV, IEEE-754 float)
 * @param bitRate             bit rate in bit/s (BIT_RATE TLV)
 */
public record TapMetadata(FcsType fcsType, Float rssDbm, Integer lqi, ChannelAssignment channel,
        Float channelFrequencyKhz, Integer bitRate) {

    public TapMetadata {
        Objects.requireNonNull(fcsType, "fcsType");
        if (lqi != null && (lqi < 0 || lqi > 255)) {
            throw new IllegalArgumentException("LQI " + lqi + " is outside 0..255");
        }
        if (bitRate != null && bitRate < 0) {
            throw new IllegalArgumentException("bit rate " + bitRate + " is negative");
        }
    }

    /** Metadata with only the FCS type. */
    public static TapMetadata of(FcsType fcsType) {
        return new TapMetadata(fcsType, null, null, null, null, null);
    }

    public TapMetadata withRss(float dbm) {
        return new TapMetadata(fcsType, dbm, lqi, channel, channelFrequencyKhz, bitRate);
    }

    public TapMetadata withLqi(int lqi) {
        return new TapMetadata(fcsType, rssDbm, lqi, channel, channelFrequencyKhz, bitRate);
    }

    public TapMetadata withChannel(int number, int page) {
        return new TapMetadata(fcsType, rssDbm, lqi, new ChannelAssignment(number, page), channelFrequencyKhz,
                bitRate);
    }

    public TapMetadata withChannelFrequencyKhz(float khz) {
        return new TapMetadata(fcsType, rssDbm, lqi, channel, khz, bitRate);
    }

    public TapMetadata withBitRate(int bitsPerSecond) {
        return new TapMetadata(fcsType, rssDbm, lqi, channel, channelFrequencyKhz, bitsPerSecond);
    }
}
