package org.metermesh.radio.serial;

/**
 * CRC-16/X.25, the 16-bit frame check sequence of HDLC and PPP: polynomial x^16 + x^12 + x^5 + 1 processed
 * least significant bit first (0x8408), initial value 0xffff, final complement. Check value for the ASCII bytes
 * "123456789" is 0x906e.
 *
 * <p>Table-driven as in <a href="https://www.rfc-editor.org/rfc/rfc1662#appendix-C.2">RFC 1662 Appendix C.2</a>
 * ("16-bit FCS Computation Method"); OpenThread's HDLC-lite (src/lib/hdlc/hdlc.cpp) uses the same table.
 */
public final class Crc16X25 {

    /** Register value before the first octet (RFC 1662 C.2: PPPINITFCS16). */
    static final int INITIAL = 0xffff;

    private static final int[] TABLE = table();

    private Crc16X25() {
    }

    /** The FCS of {@code length} bytes of {@code data} from {@code offset}, complemented, ready to send. */
    public static int compute(byte[] data, int offset, int length) {
        int crc = INITIAL;
        for (int i = offset; i < offset + length; i++) {
            crc = update(crc, data[i]);
        }
        return crc ^ 0xffff;
    }

    public static int compute(byte[] data) {
        return compute(data, 0, data.length);
    }

    /** Feeds one octet into a running (not yet complemented) register. */
    static int update(int crc, byte octet) {
        return (crc >>> 8) ^ TABLE[(crc ^ octet) & 0xff];
    }

    /** RFC 1662 C.1: the table generator for the reflected polynomial 0x8408. */
    private static int[] table() {
        int[] table = new int[256];
        for (int b = 0; b < 256; b++) {
            int v = b;
            for (int bit = 0; bit < 8; bit++) {
                v = (v & 1) != 0 ? (v >>> 1) ^ 0x8408 : v >>> 1;
            }
            table[b] = v;
        }
        return table;
    }
}
