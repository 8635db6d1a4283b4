package org.metermesh.sixlowpan.testsupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a classic pcap file (tcpdump.org file format, microsecond timestamps) for tshark to read. */
public final class PcapFile {

    /** LINKTYPE_IEEE802_15_4_NOFCS: an IEEE 802.15.4 MPDU without FCS. */
    public static final int IEEE802_15_4_NOFCS = 230;
    /** LINKTYPE_IPV6: a raw IPv6 packet. */
    public static final int IPV6 = 229;

    private PcapFile() {
    }

    public static void write(Path file, int linkType, List<byte[]> packets) throws IOException {
        int size = 24;
        for (byte[] packet : packets) {
            size += 16 + packet.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
                .putInt(linkType);
        int second = 1_767_225_600; // 2026-01-01
        for (byte[] packet : packets) {
            out.putInt(second++).putInt(0).putInt(packet.length).putInt(packet.length).put(packet);
        }
        Files.write(file, out.array());
    }

    /**
     * An IEEE 802.15.4-2006 data frame without FCS: PAN ID compression, extended source and destination, as the
     * MAC would send a 6LoWPAN payload. Addresses go least significant octet first (802.15.4-2015 7.2.1).
     */
    public static byte[] dataFrame(int sequence, int panId, long destination, long source, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(3 + 2 + 8 + 8 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        // Frame control: data (001), PAN ID compression (bit 6), dst mode extended (bits 10-11), version 2006
        // (bits 12-13 = 01), src mode extended (bits 14-15).
        frame.putShort((short) (0x0001 | 0x0040 | 0x0c00 | 0x1000 | 0xc000));
        frame.put((byte) sequence).putShort((short) panId).putLong(destination).putLong(source).put(payload);
        return frame.array();
    }
}
