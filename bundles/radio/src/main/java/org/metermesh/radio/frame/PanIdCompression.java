package org.metermesh.radio.frame;

import org.metermesh.api.radio.AddressingMode;

/**
 * Which PAN ID fields are present for a given frame version, addressing modes and PAN ID Compression bit, and the
 * reverse. The two rule sets differ:
 *
 * <ul>
 *   <li>Frame versions 0b00/0b01: IEEE 802.15.4-2006 7.2.1.1.5 (same text in 802.15.4-2015 7.2.2.6 for those
 *       versions): with both addresses present, compression 1 omits the Source PAN ID; with only one address present
 *       its PAN ID is present and compression shall be 0; with no address, no PAN ID and compression 0.</li>
 *   <li>Frame version 0b10: IEEE 802.15.4-2015 7.2.2.6, Table 7-2 (14 rows), implemented row by row below.</li>
 * </ul>
 */
final class PanIdCompression {

    /** Presence bit: the Destination PAN ID field is present. */
    static final int DST_PAN = 1;
    /** Presence bit: the Source PAN ID field is present. */
    static final int SRC_PAN = 2;
    /** The combination is not allowed. */
    static final int INVALID = -1;

    private PanIdCompression() {
    }

    /** The PAN ID fields present ({@link #DST_PAN} | {@link #SRC_PAN}), or {@link #INVALID}. */
    static int presence(FrameVersion version, AddressingMode dst, AddressingMode src, boolean compression) {
        return version.isLegacy() ? legacy(dst, src, compression) : table7x2(dst, src, compression);
    }

    /** The PAN ID Compression bit that yields these PAN ID fields, or {@link #INVALID} if none does. */
    static int compressionBit(FrameVersion version, AddressingMode dst, AddressingMode src, int panPresence) {
        if (presence(version, dst, src, false) == panPresence) {
            return 0;
        }
        if (presence(version, dst, src, true) == panPresence) {
            return 1;
        }
        return INVALID;
    }

    // IEEE 802.15.4-2006 7.2.1.1.5 PAN ID Compression subfield.
    private static int legacy(AddressingMode dst, AddressingMode src, boolean compression) {
        boolean dstPresent = dst != AddressingMode.NONE;
        boolean srcPresent = src != AddressingMode.NONE;
        if (dstPresent && srcPresent) {
            return compression ? DST_PAN : DST_PAN | SRC_PAN;
        }
        if (compression) {
            return INVALID;
        }
        return (dstPresent ? DST_PAN : 0) | (srcPresent ? SRC_PAN : 0);
    }

    // IEEE 802.15.4-2015 Table 7-2, PAN ID Compression field value for frame version 0b10.
    private static int table7x2(AddressingMode dst, AddressingMode src, boolean compression) {
        boolean dstPresent = dst != AddressingMode.NONE;
        boolean srcPresent = src != AddressingMode.NONE;
        if (!dstPresent && !srcPresent) {
            return compression ? DST_PAN : 0;                       // rows 2 / 1
        }
        if (dstPresent && !srcPresent) {
            return compression ? 0 : DST_PAN;                       // rows 4 / 3
        }
        if (!dstPresent) {
            return compression ? 0 : SRC_PAN;                       // rows 6 / 5
        }
        if (dst == AddressingMode.EXTENDED && src == AddressingMode.EXTENDED) {
            return compression ? 0 : DST_PAN;                       // rows 8 / 7
        }
        return compression ? DST_PAN : DST_PAN | SRC_PAN;           // rows 12-14 / 9-11
    }
}
