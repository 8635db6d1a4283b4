package org.metermesh.radio.frame;

/**
 * The IEEE 802.15.4 16-bit FCS: generator x^16 + x^12 + x^5 + 1 (0x1021), processed least significant bit first
 * (reflected polynomial 0x8408), initial remainder 0x0000, no final XOR (IEEE 802.15.4-2015 7.2.10.1, Figure 7-20).
 * Table-driven, one octet per step.
 */
final class Crc16Itu {

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
            }
            TABLE[i] = crc;
        }
    }

    private Crc16Itu() {
    }

    static int compute(byte[] b, int off, int len) {
        int crc = 0;
        for (int i = off, end = off + len; i < end; i++) {
            crc = (crc >>> 8) ^ TABLE[(crc ^ b[i]) & 0xff];
        }
        return crc;
    }
}
