package org.metermesh.radio.zep;

import java.io.ByteArrayOutputStream;

/**
 * Hand-built IEEE 802.15.4-2006 data frames, independent of the frame codec: frame control 0x9841 (data, PAN ID
 * compression, short destination and source, version 2006), sequence number, PAN, addresses, payload and the
 * ITU-T CRC-16 FCS of IEEE 802.15.4-2020 7.2.10 (x^16 + x^12 + x^5 + 1, reflected, initial value 0).
 */
final class TestFrames {

    private TestFrames() {
    }

    /**
     * @param payload starts with a 6LoWPAN NALP dispatch (00xxxxxx) so dissectors treat it as plain data
     */
    static byte[] data(int sequence, int pan, int destination, int source, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x41);
        frame.write(0x98);
        frame.write(sequence);
        writeShort(frame, pan);
        writeShort(frame, destination);
        writeShort(frame, source);
        frame.writeBytes(payload);
        int fcs = crc16(frame.toByteArray());
        writeShort(frame, fcs);
        return frame.toByteArray();
    }

    static int crc16(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc ^= b & 0xff;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
            }
        }
        return crc;
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value & 0xff);
        out.write(value >>> 8 & 0xff);
    }
}
