package org.metermesh.radio.pcap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds the IEEE 802.15.4 TAP header that precedes the PSDU in LINKTYPE 283 records.
 *
 * <p>IEEE 802.15.4 TAP Link Type Specification v1.1 (https://github.com/jkcko/ieee802.15.4-tap), all fields
 * little-endian: header = version (1 octet, 0), reserved (1 octet, 0), length (2 octets: header plus TLVs, a
 * multiple of 4); each TLV = type (2), length (2, without padding), value zero-padded to 32 bits. TLV types used:
 * 0 FCS_TYPE (1 octet), 1 RSS (float dBm), 2 BIT_RATE (uint32 bit/s), 3 CHANNEL_ASSIGNMENT (uint16 channel,
 * uint8 page), 10 LQI (1 octet), 11 CHANNEL_FREQUENCY (float kHz).
 */
final class TapHeaderEncoder {

    static final int TLV_FCS_TYPE = 0;
    static final int TLV_RSS = 1;
    static final int TLV_BIT_RATE = 2;
    static final int TLV_CHANNEL_ASSIGNMENT = 3;
    static final int TLV_LQI = 10;
    static final int TLV_CHANNEL_FREQUENCY = 11;

    private TapHeaderEncoder() {
    }

    static int length(TapMetadata m) {
        int n = 4 + 8;  // header + FCS_TYPE
        n += m.rssDbm() != null ? 8 : 0;
        n += m.bitRate() != null ? 8 : 0;
        n += m.channel() != null ? 8 : 0;
        n += m.lqi() != null ? 8 : 0;
        n += m.channelFrequencyKhz() != null ? 8 : 0;
        return n;
    }

    static void write(ByteBuffer out, TapMetadata m) {
        out.order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 0).put((byte) 0).putShort((short) length(m));
        tlv(out, TLV_FCS_TYPE, 1).put((byte) m.fcsType().tapCode()).put(new byte[3]);
        if (m.rssDbm() != null) {
            tlv(out, TLV_RSS, 4).putFloat(m.rssDbm());
        }
        if (m.bitRate() != null) {
            tlv(out, TLV_BIT_RATE, 4).putInt(m.bitRate());
        }
        if (m.channel() != null) {
            tlv(out, TLV_CHANNEL_ASSIGNMENT, 3).putShort((short) m.channel().number())
                    .put((byte) m.channel().page()).put((byte) 0);
        }
        if (m.lqi() != null) {
            tlv(out, TLV_LQI, 1).put((byte) (int) m.lqi()).put(new byte[3]);
        }
        if (m.channelFrequencyKhz() != null) {
            tlv(out, TLV_CHANNEL_FREQUENCY, 4).putFloat(m.channelFrequencyKhz());
        }
    }

    private static ByteBuffer tlv(ByteBuffer out, int type, int length) {
        return out.putShort((short) type).putShort((short) length);
    }
}
