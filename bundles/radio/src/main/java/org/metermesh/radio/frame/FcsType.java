package org.metermesh.radio.frame;

import java.util.zip.CRC32;

/**
 * The Frame Check Sequence at the end of the MPDU.
 *
 * <ul>
 *   <li>{@link #CRC16}: IEEE 802.15.4-2015 7.2.10.1, the ITU-T CRC-16 x^16 + x^12 + x^5 + 1 computed LSB first
 *       with initial remainder 0 and no final XOR (Wireshark: crc16_ccitt with seed 0 and the XOR undone; the
 *       CRC catalogue's CRC-16/KERMIT). Sent least significant octet first.</li>
 *   <li>{@link #CRC32}: IEEE 802.15.4-2015 7.2.10.2, the 32-bit CRC used by SUN and TVWS PHYs (phyFcsType); the
 *       ITU-T V.42 / IEEE 802.3 CRC-32 (Wireshark: crc32_ccitt), sent least significant octet first.</li>
 *   <li>{@link #NONE}: no FCS, for radios that strip it after checking it in hardware.</li>
 * </ul>
 *
 * <p>The TAP code is the FCS Type TLV value of the IEEE 802.15.4 TAP link type (LINKTYPE 283).
 */
public enum FcsType {
    NONE(0, 0),
    CRC16(2, 1),
    CRC32(4, 2);

    private final int length;
    private final int tapCode;

    FcsType(int length, int tapCode) {
        this.length = length;
        this.tapCode = tapCode;
    }

    /** Octets of the FCS field. */
    public int length() {
        return length;
    }

    /** Value of the TAP FCS Type TLV (jkcko/ieee802.15.4-tap 3.1: 0 none, 1 16-bit CRC, 2 32-bit CRC). */
    public int tapCode() {
        return tapCode;
    }

    /** The FCS over {@code len} octets from {@code off}, as an unsigned value. */
    public long compute(byte[] b, int off, int len) {
        switch (this) {
            case CRC16:
                return Crc16Itu.compute(b, off, len);
            case CRC32:
                CRC32 crc = new CRC32();
                crc.update(b, off, len);
                return crc.getValue();
            default:
                return 0;
        }
    }

    /** Writes the FCS of {@code b[off, off+len)} little-endian right after it. */
    public void append(byte[] b, int off, int len) {
        long fcs = compute(b, off, len);
        for (int i = 0; i < length; i++) {
            b[off + len + i] = (byte) (fcs >>> (8 * i));
        }
    }

    /** Whether the last {@link #length()} octets of {@code b[off, off+len)} are the FCS of the octets before. */
    public boolean verify(byte[] b, int off, int len) {
        int body = len - length;
        long received = 0;
        for (int i = 0; i < length; i++) {
            received |= (long) (b[off + body + i] & 0xff) << (8 * i);
        }
        return received == compute(b, off, body);
    }
}
