package org.metermesh.rpl.testsupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes IPv6 packets to a classic pcap file with LINKTYPE_RAW (101): no link-layer header. */
public final class RawIpPcap {

    private static final int LINKTYPE_RAW = 101;

    private RawIpPcap() {
    }

    public static void write(Path file, List<byte[]> packets) throws IOException {
        int size = 24;
        for (byte[] p : packets) {
            size += 16 + p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
                .putInt(LINKTYPE_RAW);
        int seconds = 1_767_225_600; // 2026-01-01T00:00:00Z
        for (byte[] p : packets) {
            b.putInt(seconds++).putInt(0).putInt(p.length).putInt(p.length).put(p);
        }
        Files.write(file, b.array());
    }
}
